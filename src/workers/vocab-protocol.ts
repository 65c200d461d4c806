/**
 * The messages between the vocabulary explorer's worker (vocab-worker.ts) and its client
 * (vocab-client.ts), as types both sides compile against. Wire format: rpc.ts.
 *
 * Boot (worker-url.ts), as the tokenizer worker's: the script URL's fragment (nothing to preload
 * here), then {type: "urls", vocabUrls: {o200k_base: "https://…/o200k_base.bin", …}}.
 *
 * Requests, each with an `id` that its reply echoes:
 *   {type: "index", encoding}                         → {type: "index", index: VocabIndex}
 *   {type: "search", encoding, q, as, caseSensitive, facets, script, sort}
 *       → a notice {type: "searching", id} as the search starts (the client's watchdog counts
 *         from there), then {type: "found", ids: Int32Array, complete, searched, error?, ms}
 *   {type: "card", encoding, token}                   → {type: "card", card: TokenCard}
 *   {type: "encode", items: [{encoding, text}]}       → {type: "encoded", ids: number[][]}
 *   any failure                                       → {type: "error", id, message}
 */
import type { TokenCard } from "../lib/token-card-data.js";
import type { QueryKind, VocabIndex } from "../lib/vocab-search.js";
import type { ErrorReply, ReplyMessage, RequestMessage } from "./rpc.js";
import type { UrlsMessage } from "./worker-url.js";

export interface SearchRequest {
  encoding: string;
  q: string;
  as: QueryKind;
  caseSensitive: boolean;
  facets: number;
  script: number;
  sort: "rank" | "length";
}

export interface Found {
  ids: Int32Array;
  complete: boolean;
  searched: number;
  /** The query's problem (an invalid regex, a bad range…), shown instead of results. */
  error?: string;
  ms: number;
}

export type VocabCalls = {
  index: { request: { encoding: string }; reply: { type: "index"; index: VocabIndex } };
  search: { request: SearchRequest; reply: { type: "found" } & Found };
  card: { request: { encoding: string; token: number }; reply: { type: "card"; card: TokenCard } };
  encode: { request: { items: { encoding: string; text: string }[] }; reply: { type: "encoded"; ids: number[][] } };
};

/** Posted as a search starts, with its id. */
export interface SearchingNotice {
  type: "searching";
  id: number;
}

/** Every message the worker receives. */
export type VocabIn = UrlsMessage | RequestMessage<VocabCalls>;

/** Every message the worker posts. */
export type VocabOut = ReplyMessage<VocabCalls> | SearchingNotice | ErrorReply;
