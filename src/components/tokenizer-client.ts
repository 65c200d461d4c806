/**
 * The page's side of the tokenizer worker (src/components/tokenizer-worker.ts).
 *
 *   const client = tokenizerClient(workerUrl, vocabUrls);
 *   const result = await client.encode(text, ["o200k_base", "cl100k_base"], false);
 *
 * Only the newest request of each kind is worth answering: while the worker is busy, a new
 * request replaces any that is still waiting, and the replaced promise never settles (the
 * page has moved on from it). So typing into a megabyte of text queues at most one encode.
 */
import type { IdProblem } from "./parse-ids.js";
import type { TextStats } from "./text-stats.js";
import type { TokenTable } from "./token-table.js";

export interface Encoded {
  tables: TokenTable[];
  stats: TextStats;
  /** Special-token texts found in the text. */
  specials: string[];
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
}

type Pending = { message: Record<string, unknown>; resolve: (v: any) => void; reject: (e: Error) => void };

export function tokenizerClient(workerUrl: string, vocabUrls: Record<string, string>): TokenizerClient {
  const worker = new Worker(workerUrl, { type: "module" });
  worker.postMessage({ type: "init", vocabUrls });
  let seq = 0;
  const inFlight = new Map<number, Pending>();
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
    const p = inFlight.get(id);
    if (!p) return;
    inFlight.delete(id);
    const kind = p.message.type as string;
    busy.delete(kind);
    if (type === "error") p.reject(new Error(event.data.message));
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
  };
}
