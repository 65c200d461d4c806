/**
 * Token-aware chunking (src/lib/chunking.ts): the worked example, and the invariants on
 * the corpora and on random text for every splitter: each chunk fits, the fresh parts join back
 * to the text, and overlaps are at most what was asked (and there when asked).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import fc from "fast-check";
import { loadEncoding } from "../../src/engine/node.ts";
import { chunkJson, chunkText, type Chunk, type Splitter } from "../../src/lib/chunking.ts";

const o200k = loadEncoding("o200k_base");
const cl100k = loadEncoding("cl100k_base");
const corpus = ["prose.txt", "code.txt", "multilingual.txt"]
  .map((f) => readFileSync(new URL(`../corpora/${f}`, import.meta.url), "utf8"))
  .join("\n\n");

function checkInvariants(text: string, chunks: Chunk[], size: number, overlap: number, enc = o200k): void {
  assert.equal(chunks.map((c) => text.slice(c.fresh, c.end)).join(""), text, "the fresh parts join back to the text");
  chunks.forEach((c, i) => {
    assert.equal(c.fresh, i === 0 ? 0 : chunks[i - 1].end);
    assert.ok(c.start <= c.fresh && c.fresh < c.end, `chunk ${i}: ${c.start} ${c.fresh} ${c.end}`);
    const tokens = enc.encodeOrdinary(text.slice(c.start, c.end)).length;
    assert.equal(c.tokens, tokens);
    const oneChar = [...text.slice(c.fresh, c.end)].length === 1;
    assert.ok(tokens <= size || oneChar, `chunk ${i} has ${tokens} tokens > ${size}`);
    if (i > 0)
      assert.ok(enc.encodeOrdinary(text.slice(c.start, c.fresh)).length <= overlap, `chunk ${i}'s overlap is too long`);
    if (i === 0) assert.equal(c.start, 0);
  });
}

test('chunkText(o200k, "One. Two. Three.", {splitter: "sentences", size: 3}) gives the worked example', () => {
  const text = "One. Two. Three.";
  assert.deepEqual(
    chunkText(o200k, text, { splitter: "sentences", size: 3, overlap: 0 }).map((c) => text.slice(c.start, c.end)),
    ["One. ", "Two. ", "Three."],
  );
});

for (const splitter of ["tokens", "recursive", "sentences"] as Splitter[]) {
  test(`chunkText(enc, corpora, {splitter: "${splitter}"}) keeps every invariant, with and without overlap`, () => {
    for (const [size, overlap] of [
      [64, 0],
      [128, 16],
      [40, 39],
    ]) {
      const chunks = chunkText(o200k, corpus, { splitter, size, overlap });
      assert.ok(chunks.length > 10);
      checkInvariants(corpus, chunks, size, overlap);
      if (overlap > 0)
        assert.ok(
          chunks.slice(1).some((c) => c.start < c.fresh),
          "some chunk overlaps its predecessor",
        );
    }
  });
}

test('chunkText(enc, text, {splitter: "tokens"}) fills most windows to `size` tokens', () => {
  // A window is `size` of the document's tokens; its text alone can encode to more (a word cut
  // at its start is split differently), and then the window shrinks until it fits.
  const chunks = chunkText(cl100k, corpus, { splitter: "tokens", size: 50, overlap: 0 });
  const full = chunks.slice(0, -1).filter((c) => c.tokens >= 48).length;
  assert.ok(full >= 0.9 * (chunks.length - 1), `${full} of ${chunks.length - 1} windows hold 48–50 tokens`);
  checkInvariants(corpus, chunks, 50, 0, cl100k);
});

test("chunkText(enc, random text, options) keeps the invariants (property test)", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom("a", "word", " ", "\n", "\n\n", ". ", "東", "👋🏽", "é", "123"), maxLength: 80 }),
      fc.constantFrom<Splitter>("tokens", "recursive", "sentences"),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 11 }),
      (text, splitter, size, over) => {
        const overlap = Math.min(over, size - 1);
        checkInvariants(text, chunkText(o200k, text, { splitter, size, overlap }), size, overlap);
      },
    ),
    { numRuns: 300 },
  );
});

test("chunkText refuses a bad size or overlap with a message", () => {
  assert.throws(() => chunkText(o200k, "x", { splitter: "tokens", size: 0, overlap: 0 }), /at least 1/);
  assert.throws(() => chunkText(o200k, "x", { splitter: "tokens", size: 10, overlap: 10 }), /from 0 to 9/);
  assert.deepEqual(chunkText(o200k, "", { splitter: "recursive", size: 10, overlap: 0 }), []);
});

test("chunkJson(text, chunks) writes each chunk's offsets, overlap, tokens and text", () => {
  const text = "One. Two. Three.";
  const chunks: Chunk[] = [
    { start: 0, fresh: 0, end: 5, tokens: 2 },
    { start: 0, fresh: 5, end: 10, tokens: 4 },
  ];
  assert.deepEqual(JSON.parse(chunkJson(text, chunks)), [
    { index: 0, start: 0, end: 5, overlap: 0, tokens: 2, text: "One. " },
    { index: 1, start: 0, end: 10, overlap: 5, tokens: 4, text: "One. Two. " },
  ]);
});
