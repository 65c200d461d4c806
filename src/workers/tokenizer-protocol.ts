/**
 * The messages between the tokenizer worker (tokenizer-worker.ts) and its client
 * (tokenizer-client.ts), as types both sides compile against. Wire format: rpc.ts.
 *
 * Boot (worker-url.ts): the script URL's fragment "#preload=o200k_base&vocab.o200k_base=…", then
 *   {type: "urls", vocabUrls: {cl100k_base: "https://…/cl100k_base.bin", …}}   every asset
 *
 * Requests, each with an `id` that its reply echoes:
 *   {type: "encode", text, encodings: ["o200k_base", …], allowSpecial: boolean}
 *     → {type: "encoded", tables: TokenTable[], specials: string[], cuts?: CutComparison, ms}
 *       cuts: with two or more encodings, how many spans they cut differently (tokens flagged
 *       FLAG_CUT_DIFFERS); then a notice {type: "stats", id, stats: TextStats}: the first tokens never
 *       wait for Intl.Segmenter (tens of ms the first time it meets CJK text, hundreds for a megabyte)
 *   {type: "decode", encoding, input}   input: "[15339, 1917]" or "15339 1917"
 *     → {type: "decoded", table: TokenTable, text, problems, incomplete: boolean}
 *   {type: "split", text, encodings}    → {type: "split", splits: {encoding, pieces: LabelledPiece[]}[]}
 *     the pre-tokenizer's pieces, labelled (piece-kinds.ts)
 *   {type: "trace", encoding, piece}    → {type: "trace", trace: MergeTrace}   (Encoding.mergeTrace)
 *   {type: "chunk", text, encoding, splitter, size, overlap}
 *     → {type: "chunked", chunks: Chunk[], bounds: number[][]}   chunking.ts's chunks; bounds: the
 *       token starts inside each of the first SHOWN_CHUNKS chunks (offsets into it)
 *   any failure → {type: "error", id, message}
 */
import type { MergeTrace } from "../engine/index.js";
import type { Chunk, ChunkOptions } from "../lib/chunking.js";
import type { IdProblem } from "../lib/parse-ids.js";
import type { LabelledPiece } from "../lib/piece-kinds.js";
import type { TextStats } from "../lib/text-stats.js";
import type { CutComparison, TokenTable } from "../lib/token-table.js";
import type { ErrorReply, ReplyMessage, RequestMessage } from "./rpc.js";
import type { UrlsMessage } from "./worker-url.js";

export type TokenizerCalls = {
  encode: {
    request: { text: string; encodings: string[]; allowSpecial: boolean };
    reply: { type: "encoded"; tables: TokenTable[]; specials: string[]; cuts?: CutComparison; ms: number };
  };
  decode: {
    request: { input: string; encoding: string };
    reply: { type: "decoded"; table: TokenTable; text: string; problems: IdProblem[]; incomplete: boolean };
  };
  split: {
    request: { text: string; encodings: string[] };
    reply: { type: "split"; splits: { encoding: string; pieces: LabelledPiece[] }[] };
  };
  trace: { request: { piece: string; encoding: string }; reply: { type: "trace"; trace: MergeTrace } };
  chunk: {
    request: { text: string; encoding: string } & ChunkOptions;
    reply: { type: "chunked"; chunks: Chunk[]; bounds: number[][] };
  };
};

/** Posted right after an "encoded" reply, with its id. */
export interface StatsNotice {
  type: "stats";
  id: number;
  stats: TextStats;
}

/** Every message the worker receives. */
export type TokenizerIn = UrlsMessage | RequestMessage<TokenizerCalls>;

/** Every message the worker posts. */
export type TokenizerOut = ReplyMessage<TokenizerCalls> | StatsNotice | ErrorReply;
