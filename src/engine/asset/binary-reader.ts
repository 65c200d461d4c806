/**
 * Reading a TXVB file (`binary-format.ts`) back into its tokens, in two passes over the ranks:
 * the first finds each token's length and place in one byte pool, checking every reference;
 * the second builds every token from its parts, in rank order, and its hash (`core/vocab.ts`'s
 * `hashBytes`, composed from its parts'). For the worked example's file:
 *
 *   decodeBinary(bytes).length   → [1, 1, 2, -1, 3, 3]        (rank 3 is a gap)
 *   decodeBinary(bytes).pool     → "a" "b" "ab" "abb" "xyz", back to back
 *
 * Anything malformed throws a plain description (truncated, a pair that refers to a later
 * rank, trailing bytes, …), which `load-binary.ts` wraps with the asset's name.
 */
import {
  BINARY_MODEL_VERSION,
  KIND_BYTE,
  KIND_GAP,
  KIND_LITERAL,
  KIND_PAIR,
  planesFor,
  readBinaryVocabHeader,
} from "./binary-format.js";
import { HASH_POW, hashBytes } from "../core/vocab.js";

/** A decoded binary vocabulary: the tokens as `Vocab.fromPool` takes them. */
export interface DecodedBinary {
  pool: Uint8Array;
  start: Int32Array;
  /** Each rank's length in bytes, -1 for an unused rank. */
  length: Int32Array;
  /** Each rank's `hashBytes`, composed from its parts' hashes as the tokens are built. */
  hashes: Int32Array;
  /** Version 2: each merge's token made and the length of its left part. */
  merges?: { made: Int32Array; split: Int32Array };
}

/** Decode every token of a TXVB file (and its merge list, in version 2). */
export function decodeBinary(bytes: Uint8Array): DecodedBinary {
  const header = readBinaryVocabHeader(bytes);
  const N = header.rankCount;
  const P = planesFor(N);
  const end = bytes.length;
  let p = header.headerLength;
  if (p + N > end) throw new Error(`it ends after ${end} bytes, inside the kinds of its ${N} ranks`);
  const kindsAt = p;
  let nBytes = 0,
    nPairs = 0;
  for (let r = 0; r < N; r++) {
    const k = bytes[kindsAt + r];
    if (k === KIND_BYTE) nBytes++;
    else if (k === KIND_PAIR) nPairs++;
    else if (k !== KIND_GAP && k !== KIND_LITERAL) throw new Error(`rank ${r} has kind ${k} (known kinds are 0–3)`);
  }
  p += N;
  const singlesAt = p;
  p += nBytes;
  const leftAt = p;
  const rightAt = p + P * nPairs;
  p += 2 * P * nPairs;
  if (p > end)
    throw new Error(`it ends after ${end} bytes, but its ${nBytes} single bytes and ${nPairs} pairs need ${p}`);
  let litAt = p;

  // Pass 1: each token's length and place in the pool, checking every reference.
  const length = new Int32Array(N);
  const start = new Int32Array(N);
  const lit = new Int32Array(N); // kind 3: where its bytes begin in `bytes`
  let pool = 0,
    i2 = 0;
  for (let r = 0; r < N; r++) {
    const k = bytes[kindsAt + r];
    let len: number;
    if (k === KIND_PAIR) {
      const a = planeRank(bytes, leftAt, nPairs, P, i2),
        b = planeRank(bytes, rightAt, nPairs, P, i2);
      i2++;
      if (a >= r || b >= r || length[a] === 0 || length[b] === 0) {
        throw new Error(`rank ${r} is stored as the pair (${a}, ${b}), which is not two tokens of lower rank`);
      }
      len = length[a] + length[b];
    } else if (k === KIND_BYTE) {
      len = 1;
    } else if (k === KIND_LITERAL) {
      len = 0;
      for (let shift = 0; ; shift += 7) {
        if (litAt >= end) throw new Error(`it ends after ${end} bytes, inside the literal of rank ${r}`);
        const c = bytes[litAt++];
        len += (c & 0x7f) * 2 ** shift;
        if (c < 0x80) break;
        if (shift > 21) throw new Error(`rank ${r} has a literal length that does not fit`);
      }
      if (len === 0) throw new Error(`rank ${r} is an empty literal`);
      if (litAt + len > end) throw new Error(`it ends after ${end} bytes, inside the ${len}-byte literal of rank ${r}`);
      lit[r] = litAt;
      litAt += len;
    } else continue; // a gap: length stays 0
    length[r] = len;
    start[r] = pool;
    pool += len;
  }
  let merges: DecodedBinary["merges"];
  if (header.version === BINARY_MODEL_VERSION) {
    const read = (what: string): number => {
      let v = 0;
      for (let scale = 1; ; scale *= 128) {
        if (litAt >= end) throw new Error(`it ends after ${end} bytes, inside ${what}`);
        const c = bytes[litAt++];
        v += (c & 0x7f) * scale;
        if (c < 0x80) return v;
        if (scale > 2 ** 28) throw new Error(`${what} does not fit`);
      }
    };
    const M = read("the merge count");
    if (M > end - litAt) throw new Error(`it counts ${M} merges but has only ${end - litAt} bytes left`);
    const made = new Int32Array(M),
      split = new Int32Array(M);
    let previous = 0;
    for (let i = 0; i < M; i++) {
      const z = read(`the token made by merge ${i}`);
      made[i] = previous += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      if (previous < 0 || previous >= N || length[previous] < 2)
        throw new Error(`merge ${i} makes ${previous}, which is no token of two bytes or more`);
    }
    for (let i = 0; i < M; i++) {
      split[i] = read(`the split of merge ${i}`);
      if (split[i] < 1 || split[i] >= length[made[i]])
        throw new Error(`merge ${i} splits the ${length[made[i]]}-byte token ${made[i]} after ${split[i]} bytes`);
    }
    merges = { made, split };
  }
  if (litAt !== end)
    throw new Error(`it has ${end - litAt} bytes after its last stream (${end} bytes, expected ${litAt})`);

  // Pass 2: build every token from its parts. A function of its own (as is tiktoken-text.ts's
  // line writer): this runs once per page load, so its first, cold call is the one that
  // counts, and in Chromium that call was about a fifth faster than with one big loop.
  const tok = new Uint8Array(pool);
  const hashes = new Int32Array(N);
  fillPool(bytes, N, kindsAt, singlesAt, leftAt, rightAt, nPairs, P, start, length, lit, tok, hashes);
  for (let r = 0; r < N; r++) if (bytes[kindsAt + r] === KIND_GAP) length[r] = -1;
  return { pool: tok, start, length, hashes, merges };
}

