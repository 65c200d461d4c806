import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { loadEncoding } from "../../src/engine/node.js";
import { VOCABS } from "../../src/engine/index.js";
import { SCRIPTS, type ScriptName } from "../../src/lib/token-facets.js";
import { compareScripts, ordinaryTokens, vocabStats, type VocabStats, type VocabStatsFile } from "../../src/lib/vocab-stats.js";
import { createEncoding } from "../../src/engine/index.js";
import { tinyEncoding, tinyTiktoken } from "../engine/helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NAMES = Object.keys(VOCABS) as (keyof typeof VOCABS)[];
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** `b - a`, entry by entry, over arrays that may differ in length. */
const minus = (b: number[], a: number[]) => b.map((x, k) => x - (a[k] ?? 0));

test("vocabStats(encoding) counts each added token's length, script and facets", () => {
  // The tiny vocabulary's 256 single bytes, with and without six more tokens: the difference
  // is exactly those six, worked out by hand.
  const extras = [" the", "東京", "Tokyo東京", " 2026", "\n\n", " ..."];
  const base = vocabStats(tinyEncoding([]));
  const more = vocabStats(tinyEncoding(extras));
  assert.equal(more.ordinary - base.ordinary, 6);
  assert.equal(more.text - base.text, 6);
  assert.equal(more.special, 1);
  assert.equal(more.unused, 0);
  //                                       bytes: 0  1  2  3  4  5  6  7  8  9 10 11
  assert.deepEqual(minus(more.byteLengths, base.byteLengths), [0, 0, 1, 0, 2, 1, 1, 0, 0, 0, 0, 1]);
  assert.equal(more.maxByteLength, 11); // "Tokyo東京"
  //                                 characters: 0  1  2  3  4  5  6  7
  assert.deepEqual(minus(more.charLengths, base.charLengths), [0, 0, 2, 0, 2, 1, 0, 1]);
  const scriptGain = Object.fromEntries(SCRIPTS.map((s) => [s, more.scripts[s] - base.scripts[s]]).filter(([, d]) => d));
  assert.deepEqual(scriptGain, { none: 3, Latin: 1, Han: 1, mixed: 1 });
  const facetGain = Object.fromEntries(Object.entries(more.facets).map(([f, n]) => [f, n - base.facets[f as keyof VocabStats["facets"]]]));
  assert.deepEqual(facetGain, { space: 3, whitespace: 1, digits: 1, punctuation: 1, fragment: 0 });
  assert.equal(more.startsWithSpace - base.startsWithSpace, 3, '" the", " 2026" and " ..." start with a space');
});

test("vocabStats(encoding) of the single bytes: 128 ASCII characters, 128 fragments", () => {
  const s = vocabStats(tinyEncoding([]));
  assert.equal(s.ordinary, 256);
  assert.deepEqual(s.byteLengths, [0, 256]);
  assert.equal(s.text, 128);
  assert.equal(s.facets.fragment, 128);
  assert.equal(s.scripts.Latin, 52, "a–z and A–Z");
  assert.equal(s.facets.digits, 10);
  assert.equal(s.facets.space, 1);
});

test("vocabStats(encoding) counts a fragment as no script, even with a whole letter in it", () => {
  // "a" + the first byte of "é" (c3 a9): not text on its own, so script "none", as the
  // vocabulary explorer's filter has it, although its lossy text "a\uFFFD" has a Latin letter.
  const spec = tinyEncoding([]).spec;
  const lines = tinyTiktoken([]) + `${btoa("a\xc3")} 256\n`;
  const enc = createEncoding({ ...spec, specialTokens: { "<|end|>": 257 }, nVocab: 258 }, lines);
  const base = vocabStats(tinyEncoding([]));
  const s = vocabStats(enc);
  assert.equal(s.ordinary, 257);
  assert.equal(s.facets.fragment - base.facets.fragment, 1);
  assert.equal(s.scripts.none - base.scripts.none, 1);
  assert.equal(s.scripts.Latin, base.scripts.Latin);
  assert.equal(s.text, base.text);
});

const real = new Map(NAMES.map((name) => [name, vocabStats(loadEncoding(name))]));

