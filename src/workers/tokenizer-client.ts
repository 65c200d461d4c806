/**
 * The page's side of the tokenizer worker (src/workers/tokenizer-worker.ts).
 *
 *   const client = tokenizerClient(workerUrl, vocabUrls, {preload: ["o200k_base"]});
 *   const result = await client.encode(text, ["o200k_base", "cl100k_base"], false);
 *
 * Only the newest request of each kind is worth answering: while the worker is busy, a new
 * request replaces any that is still waiting, and the replaced promise never settles (the
 * page has moved on from it). So typing into a megabyte of text queues at most one encode.
 */
import { listEncodings, vocabNameOf } from "../engine/index.js";
import type { MergeTrace } from "../engine/index.js";
import type { Chunk, ChunkOptions } from "../lib/chunking.js";
import type { IdProblem } from "../lib/parse-ids.js";
import type { LabelledPiece } from "../lib/piece-kinds.js";
import type { TextStats } from "../lib/text-stats.js";
import type { CutComparison, TokenTable } from "../lib/token-table.js";
import { sameWorkerUrl, workerUrlFor } from "./worker-url.js";

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

type Pending = { message: Record<string, unknown>; resolve: (v: any) => void; reject: (e: Error) => void };

export interface TokenizerClientOptions {
  /**
   * Encodings to make ready at once, before any request: the worker fetches, checks and
   * builds their vocabularies as soon as its script runs (worker-url.ts).
   */
  preload?: string[];
  /**
   * A worker the page started before its modules loaded (the playground's head script in
   * src/index.md), with `url` made like `workerUrlFor`'s. Adopted when it is the worker this
   * client would start (same script, preload and preloaded assets); else stopped.
   */
  boot?: { url: string; worker: Worker };
}

export function tokenizerClient(workerUrl: string, vocabUrls: Record<string, string>, options: TokenizerClientOptions = {}): TokenizerClient {
  const preload = (options.preload ?? []).filter((name) => listEncodings().includes(name));
  // The worker's URL carries the preloaded encodings' assets; a message brings all the others.
  const first = Object.fromEntries(preload.map(vocabNameOf).filter((key) => vocabUrls[key]).map((key) => [key, vocabUrls[key]]));
  const url = workerUrlFor(workerUrl, first, preload, location.href);
  const { boot } = options;
  const adopt = boot !== undefined && sameWorkerUrl(boot.url, url);
  if (boot && !adopt) boot.worker.terminate();
  const worker = adopt ? boot.worker : new Worker(url, { type: "module" });
  worker.postMessage({ type: "urls", vocabUrls: Object.fromEntries(Object.entries(vocabUrls).map(([key, u]) => [key, new URL(u, location.href).href])) });
  let seq = 0;
  const inFlight = new Map<number, Pending>();
  const statsFor = new Map<number, (stats: TextStats) => void>(); // encode id → its stats to come
  const waiting = new Map<string, Pending>(); // kind → newest request not yet sent
  const busy = new Set<string>(); // kinds with a request in the worker

  const send = (kind: string, p: Pending) => {
    const id = ++seq;
    busy.add(kind);
    inFlight.set(id, p);
    worker.postMessage({ ...p.message, id });
  };
  worker.onmessage = (event: MessageEvent) => {
    const { id, type } = event.data;
    if (type === "stats") {
      statsFor.get(id)?.(event.data.stats);
      statsFor.delete(id);
      return;
    }
    const p = inFlight.get(id);
    if (!p) return;
    inFlight.delete(id);
    const kind = p.message.type as string;
    busy.delete(kind);
    if (type === "error") p.reject(new Error(event.data.message));
    else if (type === "encoded") p.resolve({ ...event.data, stats: new Promise((resolve) => statsFor.set(id, resolve)) });
    else p.resolve(event.data); // typed arrays and Maps survive structured cloning as they are
    const next = waiting.get(kind);
    if (next) {
      waiting.delete(kind);
      send(kind, next);
    }
  };
  worker.onerror = (event) => {
    const error = new Error(`The tokenizer worker failed: ${event.message || "it could not start"}.`);
    for (const p of [...inFlight.values(), ...waiting.values()]) p.reject(error);
    inFlight.clear();
    waiting.clear();
    statsFor.clear();
  };

  const request = <T>(message: Record<string, unknown>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const kind = message.type as string;
      const p = { message, resolve, reject };
      if (busy.has(kind)) waiting.set(kind, p); // replaces (and abandons) an older waiting one
      else send(kind, p);
    });

  return {
    encode: (text, encodings, allowSpecial) => request<Encoded>({ type: "encode", text, encodings, allowSpecial }),
    decode: (input, encoding) => request<Decoded>({ type: "decode", input, encoding }),
    split: (text, encodings) => request<{ splits: { encoding: string; pieces: LabelledPiece[] }[] }>({ type: "split", text, encodings }).then((r) => r.splits),
    chunk: (text, encoding, options) => request<{ chunks: Chunk[]; bounds: number[][] }>({ type: "chunk", text, encoding, ...options }),
    trace: (piece, encoding) => request<{ trace: MergeTrace }>({ type: "trace", piece, encoding }).then((r) => r.trace),
  };
}
