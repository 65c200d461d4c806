/**
 * Requests to a Web Worker as promises, where only the newest request of a kind is worth
 * answering. Every client of the site's workers is built on it (tokenizer-client.ts,
 * vocab-client.ts, train-client.ts).
 *
 *   const rpc = workerRpc<TokenizerCalls>({name: "tokenizer", start: () => moduleWorker(url)});
 *   const reply = await rpc.request("encode", {text, encodings: ["o200k_base"], allowSpecial: false});
 *
 * The wire: the client posts `{type, id, ...body}`; the worker answers `{id, ...reply}` once, or
 * `{type: "error", id, message}` (the promise rejects with that message). Messages whose type
 * is in `notices` (progress, "the search has started", a result that comes later) settle
 * nothing: they go to their handler.
 *
 * Newest wins. While a request of a newest-wins kind is in the worker, a new one of that kind
 * waits, and a newer one replaces it: the replaced promise never settles (the page has moved on
 * from it). So typing into a megabyte of text queues at most one encode. Other kinds are sent
 * at once.
 *
 * The watchdog (optional). A worker can be stuck where nothing but ending it helps (a regular
 * expression that backtracks for minutes on one token). Once the worker posts the watchdog's
 * notice for a request, that request may run `ms` more; then the worker is ended, everything in
 * flight rejected with the watchdog's error, a new worker started, and the waiting requests
 * sent to it.
 *
 * `start` makes the worker; tests pass fakes (`WorkerLike`), pages `moduleWorker`.
 */

/**
 * A message from a worker, as structured cloning delivers it: untyped at this boundary. Each
 * client gives it its type through its worker's protocol (`*-protocol.ts`) in `request<K>` and
 * in its notice handlers, which may therefore declare the notice they expect.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Incoming = any;

/** The part of a Worker a client uses. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

/** Starts a worker from its script URL: `moduleWorker` in the browser, a fake in tests. */
export type WorkerFactory = (url: string) => WorkerLike;

export const moduleWorker: WorkerFactory = (url) => new Worker(url, { type: "module" }) as unknown as WorkerLike;

/** A worker's protocol: for each request type, its body and the reply it gets. */
export type Calls = { [type: string]: { request: object; reply: { type: string } } };

/** What the worker receives: each request with its type and id. */
export type RequestMessage<C extends Calls> = {
  [K in keyof C & string]: { type: K; id: number } & C[K]["request"];
}[keyof C & string];

/** What the worker answers: each reply with the id of its request. */
export type ReplyMessage<C extends Calls> = {
  [K in keyof C & string]: { id: number } & C[K]["reply"];
}[keyof C & string];

/** The answer to a request that failed. */
export interface ErrorReply {
  type: "error";
  id: number;
  message: string;
}

export interface RpcOptions {
  /** For the message of a worker that fails: "The tokenizer worker failed: …". */
  name: string;
  /** Starts (and boots) a worker: at first, and again after the watchdog ends one. */
  start: () => WorkerLike;
  /** Kinds of which only the newest request is answered. Default: every kind. */
  newestWins?: (type: string) => boolean;
  /** Handlers of the worker's messages that settle no request, by type. */
  notices?: Record<string, (data: Incoming) => void>;
  watchdog?: { notice: string; ms: number; error: () => Error };
}

export interface Rpc<C extends Calls> {
  /**
   * Send a request; the promise settles with its reply, passed through `shape` (which runs as
   * the reply arrives, before any later message is handled), or rejects with the worker's error.
   */
  request<K extends keyof C & string, R = { id: number } & C[K]["reply"]>(
    type: K,
    body: C[K]["request"],
    shape?: (reply: { id: number } & C[K]["reply"]) => R,
  ): Promise<R>;
  /** End the worker. What is pending never settles. */
  end(): void;
}

type Pending = {
  type: string;
  body: object;
  shape?: (reply: Incoming) => unknown;
  resolve: (value: Incoming) => void;
  reject: (error: Error) => void;
};

export function workerRpc<C extends Calls>(options: RpcOptions): Rpc<C> {
  const { name, start, newestWins = () => true, notices = {}, watchdog } = options;
  let seq = 0;
  const inFlight = new Map<number, Pending>();
  const busy = new Map<string, number>(); // newest-wins kind → the id of its request in the worker
  const waiting = new Map<string, Pending>(); // newest-wins kind → its newest request not yet sent
  let watched: { id: number; timer: ReturnType<typeof setTimeout> } | undefined;
  let worker: WorkerLike;

  function send(p: Pending): void {
    const id = ++seq;
    inFlight.set(id, p);
    if (newestWins(p.type)) busy.set(p.type, id);
    worker.postMessage({ ...p.body, type: p.type, id });
  }

  function sendWaiting(type: string): void {
    const next = waiting.get(type);
    if (!next) return;
    waiting.delete(type);
    send(next);
  }

  function unwatch(): void {
    clearTimeout(watched?.timer);
    watched = undefined;
  }

  /** Reject what is in flight (and, unless `keepWaiting`, what waits) with `error`. */
  function fail(error: Error, keepWaiting: boolean): void {
    const pending = [...inFlight.values(), ...(keepWaiting ? [] : waiting.values())];
    inFlight.clear();
    busy.clear();
    if (!keepWaiting) waiting.clear();
    unwatch();
    for (const p of pending) p.reject(error);
  }

  /** The watchdog's bite: end the stuck worker, start afresh and send it what waits. */
  function restart(error: Error): void {
    worker.terminate();
    fail(error, true);
    boot();
    for (const type of [...waiting.keys()]) sendWaiting(type);
  }

  function onMessage(data: Incoming): void {
    const { id, type } = data;
    if (watchdog && type === watchdog.notice) {
      if (inFlight.has(id)) {
        unwatch();
        watched = { id, timer: setTimeout(() => restart(watchdog.error()), watchdog.ms) };
      }
    }
    if (Object.hasOwn(notices, type) || type === watchdog?.notice) {
      notices[type]?.(data);
      return;
    }
    const p = inFlight.get(id);
    if (!p) return;
    inFlight.delete(id);
    if (watched?.id === id) unwatch();
    if (busy.get(p.type) === id) busy.delete(p.type);
    if (type === "error") p.reject(new Error(data.message));
    else p.resolve(p.shape ? p.shape(data) : data); // typed arrays and Maps survive structured cloning as they are
    if (!busy.has(p.type)) sendWaiting(p.type);
  }

  function boot(): void {
    worker = start();
    worker.onmessage = (event) => onMessage(event.data as Incoming);
    worker.onerror = (event) => {
      fail(new Error(`The ${name} worker failed: ${event.message || "it could not start"}.`), false);
    };
  }

  boot();
  return {
    request: (type, body, shape) =>
      new Promise((resolve, reject) => {
        const p: Pending = { type, body, shape, resolve, reject };
        if (busy.has(type))
          waiting.set(type, p); // replaces (and abandons) an older waiting one
        else send(p);
      }),
    end() {
      worker.terminate();
      inFlight.clear();
      busy.clear();
      waiting.clear();
      unwatch();
    },
  };
}
