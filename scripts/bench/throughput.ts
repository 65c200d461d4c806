/**
 * Throughput: each library encodes each document of a text once per round, in its own call,
 * and a round's MB/s is the text's bytes over the summed time. Caches are emptied and refilled
 * with the warm-up text at the start of every round, so every measured document is new to the
 * cache that sees it; the libraries' order rotates from round to round.
 *
 * "Split only" times the pre-tokenizer alone, `matchAll` of `spec.jsPattern` against our
 * hand-written scanner on the same documents: the ceiling of a full encode.
 *
 *   runThroughput(libs, texts, warm, 5).mbps["ours"]["prose"] → [MB/s of round 1, …, round 5]
 */
import { median } from "../../src/lib/median.js";
import { gc, MB, now, progress } from "./common.js";
import type { Corpus } from "./corpora.js";
import { LIB_IDS, type EncName, type Lib, type LibId } from "./libraries.js";

const utf8 = new TextEncoder();

export interface Throughput {
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

export function runThroughput(libs: Lib[], texts: Corpus[], warm: Corpus, rounds: number): Throughput {
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
export function countMismatch(counts: number[], ref: number[]): { docs: number; tokens: number } {
  let docs = 0,
    tokens = 0;
  for (let i = 0; i < ref.length; i++) {
    if (counts[i] !== ref[i]) {
      docs++;
      tokens += counts[i] - ref[i];
    }
  }
  return { docs, tokens };
}

// ---- split only -------------------------------------------------------------------------

export interface SplitResult {
  regexMbps: number;
  scannerMbps: number;
  /** Documents where the scanner and the RegExp disagree on the number of pieces. */
  disagree: number;
}

export async function runSplitOnly(enc: EncName, text: Corpus, rounds: number): Promise<SplitResult> {
  // Imported here, not at the top: the load-time child must start without our engine loaded.
  const { getEncodingSpec, PRETOKENIZERS } = await import("../../src/engine/index.js");
  const spec = getEncodingSpec(enc);
  const scanner = spec.kind === "tiktoken" && spec.pretokenizer ? PRETOKENIZERS[spec.pretokenizer] : undefined;
  if (!scanner) throw new Error(`${enc} has no hand-written scanner`);
  const re = new RegExp(spec.jsPattern, "gu");
  // UTF-8 conversion is outside the timing: this measures the scanner alone.
  const bufs = text.docs.map((d) => utf8.encode(d));
  const ends = new Int32Array(Math.max(...bufs.map((b) => b.length)) + 1);
  const regexCounts: number[] = [],
    scanCounts: number[] = [];
  const regexMbps: number[] = [],
    scannerMbps: number[] = [];
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
    bufs.forEach((b, i) => {
      scanCounts[i] = scanner(text.docs[i], b, b.length, ends);
    });
    scannerMbps.push(text.bytes / MB / ((now() - start) / 1000));
  }
  return {
    regexMbps: median(regexMbps),
    scannerMbps: median(scannerMbps),
    disagree: countMismatch(scanCounts, regexCounts).docs,
  };
}
