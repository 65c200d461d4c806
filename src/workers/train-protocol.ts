/**
 * The messages between the BPE page's training worker (train-worker.ts) and its client
 * (train-client.ts). Wire format: rpc.ts. No boot: the worker needs no vocabulary.
 *
 *   {type: "train", id, text, vocabSize}
 *     → notices {type: "progress", id, done, total} every tenth of a second (merges learned of
 *       vocabSize - 256), then {type: "done", id, merges, vocab, ids} (ids: the text encoded with
 *       what was learned), or {type: "error", id, message}
 * To cancel, the client ends the worker.
 */
import type { Merge } from "../lib/bpe-train.js";
import type { ErrorReply, ReplyMessage, RequestMessage } from "./rpc.js";

export type TrainCalls = {
  train: {
    request: { text: string; vocabSize: number };
    reply: { type: "done"; merges: Merge[]; vocab: Uint8Array[]; ids: number[] };
  };
};

export interface ProgressNotice {
  type: "progress";
  id: number;
  /** Merges learned so far, of `total`. */
  done: number;
  total: number;
}

export type TrainIn = RequestMessage<TrainCalls>;

export type TrainOut = ReplyMessage<TrainCalls> | ProgressNotice | ErrorReply;
