/**
 * The one binary min-heap of the merge loops, on a Float64Array, and the keys it holds.
 *
 * Every BPE merge loop that is not a linear scan asks the same question over and over: which
 * pending merge comes first? tiktoken's rule on a long piece (`bpe.ts`, `mergeLarge`), Hugging
 * Face's merge list (`hf/merges.ts`, its fallback heap and its heap of list positions) and
 * SentencePiece-style BPE (`hf/sentencepiece.ts`) all keep their pending merges here. A key
 * packs a merge's rank and where its pair starts into one number:
 *
 *   key = rank · KEY_SHIFT + start        rank 7 at part 3 → 7 · 2³² + 3 = 30064771075
 *
 * so the smallest key is the lowest rank, the leftmost on ties: the order every rule needs.
 * Keys are exact in a double while rank < 2²¹ (2,097,152: every vocabulary's ranks and merge
 * list fit) and start < 2³². Stale keys are the caller's business (lazy deletion: it checks a
 * popped key against its parts and skips it if the pair changed).
 *
 *   let heap = new Float64Array(16), size = 0;
 *   heap = heapPush(heap, size++, 7 * KEY_SHIFT + 3);
 *   heap = heapPush(heap, size++, 2 * KEY_SHIFT + 9);
 *   heapPop(heap, size--);  // 2 · 2³² + 9: rank 2 at part 9
 *
 * One element type (Float64Array) for every caller keeps each call site monomorphic.
 */

/**
 * The rank of a pair that does not merge: 2³¹ - 1, above every real rank or list position, so
 * a search for the lowest rank passes over it and an Int32Array can hold it.
 */
export const NO_MERGE = 0x7fffffff;

/** 2³²: a key is rank · KEY_SHIFT + start (see above). */
export const KEY_SHIFT = 4294967296;

let operations = 0;

/**
 * Instrumentation: how many keys have entered (`heapPush`, `heapify`) and left (`heapPop`) any
 * heap since the process started. A deterministic cost measure, for tests that check a merge
 * loop's work grows linearly with its input (tests/engine/sentencepiece.test.ts): read it
 * before and after a call and subtract.
 */
export function heapOperations(): number {
  return operations;
}

/**
 * Insert `key` as element `size` of the heap `heap[0..size)` (the caller counts it), growing the
 * array when full; returns the array to use from now on.
 */
export function heapPush(heap: Float64Array<ArrayBuffer>, size: number, key: number): Float64Array<ArrayBuffer> {
  operations++;
  if (size === heap.length) {
    const bigger = new Float64Array(heap.length * 2);
    bigger.set(heap);
    heap = bigger;
  }
  let k = size;
  while (k > 0) {
    const parent = (k - 1) >> 1;
    if (heap[parent] <= key) break;
    heap[k] = heap[parent];
    k = parent;
  }
  heap[k] = key;
  return heap;
}

/** Remove and return the smallest key of `heap[0..size)` (size ≥ 1); the heap is then one shorter. */
export function heapPop(heap: Float64Array, size: number): number {
  operations++;
  const key = heap[0];
  if (size > 1) {
    heap[0] = heap[size - 1];
    siftDown(heap, size - 1, 0);
  }
  return key;
}

/** Make `heap[0..size)`, filled in any order, a heap (in O(size)). */
export function heapify(heap: Float64Array, size: number): void {
  operations += size;
  for (let k = (size >> 1) - 1; k >= 0; k--) siftDown(heap, size, k);
}

/** Move `heap[k]` down to its place in the min-heap `heap[0..size)`. */
function siftDown(heap: Float64Array, size: number, k: number): void {
  const key = heap[k];
  for (;;) {
    let c = 2 * k + 1;
    if (c >= size) break;
    if (c + 1 < size && heap[c + 1] < heap[c]) c++;
    if (heap[c] >= key) break;
    heap[k] = heap[c];
    k = c;
  }
  heap[k] = key;
}
