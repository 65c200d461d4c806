/**
 * The page's side of the vocabulary explorer's worker (src/workers/vocab-worker.ts), with a
 * watchdog for searches.
 *
 *   const client = vocabClient(workerUrl, vocabUrls);
 *   const index = await client.index("o200k_base");
 *   const found = await client.search({encoding: "o200k_base", q: "Magikarp", …});
 *
 * Searches: only the newest is worth answering, so a search waits while another runs, and a
 * newer one replaces it (the replaced promise never settles: the page has moved on).
 *
 * The watchdog. The worker gives up on a slow search by itself between tokens, but a regular
 * expression can backtrack for minutes on a single token, and nothing can interrupt that but
 * ending the worker. So once the worker says a search has started, the client waits at most
 * `timeoutMs`; then it ends the worker, starts a new one (which loads its encoding again) and
 * rejects that search, and anything else in flight, with a message that says why.
 *
 * rpc.ts does both; the messages are in vocab-protocol.ts.
 */
import type { TokenCard } from "../lib/token-card-data.js";
import type { VocabIndex } from "../lib/vocab-search.js";
import { moduleWorker, workerRpc } from "./rpc.js";
import type { Found, SearchRequest, VocabCalls } from "./vocab-protocol.js";
import { bootWorker, type BootedClientOptions } from "./worker-url.js";

export type { Found, SearchRequest } from "./vocab-protocol.js";

export interface VocabClient {
  index(encoding: string): Promise<VocabIndex>;
  search(request: SearchRequest): Promise<Found>;
  card(encoding: string, token: number): Promise<TokenCard>;
  encode(items: { encoding: string; text: string }[]): Promise<number[][]>;
}

export interface VocabClientOptions extends Omit<BootedClientOptions, "preload"> {
  /** How long a started search may run before the worker is ended. */
  timeoutMs?: number;
}

export const SEARCH_TIMEOUT_MS = 2500;

export function vocabClient(
  workerUrl: string,
  vocabUrls: Record<string, string>,
  options: VocabClientOptions = {},
): VocabClient {
  const { timeoutMs = SEARCH_TIMEOUT_MS, createWorker = moduleWorker, base = location.href } = options;
  const rpc = workerRpc<VocabCalls>({
    name: "vocabulary",
    start: () => bootWorker(workerUrl, vocabUrls, { preload: [], base, createWorker }),
    newestWins: (type) => type === "search",
    watchdog: {
      notice: "searching",
      ms: timeoutMs,
      error: () =>
        new Error(
          `The search was stopped after ${(timeoutMs / 1000).toLocaleString("en-US")} s: ` +
            "the regular expression backtracks catastrophically on some token " +
            "(nested quantifiers such as (a+)+ or (a|a)* do that). Simplify it and try again.",
        ),
    },
  });
  return {
    index: (encoding) => rpc.request("index", { encoding }, (reply) => reply.index),
    search: (request) => rpc.request("search", request),
    card: (encoding, token) => rpc.request("card", { encoding, token }, (reply) => reply.card),
    encode: (items) => rpc.request("encode", { items }, (reply) => reply.ids),
  };
}
