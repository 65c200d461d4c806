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
 *
 * This file runs the steps; each measure is a module of scripts/bench/: corpora.ts (the texts),
 * libraries.ts (the five tokenizers), throughput.ts (throughput, and the split alone),
 * worst-case.ts, load.ts (load time and memory, in child processes) and report.ts (the tables,
 * the targets, met or not); common.ts holds what the other benchmark scripts share too.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { gc, now, progress, t0, writeReadmeSection } from "./bench/common.js";
import { buildCorpora, type Corpus } from "./bench/corpora.js";
import { ENCODINGS, LIB_IDS, openLib, type EncName, type Lib, type LibId } from "./bench/libraries.js";
import { measureLoadChild, runLoad, runParse } from "./bench/load.js";
import { report, type EncResults } from "./bench/report.js";
import { runSplitOnly, runThroughput, type SplitResult } from "./bench/throughput.js";
import { runWorstCase, WORST_KINDS, type WorstResult } from "./bench/worst-case.js";

async function benchEncoding(
  enc: EncName,
  texts: Corpus[],
  warm: Corpus,
  rounds: number,
  peerWorstAll: boolean,
): Promise<EncResults> {
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
    if (!LIB_IDS.includes(lib) || !ENCODINGS.includes(enc))
      throw new Error(`usage: --measure-load <${LIB_IDS.join("|")}> <${ENCODINGS.join("|")}>`);
    await measureLoadChild(lib, enc);
    return;
  }
  const rounds = Number(argValue(args, "--rounds") ?? 5);
  const peerWorstAll = args.includes("--peer-worst-all");
  progress("building corpora");
  const { texts, warm } = buildCorpora();
  for (const t of [...texts, warm])
    progress(`  ${t.label}: ${(t.bytes / 1000).toFixed(0)} KB, ${t.docs.length} documents`);
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
    writeReadmeSection("bench", section);
    progress("README.md updated");
  }
}

await main();
