/**
 * The vocabulary explorer's client (src/workers/vocab-client.ts) against a fake worker:
 * the watchdog ends a worker stuck in a search, and only the newest waiting search is sent.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { vocabClient, type SearchRequest } from "../../src/workers/vocab-client.ts";
import { fakeWorkers } from "./fake-worker.ts";

const request = (q: string): SearchRequest => ({
  encoding: "o200k_base",
  q,
  as: "auto",
  caseSensitive: false,
  facets: 0,
  script: -1,
  sort: "rank",
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(timeoutMs = 40) {
  const { workers, createWorker } = fakeWorkers();
  const options = { timeoutMs, base: "https://example.org/", createWorker };
  const client = vocabClient("worker.js", { o200k_base: "o200k.bin" }, options);
  return { client, workers };
}

test("vocabClient(…).search(q) that never finishes is stopped: the worker is ended, a new one started, the search rejected", async () => {
  const { client, workers } = setup();
  const pending = client.search(request("/(a+)+$/"));
  const sent = workers[0].last("search");
  assert.equal(sent.q, "/(a+)+$/");
  workers[0].say({ type: "searching", id: sent.id });
  await assert.rejects(
    pending,
    /The search was stopped after 0\.04 s: the regular expression backtracks catastrophically/,
  );
  assert.equal(workers[0].terminated, true);
  assert.equal(workers.length, 2);
  // It boots as the first did: same script URL, then every asset's URL.
  assert.equal(workers[1].url, "https://example.org/worker.js");
  assert.deepEqual(workers[1].posted[0], { type: "urls", vocabUrls: { o200k_base: "https://example.org/o200k.bin" } });
  // The new worker answers the next search.
  const next = client.search(request("ok"));
  const s2 = workers[1].last("search");
  workers[1].say({ type: "searching", id: s2.id });
  workers[1].say({ type: "found", id: s2.id, ids: new Int32Array([7]), complete: true, searched: 1, ms: 1 });
  assert.deepEqual(Array.from((await next).ids), [7]);
});

test("vocabClient(…).search(q) answered in time resolves, and its watchdog does not fire later", async () => {
  const { client, workers } = setup(30);
  const pending = client.search(request("the"));
  const sent = workers[0].last("search");
  workers[0].say({ type: "searching", id: sent.id });
  workers[0].say({ type: "found", id: sent.id, ids: new Int32Array([1, 2]), complete: true, searched: 2, ms: 1 });
  assert.deepEqual(Array.from((await pending).ids), [1, 2]);
  await sleep(60);
  assert.equal(workers[0].terminated, false);
  assert.equal(workers.length, 1);
});

test("vocabClient(…).search(q) while a search runs: only the newest waiting one is sent next", async () => {
  const { client, workers } = setup(1000);
  const first = client.search(request("a"));
  void client.search(request("ab")); // replaced before it is sent: never settles
  const third = client.search(request("abc"));
  const w = workers[0];
  assert.deepEqual(
    w.posted.filter((m) => m.type === "search").map((m) => m.q),
    ["a"],
  );
  const s1 = w.last("search");
  w.say({ type: "found", id: s1.id, ids: new Int32Array(0), complete: true, searched: 0, ms: 0 });
  await first;
  assert.deepEqual(
    w.posted.filter((m) => m.type === "search").map((m) => m.q),
    ["a", "abc"],
  );
  const s3 = w.last("search");
  w.say({ type: "found", id: s3.id, ids: new Int32Array([3]), complete: true, searched: 1, ms: 0 });
  assert.deepEqual(Array.from((await third).ids), [3]);
});

test("vocabClient(…).card(…) rejects with the worker's message when it fails", async () => {
  const { client, workers } = setup();
  const pending = client.card("o200k_base", 5);
  const sent = workers[0].last("card");
  workers[0].say({ type: "error", id: sent.id, message: "No vocabulary asset for o200k_base." });
  await assert.rejects(pending, /No vocabulary asset for o200k_base\./);
});
