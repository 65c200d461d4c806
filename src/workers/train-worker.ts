/**
 * The BPE page's training worker (bundled by src/data/train-worker.js.ts). One message in,
 * {text, vocabSize}; out: {type: "progress", done, total} every tenth of a second, then
 * {type: "done", merges, vocab, ids} (ids: the text encoded with what was learned), or
 * {type: "error", message}. To cancel, the page ends the worker.
 */
import { encodeBpe, trainSteps } from "../lib/bpe-train.js";

const scope = self as unknown as { postMessage(message: unknown): void; onmessage: ((e: MessageEvent) => void) | null };

scope.onmessage = (event: MessageEvent) => {
  try {
    const { text, vocabSize } = event.data as { text: string; vocabSize: number };
    const bytes = new TextEncoder().encode(text);
    const steps = trainSteps(bytes, vocabSize);
    const total = vocabSize - 256;
    let shown = performance.now();
    for (;;) {
      const r = steps.next();
      if (r.done) {
        scope.postMessage({ type: "done", merges: r.value.merges, vocab: r.value.vocab, ids: encodeBpe(bytes, r.value.merges) });
        return;
      }
      if (performance.now() - shown > 100) {
        shown = performance.now();
        scope.postMessage({ type: "progress", done: r.value.id - 255, total });
      }
    }
  } catch (err) {
    scope.postMessage({ type: "error", message: (err as Error).message });
  }
};
