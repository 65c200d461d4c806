/**
 * The tokenizer worker's client (src/workers/tokenizer-client.ts) against a fake worker: how it
 * boots (or adopts the playground head's worker), newest-wins encodes, the stats that follow an
 * encode, and the replies it unwraps.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenizerClient, type TokenizerClientOptions } from "../../src/workers/tokenizer-client.ts";
import { workerUrlFor } from "../../src/workers/worker-url.ts";
import { FakeWorker, fakeWorkers, settled } from "./fake-worker.ts";

const BASE = "https://example.org/docs/";
const SCRIPT = "./_file/data/tokenizer-worker.81375184.js";
const VOCAB = {
  o200k_base: "./_file/data/vocab/o200k_base.0384a8c7.bin",
  cl100k_base: "/_file/data/vocab/cl100k_base.a51d11c8.bin",
};
const ABSOLUTE = {
  o200k_base: "https://example.org/docs/_file/data/vocab/o200k_base.0384a8c7.bin",
  cl100k_base: "https://example.org/_file/data/vocab/cl100k_base.a51d11c8.bin",
};

function setup(options: TokenizerClientOptions = {}) {
  const { workers, createWorker } = fakeWorkers();
  const client = tokenizerClient(SCRIPT, VOCAB, { base: BASE, createWorker, ...options });
  return { client, workers };
}

test("tokenizerClient(url, vocabUrls, {preload}) boots a worker: its fragment, then a urls message", () => {
  const { workers } = setup({ preload: ["o200k_harmony", "no_such_encoding"] });
  assert.equal(workers.length, 1);
  assert.equal(workers[0].url, workerUrlFor(SCRIPT, { o200k_base: VOCAB.o200k_base }, ["o200k_harmony"], BASE));
  assert.deepEqual(workers[0].posted, [{ type: "urls", vocabUrls: ABSOLUTE }]);
});

test("tokenizerClient(…, {boot}) adopts the head's worker when it is the one it would start", () => {
  const url = workerUrlFor(SCRIPT, { o200k_base: VOCAB.o200k_base }, ["o200k_base"], BASE);
  // The head script writes the fragment's keys in its own order.
  const [script, hash] = url.split("#");
  const head = new FakeWorker(`${script}#${hash.split("&").reverse().join("&")}`);
  const { workers } = setup({ preload: ["o200k_base"], boot: { url: head.url, worker: head } });
  assert.equal(workers.length, 0, "no second worker");
  assert.equal(head.terminated, false);
  assert.deepEqual(head.posted, [{ type: "urls", vocabUrls: ABSOLUTE }]);
});

test("tokenizerClient(…, {boot}) ends the head's worker when the page wants other encodings", () => {
  const url = workerUrlFor(SCRIPT, { o200k_base: VOCAB.o200k_base }, ["o200k_base"], BASE);
  const head = new FakeWorker(url);
  const { workers } = setup({ preload: ["cl100k_base"], boot: { url, worker: head } });
  assert.equal(head.terminated, true);
  assert.equal(workers.length, 1);
  assert.match(workers[0].url, /#preload=cl100k_base&vocab\.cl100k_base=/);
});

test("tokenizerClient(…).encode(…) while an encode runs: only the newest waiting one is sent next", async () => {
  const { client, workers } = setup();
  const w = workers[0];
  const first = client.encode("a", ["o200k_base"], false);
  const replaced = client.encode("ab", ["o200k_base"], false);
  const third = client.encode("abc", ["o200k_base", "cl100k_base"], true);
  const decoded = client.decode("[1, 2]", "o200k_base"); // another kind is not held back
  assert.deepEqual(
    w.all("encode").map((m) => m.text),
    ["a"],
  );
  assert.deepEqual(w.last("decode"), { type: "decode", id: 2, input: "[1, 2]", encoding: "o200k_base" });
  w.say({ type: "encoded", id: 1, tables: [], specials: [], ms: 1 });
  await first;
  const sent = { type: "encode", id: 3, text: "abc", encodings: ["o200k_base", "cl100k_base"], allowSpecial: true };
  assert.deepEqual(w.last("encode"), sent);
  w.say({ type: "encoded", id: 3, tables: [], specials: ["<|endoftext|>"], ms: 2 });
  assert.deepEqual((await third).specials, ["<|endoftext|>"]);
  assert.equal(await settled(replaced), false);
  assert.equal(await settled(decoded), false);
});

test("tokenizerClient(…).encode(…) resolves with the tokens, and its stats promise when they follow", async () => {
  const { client, workers } = setup();
  const w = workers[0];
  const pending = client.encode("héllo", ["o200k_base"], false);
  w.say({ type: "encoded", id: 1, tables: [{ encoding: "o200k_base", length: 2 }], specials: [], ms: 0.5 });
  w.say({ type: "stats", id: 1, stats: { codePoints: 5, utf8: 6 } }); // right behind, before any await
  const encoded = await pending;
  assert.equal(encoded.tables[0].length, 2);
  assert.equal(encoded.ms, 0.5);
  assert.deepEqual(await encoded.stats, { codePoints: 5, utf8: 6 });
});

test("tokenizerClient(…).split/trace/chunk(…) post their requests and unwrap their replies", async () => {
  const { client, workers } = setup();
  const w = workers[0];
  const split = client.split("Hi there", ["o200k_base"]);
  const trace = client.trace(" there", "o200k_base");
  const options = { splitter: "recursive" as const, size: 100, overlap: 10 };
  const chunk = client.chunk("text", "cl100k_base", options);
  assert.deepEqual(w.last("split"), { type: "split", id: 1, text: "Hi there", encodings: ["o200k_base"] });
  assert.deepEqual(w.last("trace"), { type: "trace", id: 2, piece: " there", encoding: "o200k_base" });
  assert.deepEqual(w.last("chunk"), { type: "chunk", id: 3, text: "text", encoding: "cl100k_base", ...options });
  const pieces = [{ start: 0, end: 2, kind: "letters" }];
  w.say({ type: "split", id: 1, splits: [{ encoding: "o200k_base", pieces }] });
  w.say({ type: "trace", id: 2, trace: { steps: [] } });
  w.say({ type: "chunked", id: 3, chunks: [{ start: 0, end: 4 }], bounds: [[0]] });
  assert.deepEqual(await split, [{ encoding: "o200k_base", pieces }]);
  assert.deepEqual(await trace, { steps: [] });
  assert.deepEqual((await chunk).bounds, [[0]]);
});

test("tokenizerClient(…) rejects with the worker's error, and every request when the worker fails", async () => {
  const { client, workers } = setup();
  const w = workers[0];
  const decoded = client.decode("x", "o200k_base");
  w.say({ type: "error", id: 1, message: "Could not load the vocabulary of o200k_base (HTTP 404)." });
  await assert.rejects(decoded, /Could not load the vocabulary of o200k_base \(HTTP 404\)\./);
  const a = client.encode("a", ["o200k_base"], false);
  const b = client.encode("b", ["o200k_base"], false);
  w.fail("SyntaxError: bad script");
  await assert.rejects(a, /^Error: The tokenizer worker failed: SyntaxError: bad script\.$/);
  await assert.rejects(b, /^Error: The tokenizer worker failed: SyntaxError: bad script\.$/);
});
