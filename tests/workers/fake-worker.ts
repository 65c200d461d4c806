/**
 * A stand-in for a Web Worker in the clients' tests: it records what the client posts, and
 * `say` plays the worker's answer.
 *
 *   const w = new FakeWorker("w.js");
 *   client.encode(…);  w.last("encode")  → {type: "encode", id: 1, …}
 *   w.say({type: "encoded", id: 1, …});
 */
import type { WorkerLike } from "../../src/workers/rpc.ts";

export class FakeWorker implements WorkerLike {
  posted: any[] = [];
  terminated = false;
  onmessage: ((event: { data: any }) => void) | null = null;
  onerror: ((event: { message?: string }) => void) | null = null;
  constructor(readonly url: string = "") {}
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker posts `data` to the client. */
  say(data: unknown): void {
    this.onmessage?.({ data });
  }
  /** The worker fails (a script that does not load, an uncaught error). */
  fail(message?: string): void {
    this.onerror?.({ message });
  }
  /** The newest message of `type` the client posted. */
  last(type: string): any {
    return [...this.posted].reverse().find((m) => m.type === type);
  }
  /** Every message of `type` the client posted. */
  all(type: string): any[] {
    return this.posted.filter((m) => m.type === type);
  }
}

/** A factory that makes FakeWorkers and keeps them, in order. */
export function fakeWorkers(): { workers: FakeWorker[]; createWorker: (url: string) => FakeWorker } {
  const workers: FakeWorker[] = [];
  return {
    workers,
    createWorker: (url) => {
      const w = new FakeWorker(url);
      workers.push(w);
      return w;
    },
  };
}

/** Whether `promise` has settled by the time the queued microtasks have run. */
export async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}
