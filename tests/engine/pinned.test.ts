/**
 * Token IDs typed in by hand (read once from the tiktoken WASM oracle, tiktoken 1.0.22, and
 * from tiktoken's openai_public.py for o200k_harmony). These do not move when a golden file
 * is regenerated, so they catch a bad regeneration as well as an engine regression.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadEncoding } from "../../src/engine/node.js";
import { getEncodingSpec, listEncodings } from "../../src/engine/registry.js";
import { CORPORA, readCorpus, readEdgeCases } from "./support.js";

const R50K_LIKE = ["gpt2", "r50k_base", "p50k_base", "p50k_edit"] as const;

test("listEncodings() names OpenAI's seven encodings, oldest first, then the open models", () => {
  assert.deepEqual(listEncodings(), [
    "gpt2",
    "r50k_base",
    "p50k_base",
    "p50k_edit",
    "cl100k_base",
    "o200k_base",
    "o200k_harmony",
    "llama3",
    "qwen3",
    "mixtral_v0_1",
    "claude_legacy",
  ]);
});

test("nVocab of every encoding is tiktoken's n_vocab", () => {
  const expected: Record<string, number> = {
    gpt2: 50257,
    r50k_base: 50257,
    p50k_base: 50281,
    p50k_edit: 50284,
    cl100k_base: 100277,
    o200k_base: 200019,
    o200k_harmony: 201088,
  };
  for (const [name, n] of Object.entries(expected)) {
    assert.equal(loadEncoding(name).nVocab, n, name);
    assert.equal(getEncodingSpec(name).nVocab, n, name);
  }
});

test('encodeOrdinary("hello world") in every encoding', () => {
  for (const name of R50K_LIKE) assert.deepEqual(loadEncoding(name).encodeOrdinary("hello world"), [31373, 995], name);
  assert.deepEqual(loadEncoding("cl100k_base").encodeOrdinary("hello world"), [15339, 1917]);
  assert.deepEqual(loadEncoding("o200k_base").encodeOrdinary("hello world"), [24912, 2375]);
  assert.deepEqual(loadEncoding("o200k_harmony").encodeOrdinary("hello world"), [24912, 2375]);
});

test('encodeOrdinary(" SolidGoldMagikarp") is one token in r50k_base and five in cl100k_base and o200k_base', () => {
  const r50k = loadEncoding("r50k_base");
  assert.deepEqual(r50k.encodeOrdinary(" SolidGoldMagikarp"), [43453]);
  assert.equal(new TextDecoder().decode(r50k.tokenBytes(43453)), " SolidGoldMagikarp");
  assert.equal(r50k.decode([43453]), " SolidGoldMagikarp");
  assert.deepEqual(loadEncoding("gpt2").encodeOrdinary(" SolidGoldMagikarp"), [43453]);
  assert.deepEqual(loadEncoding("cl100k_base").encodeOrdinary(" SolidGoldMagikarp"), [22925, 26509, 34015, 1609, 8035]);
  assert.deepEqual(loadEncoding("o200k_base").encodeOrdinary(" SolidGoldMagikarp"), [35764, 30717, 20101, 507, 11784]);
});

test('encodeOrdinary("        x = 1"): p50k_base has whitespace-run tokens that r50k_base lacks', () => {
  assert.deepEqual(
    loadEncoding("r50k_base").encodeOrdinary("        x = 1"),
    [220, 220, 220, 220, 220, 220, 220, 2124, 796, 352],
  );
  assert.deepEqual(loadEncoding("p50k_base").encodeOrdinary("        x = 1"), [50262, 2124, 796, 352]);
  assert.deepEqual(loadEncoding("p50k_edit").encodeOrdinary("        x = 1"), [50262, 2124, 796, 352]);
  assert.deepEqual(loadEncoding("cl100k_base").encodeOrdinary("        x = 1"), [286, 865, 284, 220, 16]);
  assert.deepEqual(loadEncoding("o200k_base").encodeOrdinary("        x = 1"), [309, 1215, 314, 220, 16]);
});

test("encodeOrdinary(text) on pattern edge cases: U+0085, U+FEFF, long s, digits, lone surrogate", () => {
  const pins: [string, string, number[]][] = [
    // U+0085 is whitespace to Rust's \s, so " \u0085" is one whitespace run and "x" stands alone
    ["r50k_base", " \u0085x", [220, 126, 227, 87]],
    ["cl100k_base", " \u0085x", [220, 126, 227, 87]],
    ["o200k_base", " \u0085x", [220, 126, 227, 87]],
    // U+FEFF is not whitespace to Rust's \s: " \uFEFF" is a symbol piece
    ["r50k_base", " \uFEFFx", [27332, 119, 123, 87]],
    ["cl100k_base", " \uFEFFx", [76880, 87]],
    ["o200k_base", " \uFEFFx", [71280, 87]],
    ["cl100k_base", "a\uFEFF\uFEFFb", [64, 3305, 3305, 65]],
    ["o200k_base", "a\uFEFF\uFEFFb", [64, 135153, 65]],
    // (?i:'s) also matches 's' written with U+017F LATIN SMALL LETTER LONG S
    ["r50k_base", "don'\u017Ft", [9099, 6, 129, 123, 83]],
    ["cl100k_base", "don'\u017Ft", [15357, 6, 129, 123, 83]],
    ["o200k_base", "don'\u017Ft", [22130, 6, 70067, 83]],
    ["r50k_base", "It's ALLCAPS'S", [1026, 338, 11096, 33177, 50, 6, 50]],
    ["cl100k_base", "It's ALLCAPS'S", [2181, 596, 13398, 32500, 50, 13575]],
    ["o200k_base", "It's ALLCAPS'S", [15834, 19465, 56928, 50, 31233]],
    ["r50k_base", "HTTPServerError", [6535, 28820, 18497, 12331]],
    ["cl100k_base", "HTTPServerError", [9412, 39609]],
    ["o200k_base", "HTTPServerError", [17893, 6444, 2255]],
    ["r50k_base", "1234567", [10163, 2231, 3134]],
    ["cl100k_base", "1234567", [4513, 10961, 22]],
    ["o200k_base", "1234567", [7633, 19354, 22]],
    ["r50k_base", "\u216B", [158, 227, 104]],
    ["cl100k_base", "\u216B", [71567, 104]],
    ["o200k_base", "\u216B", [25371, 104]],
    // a lone surrogate is encoded as U+FFFD
    ["r50k_base", "\uD800", [4210]],
    ["cl100k_base", "\uD800", [5809]],
    ["o200k_base", "\uD800", [3251]],
    ["r50k_base", "\uD83D\uDC4D\uD83C\uDFFD", [41840, 235, 8582, 237, 121]],
    ["cl100k_base", "\uD83D\uDC4D\uD83C\uDFFD", [9468, 239, 235, 9468, 237, 121]],
    ["o200k_base", "\uD83D\uDC4D\uD83C\uDFFD", [82514, 52622, 121]],
  ];
  for (const [name, text, ids] of pins)
    assert.deepEqual(loadEncoding(name).encodeOrdinary(text), ids, `${name} ${JSON.stringify(text)}`);
});

test('encode(text, {allowedSpecial: "all"}) gives each encoding\'s special token IDs', () => {
  for (const name of R50K_LIKE)
    assert.deepEqual(loadEncoding(name).encode("hi<|endoftext|>", { allowedSpecial: "all" }), [5303, 50256], name);
  assert.deepEqual(loadEncoding("cl100k_base").encode("hi<|endoftext|>", { allowedSpecial: "all" }), [6151, 100257]);
  assert.deepEqual(loadEncoding("o200k_base").encode("hi<|endoftext|>", { allowedSpecial: "all" }), [3686, 199999]);
  assert.deepEqual(loadEncoding("o200k_base").encode("<|endofprompt|>", { allowedSpecial: "all" }), [200018]);
  assert.deepEqual(
    loadEncoding("cl100k_base").encode("<|fim_prefix|>x<|endofprompt|>", { allowedSpecial: "all" }),
    [100258, 87, 100276],
  );
  assert.deepEqual(
    loadEncoding("cl100k_base").encode("Hello<|endoftext|>", { allowedSpecial: ["<|endoftext|>"] }),
    [9906, 100257],
  );
  assert.deepEqual(
    loadEncoding("p50k_edit").encode("<|fim_prefix|>def f(<|fim_suffix|>)<|fim_middle|>", { allowedSpecial: "all" }),
    [50281, 4299, 277, 7, 50283, 8, 50282],
  );
});

test('encode("<|endoftext|>") throws without allowedSpecial; encodeOrdinary encodes it as text', () => {
  assert.throws(() => loadEncoding("cl100k_base").encode("<|endoftext|>"), /disallowed special token/);
  assert.throws(() => loadEncoding("o200k_base").encode("x <|endoftext|> y"), /disallowed special token/);
  assert.deepEqual(loadEncoding("r50k_base").encodeOrdinary("<|endoftext|>"), [27, 91, 437, 1659, 5239, 91, 29]);
  assert.deepEqual(loadEncoding("cl100k_base").encodeOrdinary("<|endoftext|>"), [27, 91, 8862, 728, 428, 91, 29]);
  assert.deepEqual(loadEncoding("o200k_base").encodeOrdinary("<|endoftext|>"), [27, 91, 419, 1440, 919, 91, 29]);
  assert.deepEqual(
    loadEncoding("cl100k_base").encode("<|endoftext|>", { disallowedSpecial: [] }),
    [27, 91, 8862, 728, 428, 91, 29],
  );
  // "<|start|>" is special only in o200k_harmony
  assert.deepEqual(loadEncoding("o200k_base").encode("<|start|>"), [27, 91, 5236, 91, 29]);
});

test('o200k_harmony specialTokens: "<|start|>" is 200006, "<|reserved_200013|>" is 200013, and the rest of openai_public.py\'s table', () => {
  const h = loadEncoding("o200k_harmony");
  const named: Record<string, number> = {
    "<|startoftext|>": 199998,
    "<|endoftext|>": 199999,
    "<|reserved_200000|>": 200000,
    "<|reserved_200001|>": 200001,
    "<|return|>": 200002,
    "<|constrain|>": 200003,
    "<|reserved_200004|>": 200004,
    "<|channel|>": 200005,
    "<|start|>": 200006,
    "<|end|>": 200007,
    "<|message|>": 200008,
    "<|reserved_200009|>": 200009,
    "<|reserved_200010|>": 200010,
    "<|reserved_200011|>": 200011,
    "<|call|>": 200012,
    "<|reserved_200013|>": 200013,
    "<|endofprompt|>": 200018,
    "<|reserved_200018|>": 200018,
    "<|reserved_201087|>": 201087,
  };
  for (const [text, id] of Object.entries(named)) {
    assert.equal(h.specialTokens.get(text), id, text);
    assert.deepEqual(h.encode(text, { allowedSpecial: "all" }), [id], text);
    assert.equal(h.isSpecial(id), true, text);
  }
  // o200k_base's two, <|startoftext|>, 13 named or reserved IDs 200000-200012, and <|reserved_200013|>..<|reserved_201087|>
  assert.equal(h.specialTokens.size, 2 + 1 + 13 + 1075);
  // tiktoken gives 200018 two texts (o200k_base's <|endofprompt|>, then the reserved range) and
  // decodes it as either, by hash-map order; we decode the first listed, the meaningful one.
  assert.equal(h.decode([200018]), "<|endofprompt|>");
  assert.equal(h.specialTokens.has("<|reserved_201088|>"), false);
  assert.equal(h.specialTokens.has("<|reserved_200012|>"), false);
  assert.equal(h.isSpecial(199997), false);
  assert.deepEqual(
    h.encode("<|reserved_201088|>", { allowedSpecial: "all" }),
    loadEncoding("o200k_base").encodeOrdinary("<|reserved_201088|>"),
  );
});

test('encode(chat, {allowedSpecial: "all"}) in o200k_harmony: a harmony conversation', () => {
  const chat = "<|start|>user<|message|>What is 2+2?<|end|><|start|>assistant<|channel|>final<|message|>4<|return|>";
  const ids = [
    200006, 1428, 200008, 4827, 382, 220, 17, 10, 17, 30, 200007, 200006, 173781, 200005, 17196, 200008, 19, 200002,
  ];
  const h = loadEncoding("o200k_harmony");
  assert.deepEqual(h.encode(chat, { allowedSpecial: "all" }), ids);
  assert.equal(h.decode(ids), chat);
  assert.throws(() => h.encode(chat), /disallowed special token/);
});

test("o200k_harmony encodeOrdinary(text) equals o200k_base's on every corpus and edge case", () => {
  const h = loadEncoding("o200k_harmony"),
    o = loadEncoding("o200k_base");
  for (const corpus of CORPORA) {
    const text = readCorpus(corpus);
    const ids = h.encodeOrdinary(text);
    assert.ok(ids.length > 1000, corpus);
    assert.deepEqual(ids, o.encodeOrdinary(text), corpus);
  }
  for (const text of readEdgeCases())
    assert.deepEqual(h.encodeOrdinary(text), o.encodeOrdinary(text), JSON.stringify(text));
});
