/**
 * What the tokenizer worker needs to know before any message: its vocabulary URLs and the
 * encodings to build at once, carried in the fragment of its own script URL.
 *
 *   workerUrlFor("https://x.org/_file/data/tokenizer-worker.81375184.js",
 *     {o200k_base: "https://x.org/_file/data/vocab/o200k_base.0384a8c7.bin"}, ["o200k_base"])
 *   → "https://x.org/_file/data/tokenizer-worker.81375184.js#preload=o200k_base&vocab.o200k_base=https%3A%2F%2Fx.org%2F…"
 *
 * Why not an `init` message: a message posted to a worker that is still starting is held by
 * the page's own thread and handed on only when that thread is free, and on a cold load it is
 * busy loading the page for hundreds of milliseconds. Read from `self.location.hash`, the
 * worker starts fetching and building the moment its script runs. (A fragment never reaches
 * the server, so the script is still fetched and cached under its plain URL.)
 *
 * The playground's head starts its worker with such a URL before Framework's modules load
 * (src/index.md); `sameWorkerUrl` tells the client it may adopt that worker.
 */

export interface WorkerBoot {
  vocabUrls: Record<string, string>;
  preload: string[];
}

/** `workerUrl` (made absolute against `base`) with `boot` in its fragment, keys sorted. */
export function workerUrlFor(workerUrl: string, vocabUrls: Record<string, string>, preload: readonly string[], base: string): string {
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
