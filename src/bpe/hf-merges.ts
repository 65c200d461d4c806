/**
 * Hugging Face's merge rule: merge the adjacent pair that comes first in the merge list.
 *
 * tiktoken (and `bpe.ts`) merges the adjacent pair whose *merged bytes* have the lowest rank.
 * A Hugging Face BPE model instead lists its merges, `["Ġ", "t"]`, `["h", "e"]`, …, and merges
 * the adjacent pair listed first, leftmost on ties; a pair that is not listed never merges,
 * even when its bytes make a token. The two rules differ on real files. Qwen3 has the token
 * "ĠĠĠĠ" (257) and lists only "ĠĠ ĠĠ" for it, so:
 *
 *   parts "Ġ" "ĠĠĠ"        tiktoken: → "ĠĠĠĠ" (the bytes are a token)   Hugging Face: stay apart
 *
 * and Llama 3 lists "Ġ ĠĠĠ" and "ĠĠ ĠĠ" both for 257, where tiktoken's rule has one rank for
 * both pairs. No choice of ranks makes tiktoken's rule skip a pair that is not listed, so the
 * engine runs this rule itself for Hugging Face files: a table from (left token, right token)
 * to (position in the list, the token made). Worked example (Qwen3, piece " hello"):
 *
 *   "Ġ" "h" "e" "l" "l" "o"
 *   → "Ġ" "h" "e" "ll" "o"     ("l l" is merge 14, the earliest listed pair here)
 *   → "Ġh" "e" "ll" "o" → "Ġh" "ell" "o" → "Ġhell" "o" → "Ġhello"   ([23811])
 */
import { heapPop, heapPush } from "./bpe.js";
import { mix, type Vocab } from "./vocab.js";

const MAX = 0x7fffffff;
// One slot is four ints: left token + 1 (0 when empty), right token, list position, token made.
const STRIDE = 4;


/** The merge list as a table: which adjacent token pairs merge, how early, into what. */
export class MergeList {
  /** Number of merges. */
  readonly size: number;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * `pairs[2i], pairs[2i+1]`: the left and right token IDs of merge i; `made[i]`: the ID it
   * makes. A pair listed twice keeps its later position, as transformers.js's `bpe_ranks` does.
   */
  constructor(pairs: Int32Array, made: Int32Array) {
    this.size = made.length;
    let cap = 1024;
    while (cap < made.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * STRIDE);
    for (let i = 0; i < made.length; i++) {
      const a = pairs[2 * i], b = pairs[2 * i + 1];
      let s = this.slotOf(a, b);
      if (s < 0) s = ~s;
      this.slots[s] = a + 1;
      this.slots[s + 1] = b;
      this.slots[s + 2] = i;
      this.slots[s + 3] = made[i];
    }
  }

  /** Slot offset of the pair (a, b), or ~(the empty slot where it would go). */
  private slotOf(a: number, b: number): number {
    const slots = this.slots;
    let i = mix(Math.imul(a, 0x9e3779b1) ^ b) & this.mask;
    for (;;) {
      const s = i * STRIDE;
      const w = slots[s];
      if (w === 0) return ~s;
      if (w === a + 1 && slots[s + 1] === b) return s;
      i = (i + 1) & this.mask;
    }
  }

  /** Position of the merge a + b in the list, or -1 when the pair is not listed. */
  position(a: number, b: number): number {
    const s = this.slotOf(a, b);
    return s < 0 ? -1 : this.slots[s + 2];
  }

  /** The token a + b makes (only for a listed pair). */
  made(a: number, b: number): number {
    const s = this.slotOf(a, b);
    return s < 0 ? -1 : this.slots[s + 3];
  }

  /** `position`, with MAX (2³¹ - 1) for a pair that is not listed: the merge loops' sort key. */
  key(a: number, b: number): number {
    const s = this.slotOf(a, b);
    return s < 0 ? MAX : this.slots[s + 2];
  }
}

/** Pieces longer than this many bytes use the heap. */
const LARGE_PIECE = 64;

let tokBuf = new Int32Array(LARGE_PIECE + 2);
let posBuf = new Int32Array(LARGE_PIECE + 2);

/**
 * Append the tokens of `buf[s..e)` to `out`, merging by `merges` (Hugging Face's rule).
 * Starts from the single-byte tokens of `vocab`.
 */
export function mergeByList(vocab: Vocab, merges: MergeList, buf: Uint8Array, s: number, e: number, out: number[]): void {
  if (e - s > LARGE_PIECE) mergeByListLarge(vocab, merges, buf, s, e, out);
  else mergeByListSmall(vocab, merges, buf, s, e, out);
}

/** A linear scan for the earliest listed pair per merge: O(n²), fastest on short pieces. */
function mergeByListSmall(vocab: Vocab, merges: MergeList, buf: Uint8Array, s: number, e: number, out: number[]): void {
  const n = e - s;
  if (tokBuf.length < n + 1) {
    tokBuf = new Int32Array(n + 1);
    posBuf = new Int32Array(n + 1);
  }
  const tok = tokBuf, pos = posBuf, byteRank = vocab.byteRank;
  for (let k = 0; k < n; k++) tok[k] = byteRank[buf[s + k]];
  for (let k = 0; k + 1 < n; k++) pos[k] = merges.key(tok[k], tok[k + 1]);
  let parts = n;
  for (;;) {
    let min = MAX, at = -1;
    for (let k = 0; k + 1 < parts; k++) {
      if (pos[k] < min) {
        min = pos[k];
        at = k;
      }
    }
    if (at < 0) break;
    tok[at] = merges.made(tok[at], tok[at + 1]);
    parts--;
    for (let k = at + 1; k < parts; k++) {
      tok[k] = tok[k + 1];
      pos[k] = pos[k + 1];
    }
    if (at + 1 < parts) pos[at] = merges.key(tok[at], tok[at + 1]);
    if (at > 0) pos[at - 1] = merges.key(tok[at - 1], tok[at]);
  }
  for (let k = 0; k < parts; k++) out.push(tok[k]);
}

/**
 * The same with a heap of (position in the list, start) keys and lazy deletion: O(n log n),
 * so a megabyte-long piece costs what it should. Parts form a linked list by start offset.
 */
function mergeByListLarge(vocab: Vocab, merges: MergeList, buf: Uint8Array, s: number, e: number, out: number[]): void {
  const n = e - s;
  const next = new Int32Array(n), prev = new Int32Array(n), tok = new Int32Array(n), pos = new Int32Array(n);
  let heap = new Float64Array(n + 16);
  let size = 0;
  const SHIFT = 4294967296;
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
    tok[i] = vocab.byteRank[buf[s + i]];
  }
  const push = (key: number) => {
    heap = heapPush(heap, size++, key);
  };
  const update = (i: number) => {
    const j = next[i];
    pos[i] = j < n ? merges.key(tok[i], tok[j]) : MAX;
    if (pos[i] !== MAX) push(pos[i] * SHIFT + i);
  };
  for (let i = 0; i < n; i++) update(i);
  while (size > 0) {
    const key = heapPop(heap, size--);
    const p = Math.floor(key / SHIFT);
    const i = key - p * SHIFT;
    if (pos[i] !== p) continue; // stale: the part changed or is gone
    const j = next[i];
    tok[i] = merges.made(tok[i], tok[j]);
    next[i] = next[j];
    if (next[j] < n) prev[next[j]] = i;
    pos[j] = -1;
    update(i);
    if (prev[i] >= 0) update(prev[i]);
  }
  for (let i = 0; i < n; i = next[i]) out.push(tok[i]);
}
