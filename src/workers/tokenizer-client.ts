/**
 * The page's side of the tokenizer worker (src/workers/tokenizer-worker.ts).
 *
 *   const client = tokenizerClient(workerUrl, vocabUrls, {preload: ["o200k_base"]});
 *   const result = await client.encode(text, ["o200k_base", "cl100k_base"], false);
 *
 * Only the newest request of each kind is worth answering: while the worker is busy, a new
 * request replaces any that is still waiting, and the replaced promise never settles (the
 * page has moved on from it). So typing into a megabyte of text queues at most one encode.
 * (rpc.ts does that; the messages are in tokenizer-protocol.ts.)
 */
import { listEncodings } from "../engine/index.js";
import type { MergeTrace } from "../engine/index.js";
import type { Chunk, ChunkOptions } from "../lib/chunking.js";
import type { IdProblem } from "../lib/parse-ids.js";
import type { LabelledPiece } from "../lib/piece-kinds.js";
import type { TextStats } from "../lib/text-stats.js";
import type { CutComparison, TokenTable } from "../lib/token-table.js";
import { moduleWorker, workerRpc, type WorkerLike } from "./rpc.js";
import type { StatsNotice, TokenizerCalls } from "./tokenizer-protocol.js";
import { bootWorker, type BootedClientOptions } from "./worker-url.js";

export interface Encoded {
  tables: TokenTable[];
  /** The text's own counts; they come a moment after the tokens. */
  stats: Promise<TextStats>;
  /** Special-token texts found in the text. */
  specials: string[];
  /** With two or more encodings: how many spans they cut differently. */
  cuts?: CutComparison;
  /** Milliseconds the worker spent encoding. */
  ms: number;
}

export interface Decoded {
  table: TokenTable;
  text: string;
  problems: IdProblem[];
  incomplete: boolean;
}

export interface TokenizerClient {
  encode(text: string, encodings: string[], allowSpecial: boolean): Promise<Encoded>;
  decode(input: string, encoding: string): Promise<Decoded>;
  /** The pre-tokenizer's pieces of `text` in each encoding, each labelled with what cut it. */
  split(text: string, encodings: string[]): Promise<{ encoding: string; pieces: LabelledPiece[] }[]>;
  /** Every merge of one piece, as `Encoding.mergeTrace` gives it. */
  trace(piece: string, encoding: string): Promise<MergeTrace>;
  /** The text in chunks (chunking.ts), with the token starts inside the first SHOWN_CHUNKS. */
  chunk(text: string, encoding: string, options: ChunkOptions): Promise<{ chunks: Chunk[]; bounds: number[][] }>;
}

export interface TokenizerClientOptions extends BootedClientOptions {
  /**
   * A worker the page started before its modules loaded (the playground's head script in
   * src/index.md), with `url` made like `workerUrlFor`'s. Adopted when it is the worker this
   * client would start (same script, preload and preloaded assets); else stopped.
   */
  boot?: { url: string; worker: WorkerLike };
}

export function tokenizerClient(
  workerUrl: string,
  vocabUrls: Record<string, string>,
  options: TokenizerClientOptions = {},
): TokenizerClient {
  const { boot, createWorker = moduleWorker, base = location.href } = options;
  const preload = (options.preload ?? []).filter((name) => listEncodings().includes(name));
  const statsFor = new Map<number, (stats: TextStats) => void>(); // encode id → its stats to come
  const rpc = workerRpc<TokenizerCalls>({
    name: "tokenizer",
    start: () => bootWorker(workerUrl, vocabUrls, { preload, base, createWorker, adopt: boot }),
    notices: {
      stats(notice: StatsNotice) {
        statsFor.get(notice.id)?.(notice.stats);
        statsFor.delete(notice.id);
      },
    },
  });

  return {
    encode: (text, encodings, allowSpecial) =>
      rpc.request("encode", { text, encodings, allowSpecial }, (reply) => ({
        ...reply,
        stats: new Promise<TextStats>((resolve) => statsFor.set(reply.id, resolve)),
      })),
    decode: (input, encoding) => rpc.request("decode", { input, encoding }),
    split: (text, encodings) => rpc.request("split", { text, encodings }, (reply) => reply.splits),
    chunk: (text, encoding, options) => rpc.request("chunk", { text, encoding, ...options }),
    trace: (piece, encoding) => rpc.request("trace", { piece, encoding }, (reply) => reply.trace),
  };
}
