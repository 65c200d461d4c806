/**
 * Byte-pair merging of one pre-tokenized piece, exactly as tiktoken does it.
 *
 * Start from single bytes. Repeatedly merge the adjacent pair whose concatenated bytes have
 * the lowest rank in the vocabulary, the leftmost one on ties, until no adjacent pair is a
 * token. The parts left are the tokens. Worked example with cl100k_base, piece " tokenizer":
 *
 *   " " "t" "o" "k" "e" "n" "i" "z" "e" "r"
 *   → " t" "o" "k" "e" "n" "i" "z" "e" "r"      (" t" has the lowest rank of all pairs)
 *   → ... → " token" "izer"                      ([4037, 3213])
 *
 * Two implementations give the same result:
 * - `mergeSmall`: tiktoken's `_byte_pair_merge`, a linear scan for the minimum per merge,
 *   O(n²) but fastest for the short pieces that make up almost all text;
 * - `mergeLarge`: a binary heap of candidate merges with lazy deletion, O(n log n), for long
 *   pieces (a megabyte of "a" is one piece), so hostile input costs linear-ish time.
 */
import { heapify, heapPop, heapPush, KEY_SHIFT, NO_MERGE } from "./heap.js";
import { HASH_POW, type Vocab } from "./vocab.js";

/**
 * Pieces longer than this many bytes merge with a heap (`mergeLarge`, and `hf/merges.ts`'s
 * queues) rather than a scan: below it the O(n²) scan is faster (nearly every piece of real text
 * is shorter); above it the scan's cost grows with the square and hostile input could exploit it.
 */
export const LARGE_PIECE = 64;

/** Hash of part A followed by part B, from their hashes (see `hashBytes`). */
function combine(hashA: number, hashB: number, lengthB: number): number {
  return (Math.imul(hashA, HASH_POW[lengthB]) + hashB) | 0;
}

/** Rank of `buf[a..c)`, where `buf[a..b)` hashes to `hA` and `buf[b..c)` to `hB`; NO_MERGE when not a token. */
function pairRank(vocab: Vocab, buf: Uint8Array, a: number, b: number, c: number, hA: number, hB: number): number {
  if (c - a > vocab.maxTokenLength) return NO_MERGE;
  const r = vocab.rankOfHashed(combine(hA, hB, c - b), buf, a, c);
  return r < 0 ? NO_MERGE : r;
}

// Scratch space reused across calls (the engine is synchronous, so this is safe).
let posBuf = new Int32Array(LARGE_PIECE + 2);
let rankBuf = new Int32Array(LARGE_PIECE + 2);
let hashBuf = new Int32Array(LARGE_PIECE + 2);
let tokBuf = new Int32Array(LARGE_PIECE + 2);

/** Append the tokens of `buf[s..e)` (at least 2 bytes, not itself a token) to `out`. */
export function mergePiece(vocab: Vocab, buf: Uint8Array, s: number, e: number, out: number[]): void {
  if (e - s > LARGE_PIECE) mergeLarge(vocab, buf, s, e, out);
  else mergeSmall(vocab, buf, s, e, out);
}

/**
 * tiktoken's algorithm. Part k starts at `pos[k]`, is the token `tok[k]` and hashes to
 * `hash[k]`; `rank[k]` is the rank of part k merged with part k+1 (NO_MERGE when not a token).
 */
