/**
 * Hugging Face's merge rule: merge the adjacent pair that comes first in the merge list.
 *
 * tiktoken (and `core/bpe.ts`) merges the adjacent pair whose *merged bytes* have the lowest rank.
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
 *
 * `MergeList` is the engine's one table of token pairs: SentencePiece-style models
 * (`sentencepiece.ts`) merge by it too, starting from characters rather than bytes.
 */
import { LARGE_PIECE } from "../core/bpe.js";
import { heapPop, heapPush, KEY_SHIFT, NO_MERGE } from "../core/heap.js";
import { mix, type Vocab } from "../core/vocab.js";

const UNSEEN = -1;
// One slot is four ints: left token + 1 (0 when empty), right token, list position, token made.
const STRIDE = 4;

/** The merge list as a table: which adjacent token pairs merge, how early, into what. */
export class MergeList {
  /** Number of merges. */
  readonly size: number;
  /** `madeAt[p]`: the token merge p makes. */
  readonly madeAt: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * `pairs[2i], pairs[2i+1]`: the left and right token IDs of merge i; `made[i]`: the ID it
   * makes. A pair listed twice keeps its later position, as transformers.js's `bpe_ranks` does.
   */
  constructor(pairs: Int32Array, made: Int32Array) {
    this.size = made.length;
    this.madeAt = made.slice();
    let cap = 1024;
    while (cap < made.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * STRIDE);
    for (let i = 0; i < made.length; i++) {
      const a = pairs[2 * i],
        b = pairs[2 * i + 1];
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

  private queueEnds?: { head: Int32Array; tail: Int32Array };
  private byteKeyMemo?: Int32Array;
  private byteKeyVocab?: Int32Array;

  /**
   * For `mergeByListLarge`, made on first use: per list position, the first and the last start
   * in its queue, plus one (0: empty, as every queue is between calls).
   */
  queues(): { head: Int32Array; tail: Int32Array } {
    return (this.queueEnds ??= { head: new Int32Array(this.size), tail: new Int32Array(this.size) });
  }

  /**
   * For `mergeByListLarge`: `key` of the pair of single bytes `b0 << 8 | b1`, given the
   * vocabulary's byte tokens, remembered as it is asked for (UNSEEN until then).
   */
  byteKeys(byteRank: Int32Array): Int32Array {
    if (this.byteKeyMemo && this.byteKeyVocab === byteRank) return this.byteKeyMemo;
    this.byteKeyVocab = byteRank;
    return (this.byteKeyMemo = new Int32Array(65536).fill(UNSEEN));
  }

  /**
   * `position`, with NO_MERGE (2³¹ - 1) for a pair that is not listed: the merge loops' sort key.
   * A negative ID (SentencePiece's character that is no token) is in no pair: NO_MERGE.
   */
  key(a: number, b: number): number {
    const s = this.slotOf(a, b);
    return s < 0 ? NO_MERGE : this.slots[s + 2];
  }
}

let tokBuf = new Int32Array(LARGE_PIECE + 2);
let posBuf = new Int32Array(LARGE_PIECE + 2);

/**
 * Append the tokens of `buf[s..e)` to `out`, merging by `merges` (Hugging Face's rule).
 * Starts from the single-byte tokens of `vocab`.
 */
export function mergeByList(
  vocab: Vocab,
  merges: MergeList,
  buf: Uint8Array,
  s: number,
  e: number,
  out: number[],
): void {
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
  const tok = tokBuf,
    pos = posBuf,
    byteRank = vocab.byteRank;
  for (let k = 0; k < n; k++) tok[k] = byteRank[buf[s + k]];
  for (let k = 0; k + 1 < n; k++) pos[k] = merges.key(tok[k], tok[k + 1]);
  let parts = n;
  for (;;) {
    let min = NO_MERGE,
      at = -1;
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
 * The same for long pieces, in time linear in the piece's length: a queue of starts per list
 * position, instead of one heap of (position, start) keys.
 *
 * Parts form a linked list by start offset. A part whose pair with its successor is listed
 * waits in the queue of that pair's position, and a queue keeps its starts in increasing
 * order, so its head is its leftmost pair; a small heap holds the positions whose queues are
 * not empty. The next merge is the head of the lowest one: the earliest listed pair, leftmost
 * on ties. Worked example (Qwen3, "的是不了人我在有他这" over and over, 30 bytes a round):
 *
 *   queues at the start   3234 ("E4" "B8"): 6, 36, …   6428 ("E4" "BA"): 9, 12, 39, 42, …
 *                         9004 ("E7" "9A"): 0, 30, …   (9 positions in all)
 *   merge 3234 at 6, 36, …     each makes "E4B8", and its pair with "8D" joins queue 16274
 *                              at 6, 36, …: at the tail, in order
 *   merge 20156 at 3, 33, …    makes "是", and "的" "是" joins queue 99890 at 0, 30, …
 *   …                          → "的是" "不了" "人" "我在" "有" "他" "这", 7 tokens a round
 *
 * Why not one heap of all pairs, as this file first did: on that CJK run a megabyte long, the heap held a
 * million keys (8 MB), and each merge cost a pop and up to two pushes of ~20 levels, mostly
 * cache misses; its merge loop took 16x as long for 10x the text (730 ms against 46 ms).
 * Taking a head and appending at a tail cost O(1), and here the heap of positions holds a few
 * dozen: the loop now takes 66 ms against 7 ms. Pairs reach their queue in order of start
 * because a merge makes new pairs only at its own start and at the part before it, and a
 * queue is worked through left to right, so the queues it feeds fill left to right too, as
 * in the example.
 *
 * We have not shown that every list keeps to that (Llama 3's list has pairs of tokens that
 * only later merges make), though none broke it: not Llama 3, Qwen3, DeepSeek V3, nor random
 * shuffled lists. A pair that would land behind its queue's tail goes to a fallback heap of
 * position · 2³² + start keys instead, and the next merge is the lower of the two candidates,
 * so the order is exact for any list (worst case O(n log n), as with one heap). A part leaves its
 * queue when its pair changes or it is merged away (queues are doubly linked); a fallback key
 * is skipped when popped if stale: a part never has the same pair twice (its span only
 * grows), so "the part's pair is still at the key's position" tells.
 *
 * The parts' array (24 bytes a byte) is kept between calls, and dropped when a piece needs less
 * than an eighth of it: on a megabyte-long piece, writing 72 MB of fresh memory (page faults)
 * took longer than the merging. That is a choice of speed over memory: the playground encodes
 * a pasted text again on every keystroke, and each of those calls reuses the array. It is
 * bounded: a piece over KEEP_MAX_BYTES (4 MB, so 96 MB of parts) gets an array of its own,
 * dropped after the call.
 */
// A part's fields side by side (as in core/bpe.ts's mergeLarge), so a merge touches a few cache
// lines. POS is the list position of the part's pair with its successor (NO_MERGE: not listed;
// -1: the part is gone). QNEXT and QPREV link the parts in the same queue (-1 at either end);
// QPREV is OUT when the part is in no queue (pair not listed, or in the fallback heap).
const NEXT = 0,
  PREV = 1,
  TOK = 2,
  POS = 3,
  QNEXT = 4,
  QPREV = 5,
  PART = 6;
const OUT = -2;
/** Parts for up to this many bytes are kept between calls whatever comes next. */
const KEEP_BYTES = 1 << 18;
/** Parts for more than this many bytes are never kept. */
const KEEP_MAX_BYTES = 1 << 22;

let partBuf = new Int32Array(0);
/** Min-heap of list positions whose queues may be non-empty (a position may be in it twice). */
let rankHeap = new Float64Array(64);
let rankCount = 0;
/** Min-heap of position · 2³² + start keys: pairs that came behind their queue's tail. */
let fallback = new Float64Array(64);
let fallbackSize = 0;

function mergeByListLarge(vocab: Vocab, merges: MergeList, buf: Uint8Array, s: number, e: number, out: number[]): void {
  const n = e - s;
  if (partBuf.length < n * PART || (partBuf.length > KEEP_BYTES * PART && partBuf.length > 8 * n * PART))
    partBuf = new Int32Array(n * PART);
  const part = partBuf;
  const { head, tail } = merges.queues();
  rankCount = 0;
  fallbackSize = 0;
  try {
    queueBytes(part, head, tail, vocab.byteRank, merges.byteKeys(vocab.byteRank), merges, buf, s, n);
    mergeQueued(part, head, tail, merges, n);
  } catch (err) {
    // Leave every queue empty for the next call, whatever happened.
    head.fill(0);
    tail.fill(0);
    throw err;
  }
  if (n > KEEP_MAX_BYTES) partBuf = new Int32Array(0);
  if (fallback.length > 1 << 16) fallback = new Float64Array(64);
  if (rankHeap.length > 1 << 16) rankHeap = new Float64Array(64);
  appendTokens(part, n, out);
}

/**
 * Append the parts' tokens to `out`. They are first copied to the front of `part` (token k to
 * `part[k]`, once part i, the k-th, is read: k ≤ i, so no write lands on a part yet to read),
 * then `out` is lengthened once and filled. Pushing one by one grows the array some thirty
 * times on a megabyte of text, each time copying it to fresh memory: 87 ms for 800,000
 * tokens, against 24 ms. (V8 keeps an array lengthened so fast up to 2²⁵ elements; past
 * 2²⁴, push.)
 */
function appendTokens(part: Int32Array, n: number, out: number[]): void {
  let count = 0;
  for (let i = 0; i < n;) {
    const a = i * PART;
    i = part[a + NEXT];
    part[count++] = part[a + TOK];
  }
  const at = out.length;
  if (at + count > 1 << 24) {
    for (let k = 0; k < count; k++) out.push(part[k]);
    return;
  }
  out.length = at + count;
  for (let k = 0; k < count; k++) out[at + k] = part[k];
}

/** The parts of `buf[s..s+n)`: single bytes, each listed pair queued. */
function queueBytes(
  part: Int32Array,
  head: Int32Array,
  tail: Int32Array,
  byteRank: Int32Array,
  byteKeys: Int32Array,
  merges: MergeList,
  buf: Uint8Array,
  s: number,
  n: number,
): void {
  for (let i = 0, a = 0; i < n; i++, a += PART) {
    part[a + NEXT] = i + 1;
    part[a + PREV] = i - 1;
    part[a + TOK] = byteRank[buf[s + i]];
    part[a + QPREV] = OUT;
    let p = NO_MERGE;
    if (i + 1 < n) {
      const pair = (buf[s + i] << 8) | buf[s + i + 1];
      p = byteKeys[pair];
      if (p === UNSEEN) p = byteKeys[pair] = merges.key(byteRank[buf[s + i]], byteRank[buf[s + i + 1]]);
    }
    part[a + POS] = p;
    if (p !== NO_MERGE) enqueue(part, head, tail, a, i, p);
  }
}

/** Merge the earliest listed pair, leftmost on ties, until no pair is listed. */
function mergeQueued(part: Int32Array, head: Int32Array, tail: Int32Array, merges: MergeList, n: number): void {
  const madeAt = merges.madeAt;
  for (;;) {
    // The candidates: the head of the lowest non-empty queue, and the fallback heap's top.
    while (rankCount > 0 && head[rankHeap[0]] === 0) heapPop(rankHeap, rankCount--);
    while (fallbackSize > 0) {
      const key = fallback[0];
      const p = Math.floor(key / KEY_SHIFT);
      if (part[(key - p * KEY_SHIFT) * PART + POS] === p) break;
      heapPop(fallback, fallbackSize--); // stale: the part's pair changed, or the part is gone
    }
    let i: number;
    if (fallbackSize > 0 && (rankCount === 0 || fallback[0] < rankHeap[0] * KEY_SHIFT + head[rankHeap[0]] - 1)) {
      const key = heapPop(fallback, fallbackSize--);
      i = key - Math.floor(key / KEY_SHIFT) * KEY_SHIFT;
    } else if (rankCount > 0) {
      i = head[rankHeap[0]] - 1;
      unlink(part, head, tail, i * PART);
    } else return;
    // Part i absorbs its successor j. New pairs: part i with its new successor k, and its
    // predecessor h with part i.
    const a = i * PART,
      j = part[a + NEXT],
      b = j * PART,
      k = part[b + NEXT];
    part[a + TOK] = madeAt[part[a + POS]];
    part[a + NEXT] = k;
    if (k < n) part[k * PART + PREV] = i;
    unlink(part, head, tail, b);
    part[b + POS] = -1;
    const p = k < n ? merges.key(part[a + TOK], part[k * PART + TOK]) : NO_MERGE;
    part[a + POS] = p;
    if (p !== NO_MERGE) enqueue(part, head, tail, a, i, p);
    const h = part[a + PREV];
    if (h >= 0) {
      const c = h * PART;
      unlink(part, head, tail, c);
      const q = merges.key(part[c + TOK], part[a + TOK]);
      part[c + POS] = q;
      if (q !== NO_MERGE) enqueue(part, head, tail, c, h, q);
    }
  }
}

/** Part i (at offset a in `part`, in no queue) starts a pair listed at position p: queue it. */
function enqueue(part: Int32Array, head: Int32Array, tail: Int32Array, a: number, i: number, p: number): void {
  const t = tail[p] - 1;
  if (t > i) {
    part[a + QPREV] = OUT;
    fallback = heapPush(fallback, fallbackSize++, p * KEY_SHIFT + i);
    return;
  }
  part[a + QNEXT] = -1;
  part[a + QPREV] = t;
  if (t >= 0) part[t * PART + QNEXT] = i;
  else {
    head[p] = i + 1;
    rankHeap = heapPush(rankHeap, rankCount++, p);
  }
  tail[p] = i + 1;
}

/** Take the part at offset a out of its queue, if it is in one. */
function unlink(part: Int32Array, head: Int32Array, tail: Int32Array, a: number): void {
  const q = part[a + QPREV];
  if (q === OUT) return;
  const p = part[a + POS],
    r = part[a + QNEXT];
  if (q >= 0) part[q * PART + QNEXT] = r;
  else head[p] = r + 1;
  if (r >= 0) part[r * PART + QPREV] = q;
  else tail[p] = q + 1;
  part[a + QPREV] = OUT;
}
