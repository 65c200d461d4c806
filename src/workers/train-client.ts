/**
 * The BPE page's side of its training worker (train-worker.ts): one run at a time, each in a
 * fresh worker, since ending the worker is the only way to stop a run.
 *
 *   const trainer = trainClient(workerUrl);
 *   const {merges, vocab, ids} = await trainer.train(text, 512, (done, total) => …);
 *   trainer.cancel();   // ends the run: its promise never settles
 *
 * A new `train` cancels the run before it. Messages: train-protocol.ts, over rpc.ts.
 */
import type { Merge } from "../lib/bpe-train.js";
import { moduleWorker, workerRpc, type Rpc, type WorkerFactory } from "./rpc.js";
import type { ProgressNotice, TrainCalls } from "./train-protocol.js";

export interface Trained {
  merges: Merge[];
  /** Each token's bytes, by ID (0–255 the single bytes). */
  vocab: Uint8Array[];
  /** The text, encoded with the merges learned. */
  ids: number[];
}

export interface TrainClient {
  /** Learn `vocabSize - 256` merges from `text`; `onProgress` hears of it about ten times a second. */
  train(text: string, vocabSize: number, onProgress?: (done: number, total: number) => void): Promise<Trained>;
  /** End the run, if any; its promise never settles. */
  cancel(): void;
}

export interface TrainClientOptions {
  /** Starts a worker; default `moduleWorker` (tests pass a fake). */
  createWorker?: WorkerFactory;
}

export function trainClient(workerUrl: string, { createWorker = moduleWorker }: TrainClientOptions = {}): TrainClient {
  let running: Rpc<TrainCalls> | undefined;
  const cancel = () => {
    running?.end();
    running = undefined;
  };
  return {
    cancel,
    train(text, vocabSize, onProgress) {
      cancel();
      const rpc = workerRpc<TrainCalls>({
        name: "training",
        start: () => createWorker(workerUrl),
        notices: { progress: (notice: ProgressNotice) => onProgress?.(notice.done, notice.total) },
      });
      running = rpc;
      return rpc.request("train", { text, vocabSize }).finally(() => {
        rpc.end();
        if (running === rpc) running = undefined;
      });
    },
  };
}