export function mergeSmall(vocab: Vocab, buf: Uint8Array, s: number, e: number, out: number[]): void {
  const n = e - s;
  if (posBuf.length < n + 2) {
    posBuf = new Int32Array(n + 2);
    rankBuf = new Int32Array(n + 2);
    hashBuf = new Int32Array(n + 2);
    tokBuf = new Int32Array(n + 2);
  }
  const pos = posBuf,
    rank = rankBuf,
    hash = hashBuf,
    tok = tokBuf;
  const pairs = vocab.pairRank,
    byteRank = vocab.byteRank;
  let parts = n; // pos[parts] === e
  for (let k = 0; k < n; k++) {
    const b = buf[s + k];
    pos[k] = s + k;
    hash[k] = b;
    tok[k] = byteRank[b];
    const r = k + 1 < n ? pairs[(b << 8) | buf[s + k + 1]] : -1;
    rank[k] = r < 0 ? NO_MERGE : r;
  }
  pos[n] = e;
  for (;;) {
    let min = NO_MERGE,
      at = -1;
    for (let k = 0; k < parts - 1; k++) {
      if (rank[k] < min) {
        min = rank[k];
        at = k;
      }
    }
    if (at < 0) break;
    // Part `at` absorbs part `at + 1`.
    hash[at] = combine(hash[at], hash[at + 1], pos[at + 2] - pos[at + 1]);
    tok[at] = min;
    parts--;
    for (let k = at + 1; k < parts; k++) {
      pos[k] = pos[k + 1];
      rank[k] = rank[k + 1];
      hash[k] = hash[k + 1];
      tok[k] = tok[k + 1];
    }
    pos[parts] = e;
    rank[parts - 1] = NO_MERGE;
    // Two pair ranks changed: the merged part with its right neighbour, its left neighbour with it.
    rank[at] =
      at + 1 < parts ? pairRank(vocab, buf, pos[at], pos[at + 1], pos[at + 2], hash[at], hash[at + 1]) : NO_MERGE;
    if (at > 0) rank[at - 1] = pairRank(vocab, buf, pos[at - 1], pos[at], pos[at + 1], hash[at - 1], hash[at]);
  }
  for (let k = 0; k < parts; k++) out.push(tok[k]);
}

/**
 * The same merges with a heap. Parts form a linked list by their start offsets (relative to
 * `s`). Each part's fields sit side by side in `part` (stride 5: next, prev, pair rank, hash,
 * token), so a merge touches a few cache lines, not five arrays: a megabyte-long piece is
 * bound by memory, not arithmetic. Pair rank is NO_MERGE for no merge, -1 once the part is gone.
 * Heap keys are rank · 2³² + start (`heap.ts`), so the smallest key is the lowest rank,
 * leftmost on ties, as in tiktoken. Stale keys are skipped when popped.
 */
const NEXT = 0,
  PREV = 1,
  RANK = 2,
  HASH = 3,
  TOK = 4,
  STRIDE = 5;

export function mergeLarge(vocab: Vocab, buf: Uint8Array, s: number, e: number, out: number[]): void {
  const n = e - s;
  const part = new Int32Array(n * STRIDE);
  let heap = new Float64Array(n + 16);
  const pairs = vocab.pairRank,
    byteRank = vocab.byteRank;
  let size = 0;
  for (let i = 0, at = 0; i < n; i++, at += STRIDE) {
    const b = buf[s + i];
    part[at + NEXT] = i + 1;
    part[at + PREV] = i - 1;
    part[at + HASH] = b;
    part[at + TOK] = byteRank[b];
    const r = i + 1 < n ? pairs[(b << 8) | buf[s + i + 1]] : -1;
    part[at + RANK] = r < 0 ? NO_MERGE : r;
    if (r >= 0) heap[size++] = r * KEY_SHIFT + i;
  }
  heapify(heap, size);

  /** Rank of the part at i merged with its successor. */
  const rankAt = (i: number): number => {
    const j = part[i * STRIDE + NEXT];
    return j >= n
      ? NO_MERGE
      : pairRank(
          vocab,
          buf,
          s + i,
          s + j,
          s + part[j * STRIDE + NEXT],
          part[i * STRIDE + HASH],
          part[j * STRIDE + HASH],
        );
  };
  const push = (key: number) => {
    heap = heapPush(heap, size++, key);
  };

  while (size > 0) {
    const key = heapPop(heap, size--);
    const rank = Math.floor(key / KEY_SHIFT);
    const i = key - rank * KEY_SHIFT;
    const pi = i * STRIDE;
    if (part[pi + RANK] !== rank) continue; // stale: the part changed or is gone
    // Part i absorbs its successor j.
    const j = part[pi + NEXT],
      pj = j * STRIDE;
    const k = part[pj + NEXT];
    part[pi + HASH] = combine(part[pi + HASH], part[pj + HASH], k - j);
    part[pi + TOK] = rank;
    part[pi + NEXT] = k;
    if (k < n) part[k * STRIDE + PREV] = i;
    part[pj + RANK] = -1;
    const r = rankAt(i);
    part[pi + RANK] = r;
    if (r !== NO_MERGE) push(r * KEY_SHIFT + i);
    const p = part[pi + PREV];
    if (p >= 0) {
      const rp = rankAt(p);
      part[p * STRIDE + RANK] = rp;
      if (rp !== NO_MERGE) push(rp * KEY_SHIFT + p);
    }
  }
  for (let i = 0; i < n; i = part[i * STRIDE + NEXT]) out.push(part[i * STRIDE + TOK]);
}
