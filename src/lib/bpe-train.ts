/**
 * Byte-level BPE training, minbpe's BasicTokenizer in TypeScript: start from the 256 bytes, and
 * repeatedly join the most frequent adjacent pair of tokens into a new token.
 *
 *   const {merges} = trainBpe(utf8("aaabdaaabac"), 256 + 3);
 *   // (97,97)→256 "aa" (4 times, overlapping pairs counted, as minbpe does),
 *   // (256,97)→257 "aaa" (twice), (257,98)→258 "aaab" (twice)
 *   encodeBpe(utf8("aaabdaaabac"), merges) → [258, 100, 258, 97, 99]   (minbpe's worked example)
 *
 * Ties: when several pairs are equally frequent, the one that occurs first in the text wins
 * (minbpe's `max(stats, key=stats.get)` over a dict in first-occurrence order does the same).
 * So training is deterministic. There is no pre-tokenizer: this shows the merging idea alone.
 *
 * `trainSteps` is the same as a generator that yields after every merge, so a worker can report
 * progress and a page can stop it.
 */
export interface Merge {
  /** The two tokens joined. */
  left: number;
  right: number;
  /** The new token's ID: 256, 257, … */
  id: number;
  /** How many times the pair occurred when it was chosen. */
  count: number;
}

export interface TrainResult {
  merges: Merge[];
  /** Each token's bytes, by ID (0–255 the single bytes). */
  vocab: Uint8Array[];
}

/** The most frequent adjacent pair of `ids` (first occurrence wins ties), or undefined. */
function topPair(ids: number[]): { left: number; right: number; count: number } | undefined {
  const counts = new Map<number, number>(); // key = left * 2^21 + right; Map keeps first-insertion order
  for (let i = 0; i + 1 < ids.length; i++) {
    const key = ids[i] * 2097152 + ids[i + 1];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best: number | undefined,
    bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return best === undefined ? undefined : { left: Math.floor(best / 2097152), right: best % 2097152, count: bestCount };
}

/** `ids` with every non-overlapping occurrence of (left, right), left to right, replaced by `id`. */
export function mergePair(ids: number[], left: number, right: number, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === left && ids[i + 1] === right) {
      out.push(id);
      i++;
    } else out.push(ids[i]);
  }
  return out;
}

export function* trainSteps(bytes: Uint8Array, vocabSize: number): Generator<Merge, TrainResult> {
  if (!Number.isInteger(vocabSize) || vocabSize < 256)
    throw new Error(`The vocabulary size must be a whole number of at least 256, not ${vocabSize}.`);
  let ids = Array.from(bytes);
  const merges: Merge[] = [];
  const vocab = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
  for (let id = 256; id < vocabSize; id++) {
    const top = topPair(ids);
    if (!top) break; // one token left: nothing to merge (minbpe merges pairs seen once, too)
    ids = mergePair(ids, top.left, top.right, id);
    const joined = new Uint8Array(vocab[top.left].length + vocab[top.right].length);
    joined.set(vocab[top.left]);
    joined.set(vocab[top.right], vocab[top.left].length);
    vocab.push(joined);
    const merge = { left: top.left, right: top.right, id, count: top.count };
    merges.push(merge);
    yield merge;
  }
  return { merges, vocab };
}

export function trainBpe(bytes: Uint8Array, vocabSize: number): TrainResult {
  const steps = trainSteps(bytes, vocabSize);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Encode bytes with learned merges: apply the earliest-learned applicable merge until none applies. */
export function encodeBpe(bytes: Uint8Array, merges: readonly Merge[]): number[] {
  const rank = new Map<number, Merge>();
  for (const m of merges) rank.set(m.left * 2097152 + m.right, m);
  let ids = Array.from(bytes);
  for (;;) {
    let best: Merge | undefined;
    for (let i = 0; i + 1 < ids.length; i++) {
      const m = rank.get(ids[i] * 2097152 + ids[i + 1]);
      if (m && (!best || m.id < best.id)) best = m;
    }
    if (!best) return ids;
    ids = mergePair(ids, best.left, best.right, best.id);
  }
}
