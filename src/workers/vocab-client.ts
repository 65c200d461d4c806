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
 */
import type { TokenCard } from "../lib/token-card-data.js";
import type { QueryKind, VocabIndex } from "../lib/vocab-search.js";

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

export interface VocabClient {
  index(encoding: string): Promise<VocabIndex>;
  search(request: SearchRequest): Promise<Found>;
  card(encoding: string, token: number): Promise<TokenCard>;
  encode(items: { encoding: string; text: string }[]): Promise<number[][]>;
}

/** The part of a Worker the client uses (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: any }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

export interface VocabClientOptions {
  /** How long a started search may run before the worker is ended. */
  timeoutMs?: number;
  createWorker?: (url: string) => WorkerLike;
}

export const SEARCH_TIMEOUT_MS = 2500;

type Pending = { message: Record<string, unknown>; resolve: (v: any) => void; reject: (e: Error) => void };

export function vocabClient(workerUrl: string, vocabUrls: Record<string, string>, options: VocabClientOptions = {}): VocabClient {
  const { timeoutMs = SEARCH_TIMEOUT_MS, createWorker = (url: string) => new Worker(url, { type: "module" }) as unknown as WorkerLike } = options;
  let seq = 0;
  const inFlight = new Map<number, Pending>();
  let searching: number | undefined; // the search in the worker, if any
  let waitingSearch: Pending | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let worker: WorkerLike;

  function start(): void {
    worker = createWorker(workerUrl);
    worker.postMessage({ type: "init", vocabUrls });
    worker.onmessage = (event) => {
      const { id, type } = event.data;
      if (type === "searching") {
        if (id === searching) watchdog = setTimeout(() => restart(id), timeoutMs);
        return;
      }
      const p = inFlight.get(id);
      if (!p) return;
      inFlight.delete(id);
      if (id === searching) searchDone();
      if (type === "error") p.reject(new Error(event.data.message));
      else p.resolve(event.data);
    };
    worker.onerror = (event) => fail(new Error(`The vocabulary worker failed: ${event.message || "it could not start"}.`));
  }

  function searchDone(): void {
    clearTimeout(watchdog);
    watchdog = undefined;
    searching = undefined;
    if (waitingSearch) {
      const next = waitingSearch;
      waitingSearch = undefined;
      send(next);
    }
  }

  function fail(error: Error): void {
    const pending = [...inFlight.values()];
    inFlight.clear();
    clearTimeout(watchdog);
    watchdog = undefined;
    searching = undefined;
    for (const p of pending) p.reject(error);
  }

  /** End a worker stuck in search `id` and start afresh; a waiting search goes to the new one. */
  function restart(id: number): void {
    if (searching !== id) return;
    worker.terminate();
    fail(
      new Error(
        `The search was stopped after ${(timeoutMs / 1000).toLocaleString("en-US")} s: the regular expression backtracks ` +
          "catastrophically on some token (nested quantifiers such as (a+)+ or (a|a)* do that). Simplify it and try again.",
      ),
    );
    start();
    if (waitingSearch) {
      const next = waitingSearch;
      waitingSearch = undefined;
      send(next);
    }
  }

  function send(p: Pending): void {
    const id = ++seq;
    inFlight.set(id, p);
    if (p.message.type === "search") searching = id;
    worker.postMessage({ ...p.message, id });
  }

  const request = <T>(message: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const p = { message, resolve, reject };
      if (message.type === "search" && searching !== undefined) waitingSearch = p; // replaces an older waiting one
      else send(p);
    });

  start();
  return {
    index: (encoding) => request<{ index: VocabIndex }>({ type: "index", encoding }).then((r) => r.index),
    search: (req) => request<Found>({ type: "search", ...req }),
    card: (encoding, token) => request<{ card: TokenCard }>({ type: "card", encoding, token }).then((r) => r.card),
    encode: (items) => request<{ ids: number[][] }>({ type: "encode", items }).then((r) => r.ids),
  };
}