/** The i-th rank of a stream stored as P byte planes of `nPairs` bytes each (low byte first). */
function planeRank(bytes: Uint8Array, at: number, nPairs: number, P: number, i: number): number {
  let v = bytes[at + i];
  if (P > 1) {
    v |= bytes[at + nPairs + i] << 8;
    if (P > 2) v |= bytes[at + 2 * nPairs + i] << 16;
  }
  return v;
}

/**
 * Every token's bytes into `tok` at `start[r]`, in rank order (a pair's parts come first), and
 * its `hashBytes` into `hashes[r]`: hash(A + B) = hash(A)·P^|B| + hash(B), see core/vocab.ts.
 */
function fillPool(
  bytes: Uint8Array,
  N: number,
  kindsAt: number,
  singlesAt: number,
  leftAt: number,
  rightAt: number,
  nPairs: number,
  P: number,
  start: Int32Array,
  length: Int32Array,
  lit: Int32Array,
  tok: Uint8Array,
  hashes: Int32Array,
): void {
  let i1 = 0,
    i2 = 0;
  for (let r = 0; r < N; r++) {
    const k = bytes[kindsAt + r];
    if (k === KIND_PAIR) {
      const a = planeRank(bytes, leftAt, nPairs, P, i2),
        b = planeRank(bytes, rightAt, nPairs, P, i2);
      i2++;
      let q = start[r];
      for (let x = start[a], xe = x + length[a]; x < xe; x++) tok[q++] = tok[x];
      for (let x = start[b], xe = x + length[b]; x < xe; x++) tok[q++] = tok[x];
      hashes[r] =
        length[b] < HASH_POW.length
          ? (Math.imul(hashes[a], HASH_POW[length[b]]) + hashes[b]) | 0
          : hashBytes(tok, start[r], q);
    } else if (k === KIND_BYTE) {
      hashes[r] = tok[start[r]] = bytes[singlesAt + i1++];
    } else if (k === KIND_LITERAL) {
      tok.set(bytes.subarray(lit[r], lit[r] + length[r]), start[r]);
      hashes[r] = hashBytes(tok, start[r], start[r] + length[r]);
    }
  }
}
