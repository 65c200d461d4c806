/**
 * How the tokenizer and vocabulary workers boot, the one way both do: the fragment of the
 * worker's script URL names the encodings to build at once and their vocabulary assets, and one
 * `{type: "urls"}` message then brings every asset.
 *
 *   workerUrlFor("https://x.org/_file/data/tokenizer-worker.81375184.js",
 *     {o200k_base: "https://x.org/_file/data/vocab/o200k_base.0384a8c7.bin"}, ["o200k_base"])
 *   → "https://x.org/_file/data/tokenizer-worker.81375184.js#preload=o200k_base&vocab.o200k_base=https%3A%2F%2Fx.org%2F…"
 *
 * Why the fragment and not only a message: a message posted to a worker that is still starting
 * is held by the page's own thread and handed on only when that thread is free, and on a cold
 * load it is busy loading the page for hundreds of milliseconds. Read from `self.location.hash`,
 * the worker starts fetching and building the moment its script runs. (A fragment never reaches
 * the server, so the script is still fetched and cached under its plain URL.) The fragment holds
 * only the preloaded encodings' assets, so that the playground's head script, which knows only
 * o200k_base's (src/index.md), can start the very worker the page's client would start;
 * `sameWorkerUrl` tells the client it may adopt it. The `urls` message brings the others.
 */
import { vocabNameOf } from "../engine/index.js";
import type { WorkerFactory, WorkerLike } from "./rpc.js";

export interface WorkerBoot {
  vocabUrls: Record<string, string>;
  preload: string[];
}

/** `workerUrl` (made absolute against `base`) with `boot` in its fragment, keys sorted. */
export function workerUrlFor(
  workerUrl: string,
  vocabUrls: Record<string, string>,
  preload: readonly string[],
  base: string,
): string {
  const q = new URLSearchParams();
  if (preload.length) q.set("preload", preload.join(","));
  for (const key of Object.keys(vocabUrls).sort()) q.set(`vocab.${key}`, new URL(vocabUrls[key], base).href);
  const url = new URL(workerUrl, base);
  url.hash = q.toString();
  return url.href;
}

/** What `workerUrlFor` put in a fragment (`location.hash`, with or without its "#"). */
export function readWorkerBoot(hash: string): WorkerBoot {
  const q = new URLSearchParams(hash.replace(/^#/, ""));
  const vocabUrls: Record<string, string> = {};
  for (const [key, value] of q) if (key.startsWith("vocab.")) vocabUrls[key.slice("vocab.".length)] = value;
  return { vocabUrls, preload: q.get("preload")?.split(",").filter(Boolean) ?? [] };
}

/** Whether two worker URLs name the same script and the same boot, whatever their order. */
export function sameWorkerUrl(a: string, b: string): boolean {
  const [ua, ub] = [new URL(a), new URL(b)];
  const boot = (u: URL) => JSON.stringify([...new URLSearchParams(u.hash.slice(1))].sort());
  return ua.origin + ua.pathname + ua.search === ub.origin + ub.pathname + ub.search && boot(ua) === boot(ub);
}

/** The boot's second half, from the client to the worker: every vocabulary asset, absolute. */
export interface UrlsMessage {
  type: "urls";
  vocabUrls: Record<string, string>;
}

/** What every client that boots its worker with `bootWorker` takes (tokenizer, vocab, chat). */
export interface BootedClientOptions {
  /**
   * Encodings to make ready at once, before any request: the worker fetches, checks and
   * builds their vocabularies as soon as its script runs.
   */
  preload?: string[];
  /** Starts the worker; default `moduleWorker` (tests pass a fake). */
  createWorker?: WorkerFactory;
  /** The page's URL, against which relative URLs are resolved; default `location.href`. */
  base?: string;
}

export interface BootOptions {
  /** Encodings to build at once (the keys of `vocabUrls` are `vocabNameOf(encoding)`). */
  preload: readonly string[];
  /** The page's URL, against which relative URLs are resolved. */
  base: string;
  createWorker: WorkerFactory;
  /** A worker started earlier with `url`: adopted when it is the one this boot starts, else ended. */
  adopt?: { url: string; worker: WorkerLike };
}

/**
 * Start (or adopt) a worker running `script` and boot it: `preload` and its assets in the URL's
 * fragment, then every asset in a `urls` message.
 */
export function bootWorker(script: string, vocabUrls: Record<string, string>, options: BootOptions): WorkerLike {
  const { preload, base, createWorker, adopt } = options;
  const keys = preload.map(vocabNameOf).filter((key) => vocabUrls[key]);
  const first = Object.fromEntries(keys.map((key) => [key, vocabUrls[key]]));
  const url = workerUrlFor(script, first, preload, base);
  const adopted = adopt !== undefined && sameWorkerUrl(adopt.url, url);
  if (adopt && !adopted) adopt.worker.terminate();
  const worker = adopted ? adopt.worker : createWorker(url);
  const absolute = Object.fromEntries(Object.entries(vocabUrls).map(([key, u]) => [key, new URL(u, base).href]));
  worker.postMessage({ type: "urls", vocabUrls: absolute } satisfies UrlsMessage);
  return worker;
}
