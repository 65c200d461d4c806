/**
 * The chat worker's client (src/workers/chat-client.ts) against a fake worker: it boots as the
 * tokenizer worker does, only the newest waiting request is sent, and a worker's error rejects.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { chatClient } from "../../src/workers/chat-client.ts";
import { workerUrlFor } from "../../src/workers/worker-url.ts";
import { fakeWorkers, settled } from "./fake-worker.ts";

const BASE = "https://example.org/";
const SCRIPT = "./_file/data/chat-worker.568575df.js";
const VOCAB = { o200k_base: "./_file/data/vocab/o200k_base.0384a8c7.bin" };

function setup() {
  const { workers, createWorker } = fakeWorkers();
  const client = chatClient(SCRIPT, VOCAB, { base: BASE, createWorker, preload: ["o200k_base"] });
  return { client, workers };
}

test("chatClient(url, vocabUrls, {preload}) boots its worker from the URL fragment, then a urls message", () => {
  const { workers } = setup();
  assert.equal(workers.length, 1);
  assert.equal(workers[0].url, workerUrlFor(SCRIPT, VOCAB, ["o200k_base"], BASE));
  assert.deepEqual(workers[0].all("urls"), [
    { type: "urls", vocabUrls: { o200k_base: "https://example.org/_file/data/vocab/o200k_base.0384a8c7.bin" } },
  ]);
});

test("chatClient(…).chat(…) while a chat runs: only the newest waiting request is sent next", async () => {
  const { client, workers } = setup();
  const w = workers[0];
  const first = client.chat("[]", ["gpt-4o"], {});
  const replaced = client.chat("[1]", ["gpt-4o"], {});
  const newest = client.chat('[{"role": "user", "content": "Hi"}]', ["gpt-4o", "qwen3"], {}, { enableThinking: false });
  assert.deepEqual(
    w.all("chat").map((m) => m.body),
    ["[]"],
  );
  w.say({ type: "chat", id: 1, results: [], messages: [], ms: 1 });
  await first;
  assert.deepEqual(w.last("chat"), {
    type: "chat",
    id: 2, // ids are given as requests are sent: the replaced one never was
    body: '[{"role": "user", "content": "Hi"}]',
    models: ["gpt-4o", "qwen3"],
    templates: {},
    enableThinking: false,
  });
  const result = { model: "gpt-4o", error: "no such thing" };
  w.say({ type: "chat", id: 2, results: [result], messages: [{ role: "user" }], ms: 2 });
  assert.deepEqual((await newest).results, [result]);
  assert.equal(await settled(replaced), false);
});

test("chatClient(…).chat(…) rejects with the worker's message (bad JSON, with its line and column)", async () => {
  const { client, workers } = setup();
  const pending = client.chat("{", ["gpt-4o"], {});
  workers[0].say({ type: "error", id: 1, message: "invalid JSON at line 1, column 2" });
  await assert.rejects(pending, /line 1, column 2/);
});
