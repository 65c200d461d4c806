/**
 * The one request helper every worker client is built on (src/workers/rpc.ts), against a fake
 * worker: newest-wins queues by kind, errors, notices, the watchdog, ending.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { workerRpc, type RpcOptions } from "../../src/workers/rpc.ts";
import { fakeWorkers, settled } from "./fake-worker.ts";

type TestCalls = {
  echo: { request: { text: string }; reply: { type: "echoed"; text: string } };
  look: { request: { key: string }; reply: { type: "looked"; value: number } };
};

function setup(options: Partial<RpcOptions> = {}) {
  const { workers, createWorker } = fakeWorkers();
  const rpc = workerRpc<TestCalls>({ name: "test", start: () => createWorker("w.js"), ...options });
  return { rpc, workers };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("rpc.request(type, body) posts {type, id, ...body} and settles with the reply of that id", async () => {
  const { rpc, workers } = setup();
  const a = rpc.request("echo", { text: "a" });
  const b = rpc.request("look", { key: "k" });
  const [w] = workers;
  assert.deepEqual(w.posted, [
    { type: "echo", id: 1, text: "a" },
    { type: "look", id: 2, key: "k" },
  ]);
  w.say({ type: "looked", id: 2, value: 7 });
  w.say({ type: "echoed", id: 1, text: "a" });
  assert.deepEqual(await a, { type: "echoed", id: 1, text: "a" });
  assert.deepEqual(await b, { type: "looked", id: 2, value: 7 });
});

test("rpc.request(type, body) while one of its kind runs: only the newest waiting one is sent next", async () => {
  const { rpc, workers } = setup();
  const w = workers[0];
  const first = rpc.request("echo", { text: "a" });
  const replaced = rpc.request("echo", { text: "ab" });
  const third = rpc.request("echo", { text: "abc" });
  const other = rpc.request("look", { key: "k" }); // another kind is not held back
  assert.deepEqual(
    w.all("echo").map((m) => m.text),
    ["a"],
  );
  assert.equal(w.all("look").length, 1);
  w.say({ type: "echoed", id: w.last("echo").id, text: "a" });
  assert.equal((await first).text, "a");
  assert.deepEqual(
    w.all("echo").map((m) => m.text),
    ["a", "abc"],
  );
  w.say({ type: "echoed", id: w.last("echo").id, text: "abc" });
  assert.equal((await third).text, "abc");
  assert.equal(await settled(replaced), false);
  w.say({ type: "looked", id: w.last("look").id, value: 1 });
  assert.equal((await other).value, 1);
});

test("rpc.request(type, body) of a kind that is not newest-wins is sent at once, however many run", () => {
  const { rpc, workers } = setup({ newestWins: (type) => type === "echo" });
  for (const key of ["a", "b", "c"]) void rpc.request("look", { key });
  assert.deepEqual(
    workers[0].all("look").map((m) => m.key),
    ["a", "b", "c"],
  );
});

test("rpc.request(type, body, shape) resolves with shape(reply), run as the reply arrives", async () => {
  const { rpc, workers } = setup();
  const seen: string[] = [];
  const p = rpc.request("echo", { text: "x" }, (reply) => (seen.push(reply.text), reply.text.length));
  workers[0].say({ type: "echoed", id: 1, text: "xyz" });
  assert.deepEqual(seen, ["xyz"]); // before any await: a notice right behind the reply finds what shape set up
  assert.equal(await p, 3);
});

test("rpc.request(…) rejects with the worker's error message, and the next of its kind is sent", async () => {
  const { rpc, workers } = setup();
  const w = workers[0];
  const bad = rpc.request("echo", { text: "a" });
  const next = rpc.request("echo", { text: "b" });
  w.say({ type: "error", id: 1, message: "No vocabulary asset for x." });
  await assert.rejects(bad, /^Error: No vocabulary asset for x\.$/);
  assert.deepEqual(w.last("echo"), { type: "echo", id: 2, text: "b" });
  w.say({ type: "echoed", id: 2, text: "b" });
  assert.equal((await next).text, "b");
});

test("rpc notices go to their handler and settle nothing", async () => {
  const heard: any[] = [];
  const { rpc, workers } = setup({ notices: { progress: (n) => heard.push(n) } });
  const p = rpc.request("echo", { text: "a" });
  workers[0].say({ type: "progress", id: 1, done: 3 });
  assert.deepEqual(heard, [{ type: "progress", id: 1, done: 3 }]);
  assert.equal(await settled(p), false);
  workers[0].say({ type: "echoed", id: 1, text: "a" });
  assert.equal((await p).text, "a");
});

test("rpc: a worker that fails rejects what is in flight and what waits, naming the worker", async () => {
  const { rpc, workers } = setup();
  const a = rpc.request("echo", { text: "a" });
  const waiting = rpc.request("echo", { text: "b" });
  const b = rpc.request("look", { key: "k" });
  workers[0].fail();
  for (const p of [a, waiting, b]) await assert.rejects(p, /^Error: The test worker failed: it could not start\.$/);
  // Nothing is left busy: the next request goes out at once.
  void rpc.request("echo", { text: "c" });
  assert.equal(workers[0].last("echo").text, "c");
});

test("rpc watchdog: a request stuck after its notice ends the worker, and a new worker gets what waits", async () => {
  const { rpc, workers } = setup({ watchdog: { notice: "started", ms: 20, error: () => new Error("stuck") } });
  const stuck = rpc.request("echo", { text: "a" });
  const waiting = rpc.request("echo", { text: "b" });
  const other = rpc.request("look", { key: "k" });
  workers[0].say({ type: "started", id: 1 });
  await assert.rejects(stuck, /^Error: stuck$/);
  await assert.rejects(other, /^Error: stuck$/);
  assert.equal(workers[0].terminated, true);
  assert.equal(workers.length, 2);
  assert.deepEqual(workers[1].posted, [{ type: "echo", id: 3, text: "b" }]);
  workers[1].say({ type: "echoed", id: 3, text: "b" });
  assert.equal((await waiting).text, "b");
});

test("rpc watchdog: a request answered in time is not bitten later; one with no notice is not watched", async () => {
  const { rpc, workers } = setup({ watchdog: { notice: "started", ms: 20, error: () => new Error("stuck") } });
  const a = rpc.request("echo", { text: "a" });
  workers[0].say({ type: "started", id: 1 });
  workers[0].say({ type: "echoed", id: 1, text: "a" });
  await a;
  const slow = rpc.request("look", { key: "k" }); // no "started" notice: it may take as long as it takes
  await sleep(50);
  assert.equal(workers[0].terminated, false);
  assert.equal(workers.length, 1);
  assert.equal(await settled(slow), false);
});

test("rpc.end() ends the worker; what was pending never settles, and a late reply is ignored", async () => {
  const { rpc, workers } = setup();
  const p = rpc.request("echo", { text: "a" });
  rpc.end();
  assert.equal(workers[0].terminated, true);
  workers[0].say({ type: "echoed", id: 1, text: "a" });
  assert.equal(await settled(p), false);
});
