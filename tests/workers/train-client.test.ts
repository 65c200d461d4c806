/**
 * The BPE page's training client (src/workers/train-client.ts) against a fake worker: one fresh
 * worker per run, progress, the result, errors, and cancelling by ending the worker.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { trainClient } from "../../src/workers/train-client.ts";
import { fakeWorkers, settled } from "./fake-worker.ts";

function setup() {
  const { workers, createWorker } = fakeWorkers();
  return { trainer: trainClient("train-worker.js", { createWorker }), workers };
}

const MERGE = { left: 104, right: 105, id: 256, count: 2 };

test("trainClient(url) starts no worker until train(…) is called", () => {
  const { workers } = setup();
  assert.equal(workers.length, 0);
});

test("trainClient(url).train(text, vocabSize, onProgress) reports progress, resolves, ends its worker", async () => {
  const { trainer, workers } = setup();
  const heard: [number, number][] = [];
  const run = trainer.train("hihi", 257, (done, total) => heard.push([done, total]));
  const w = workers[0];
  assert.equal(w.url, "train-worker.js");
  assert.deepEqual(w.posted, [{ type: "train", id: 1, text: "hihi", vocabSize: 257 }]);
  w.say({ type: "progress", id: 1, done: 0, total: 1 });
  w.say({ type: "done", id: 1, merges: [MERGE], vocab: [], ids: [256, 256] });
  const trained = await run;
  assert.deepEqual([trained.merges, trained.ids], [[MERGE], [256, 256]]);
  assert.deepEqual(heard, [[0, 1]]);
  assert.equal(w.terminated, true);
});

test("trainClient(url).train(…) rejects with the worker's error, or with the worker's own failure", async () => {
  const { trainer, workers } = setup();
  const bad = trainer.train("x", 300);
  workers[0].say({ type: "error", id: 1, message: "Out of memory." });
  await assert.rejects(bad, /^Error: Out of memory\.$/);
  assert.equal(workers[0].terminated, true);
  const broken = trainer.train("x", 300);
  workers[1].fail("it could not be fetched");
  await assert.rejects(broken, /^Error: The training worker failed: it could not be fetched\.$/);
});

test("trainClient(url).cancel() ends the run's worker, and its promise never settles", async () => {
  const { trainer, workers } = setup();
  const run = trainer.train("hihi", 300);
  trainer.cancel();
  assert.equal(workers[0].terminated, true);
  assert.equal(await settled(run), false);
});

test("trainClient(url).train(…) while a run goes on ends that run's worker and starts a fresh one", async () => {
  const { trainer, workers } = setup();
  const first = trainer.train("a", 300);
  const second = trainer.train("b", 300);
  assert.equal(workers.length, 2);
  assert.equal(workers[0].terminated, true);
  assert.equal(workers[1].terminated, false);
  workers[1].say({ type: "done", id: 1, merges: [], vocab: [], ids: [98] });
  assert.deepEqual((await second).ids, [98]);
  assert.equal(await settled(first), false);
});
