/**
 * Load time and memory: each library's encoding loaded in a fresh Node process (the child
 * mode of scripts/bench.ts, `--measure-load <lib> <encoding>`), which prints one line of JSON;
 * the parent takes the median of a few children. A clean heap is where an application loads
 * its tokenizer, and the only way to see what one library costs on its own.
 *
 *   runLoad("o200k_base") → [{ lib: "ours", loadMs: …, totalMB: …, …, parseMs: … }, …]
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { median } from "../../src/lib/median.js";
import { gc, MB, now, progress, ROOT } from "./common.js";
import { LIB_IDS, openLib, type EncName, type LibId } from "./libraries.js";

/** The entry point whose `--measure-load` mode is the child. */
const BENCH_SCRIPT = path.join(ROOT, "scripts", "bench.ts");

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
export async function measureLoadChild(lib: LibId, enc: EncName): Promise<void> {
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
  const args = ["--expose-gc", "--import", "tsx", BENCH_SCRIPT, "--measure-load", lib, enc];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 20 });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) throw new Error(`load child for ${lib} ${enc} failed:\n${r.stderr}`);
  return JSON.parse(line) as LoadMeasure;
}

export const LOAD_REPEATS = 3;

export interface LoadRow {
  lib: LibId;
  loadMs: number;
  totalMB: number;
  heapMB: number;
  externalMB: number;
  rssMB: number;
  parseMs?: number;
}

/** Each library's `enc` in fresh child processes; medians of a few. */
export function runLoad(enc: EncName): LoadRow[] {
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
export function runParse(load: LoadRow[]): Record<EncName, number> {
  const o200k = load.find((l) => l.lib === "ours")?.parseMs ?? NaN;
  const cl100k = spawnLoad("ours", "cl100k_base").parseMs ?? NaN;
  return { o200k_base: o200k, cl100k_base: cl100k };
}

/** Our fresh parse (read + sha256 check + build), median of five, in this process. */
async function oursParseMs(enc: EncName): Promise<number> {
  const { createEncoding, getEncodingSpec } = await import("../../src/engine/index.js");
  const { readVocabText } = await import("../../src/engine/node.js");
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
