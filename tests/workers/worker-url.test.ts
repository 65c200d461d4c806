import assert from "node:assert/strict";
import { test } from "node:test";
import { readWorkerBoot, sameWorkerUrl, workerUrlFor } from "../../src/workers/worker-url.ts";

const BASE = "https://example.org/docs/index.html";
const VOCAB = {
  o200k_base: "./_file/data/vocab/o200k_base.0384a8c7.bin",
  cl100k_base: "/_file/data/vocab/cl100k_base.a51d11c8.bin",
};

test("workerUrlFor(workerUrl, vocabUrls, preload, base) puts absolute asset URLs and the preload in the fragment", () => {
  const url = workerUrlFor("./_file/data/tokenizer-worker.81375184.js", VOCAB, ["o200k_base"], BASE);
  assert.equal(
    url,
    "https://example.org/docs/_file/data/tokenizer-worker.81375184.js#preload=o200k_base" +
      "&vocab.cl100k_base=https%3A%2F%2Fexample.org%2F_file%2Fdata%2Fvocab%2Fcl100k_base.a51d11c8.bin" +
      "&vocab.o200k_base=https%3A%2F%2Fexample.org%2Fdocs%2F_file%2Fdata%2Fvocab%2Fo200k_base.0384a8c7.bin",
  );
});

test("readWorkerBoot(hash) gives back what workerUrlFor put in", () => {
  const url = new URL(workerUrlFor("w.js", VOCAB, ["o200k_base", "cl100k_base"], BASE));
  assert.deepEqual(readWorkerBoot(url.hash), {
    preload: ["o200k_base", "cl100k_base"],
    vocabUrls: {
      cl100k_base: "https://example.org/_file/data/vocab/cl100k_base.a51d11c8.bin",
      o200k_base: "https://example.org/docs/_file/data/vocab/o200k_base.0384a8c7.bin",
    },
  });
  assert.deepEqual(readWorkerBoot(""), { preload: [], vocabUrls: {} });
});

test("sameWorkerUrl(a, b) ignores the order of the fragment's keys, nothing else", () => {
  const url = workerUrlFor("w.js", VOCAB, ["o200k_base"], BASE);
  // The playground's head script writes the keys in its links' order, not sorted.
  const [script, hash] = url.split("#");
  const reordered = `${script}#${hash.split("&").reverse().join("&")}`;
  assert.notEqual(reordered, url);
  assert.ok(sameWorkerUrl(reordered, url));
  assert.ok(!sameWorkerUrl(workerUrlFor("w.js", VOCAB, ["cl100k_base"], BASE), url), "another preload");
  assert.ok(!sameWorkerUrl(workerUrlFor("w2.js", VOCAB, ["o200k_base"], BASE), url), "another script");
  assert.ok(
    !sameWorkerUrl(workerUrlFor("w.js", { o200k_base: VOCAB.o200k_base }, ["o200k_base"], BASE), url),
    "fewer assets",
  );
});