test("vocabStats(encoding) counts add up to the number of ordinary tokens, for the four vocabularies", () => {
  for (const [name, s] of real) {
    const enc = loadEncoding(name);
    assert.equal(s.ordinary + s.special + s.unused, enc.nVocab, name);
    assert.equal(sum(s.byteLengths), s.ordinary, `${name}: byte lengths`);
    assert.equal(sum(Object.values(s.scripts)), s.ordinary, `${name}: scripts`);
    assert.deepEqual(Object.keys(s.scripts), [...SCRIPTS], `${name}: every script named, in order`);
    assert.equal(sum(s.charLengths), s.text, `${name}: character lengths`);
    assert.equal(s.text + s.facets.fragment, s.ordinary, `${name}: text + fragments`);
    assert.equal(s.byteLengths[1], 256, `${name}: the 256 single bytes`);
    assert.equal(s.byteLengths[s.maxByteLength] > 0, true, `${name}: maxByteLength`);
    assert.equal(s.startsWithSpace, s.facets.space);
  }
  assert.deepEqual(
    NAMES.map((n) => [real.get(n)!.ordinary, real.get(n)!.special, real.get(n)!.unused]),
    [[50256, 1, 0], [50280, 1, 0], [100256, 5, 16], [199998, 2, 19]],
  );
});

test("vocabStats(encoding).startsWithSpace equals a direct count of tokens whose first byte is 0x20", () => {
  const enc = loadEncoding("cl100k_base");
  let direct = 0;
  for (let id = 0; id < enc.nVocab; id++) {
    if (enc.isSpecial(id) || id === 100256 || (id > 100260 && id < 100276)) continue;
    if (enc.tokenBytes(id)[0] === 0x20) direct++;
  }
  assert.equal(real.get("cl100k_base")!.startsWithSpace, direct);
});

test("ordinaryTokens(encoding) skips special tokens and unused IDs, in ID order", () => {
  const ids = [...ordinaryTokens(loadEncoding("cl100k_base"))].map(([id]) => id);
  assert.equal(ids.length, 100256);
  assert.equal(ids[ids.length - 1], 100255);
  assert.ok(ids.every((id, k) => id === k), "IDs 0–100255, no gaps");
  const o200k = [...ordinaryTokens(loadEncoding("o200k_base"))].map(([id]) => id);
  assert.equal(o200k.at(-1), 199997, "199998 on are special or unused");
});

/** A VocabStats with only the given script counts (the rest zero). */
function withScripts(counts: Partial<Record<ScriptName, number>>): VocabStats {
  const scripts = Object.fromEntries(SCRIPTS.map((s) => [s, counts[s] ?? 0])) as Record<ScriptName, number>;
  return { scripts } as VocabStats;
}

test("compareScripts(newer, older) sorts by gain, ties in SCRIPTS order, and leaves out empty scripts", () => {
  const older = withScripts({ Latin: 10, Greek: 5, Han: 1, Cyrillic: 2 });
  const newer = withScripts({ Latin: 12, Greek: 3, Han: 3, Cyrillic: 2, Thai: 4 });
  assert.deepEqual(compareScripts(newer, older), [
    { script: "Thai", before: 0, after: 4, gain: 4 },
    { script: "Latin", before: 10, after: 12, gain: 2 },
    { script: "Han", before: 1, after: 3, gain: 2 },
    { script: "Cyrillic", before: 2, after: 2, gain: 0 },
    { script: "Greek", before: 5, after: 3, gain: -2 },
  ]);
});

test("compareScripts(o200k_base, cl100k_base) accounts for every token of both", () => {
  const rows = compareScripts(real.get("o200k_base")!, real.get("cl100k_base")!);
  assert.equal(sum(rows.map((r) => r.before)), 100256);
  assert.equal(sum(rows.map((r) => r.after)), 199998);
  for (let k = 1; k < rows.length; k++) assert.ok(rows[k - 1].gain >= rows[k].gain, `sorted at ${rows[k].script}`);
  assert.ok(rows.every((r) => r.gain === r.after - r.before));
});

test("src/data/vocab-stats.json.ts prints every vocabulary's stats (OpenAI's four, then the open models') and the o200k/cl100k comparison as JSON", () => {
  const out = execFileSync(process.execPath, ["--import", "tsx", "src/data/vocab-stats.json.ts"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
  const file = JSON.parse(out) as VocabStatsFile;
  assert.equal(file.generator, "src/data/vocab-stats.json.ts");
  assert.deepEqual(Object.keys(file.encodings), [...NAMES, "llama3", "qwen3", "mixtral_v0_1", "claude_legacy"]);
  for (const name of NAMES) assert.deepEqual(file.encodings[name], real.get(name), name);
  for (const name of ["llama3", "qwen3", "mixtral_v0_1", "claude_legacy"]) assert.deepEqual(file.encodings[name], vocabStats(loadEncoding(name)), name);
  assert.deepEqual(file.o200kVsCl100k, compareScripts(real.get("o200k_base")!, real.get("cl100k_base")!));
});
