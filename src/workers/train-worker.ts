/**
 * The BPE page's training worker (bundled by src/data/train-worker.js.ts): it trains a
 * byte-level BPE (bpe-train.ts) on the reader's text, reporting its progress. Its messages are in
 * train-protocol.ts; to cancel, the page ends the worker.
 */
import { encodeBpe, trainSteps } from "../lib/bpe-train.js";
import type { TrainIn, TrainOut } from "./train-protocol.js";

const scope = self as unknown as {
  postMessage(message: TrainOut): void;
  onmessage: ((e: MessageEvent<TrainIn>) => void) | null;
};

scope.onmessage = (event) => {
  const { id, text, vocabSize } = event.data;
  try {
    const bytes = new TextEncoder().encode(text);
    const steps = trainSteps(bytes, vocabSize);
    const total = vocabSize - 256;
    let shown = performance.now();
    for (;;) {
      const r = steps.next();
      if (r.done) {
        const { merges, vocab } = r.value;
        scope.postMessage({ type: "done", id, merges, vocab, ids: encodeBpe(bytes, merges) });
        return;
      }
      if (performance.now() - shown > 100) {
        shown = performance.now();
        scope.postMessage({ type: "progress", id, done: r.value.id - 255, total });
      }
    }
  } catch (err) {
    scope.postMessage({ type: "error", id, message: (err as Error).message });
  }
};
