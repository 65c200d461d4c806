/**
 * The vocabulary explorer's search (src/lib/vocab-search.ts), facets
 * (token-facets.ts), token card (token-card-data.ts) and URL state (vocab-state.ts), in Node
 * on the real vocabularies.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadEncoding } from "../../src/engine/node.ts";
import { siblingForms, tokenCard } from "../../src/lib/token-card-data.ts";
import {
  DIGITS,
  facetsOf,
  FRAGMENT,
  PUNCTUATION,
  SCRIPTS,
  scriptOf,
  SPACE,
  SPECIAL,
  WHITESPACE,
} from "../../src/lib/token-facets.ts";
import { buildVocabIndex, parseQuery, searchVocab, textOf, UNUSED } from "../../src/lib/vocab-search.ts";
import { readVocabState, writeVocabState } from "../../src/lib/vocab-state.ts";
import { listEncodings, getEncodingSpec, vocabNameOf } from "../../src/engine/index.ts";

const utf8 = new TextEncoder();
const r50k = loadEncoding("r50k_base");
const o200k = loadEncoding("o200k_base");
const r50kIndex = buildVocabIndex(r50k);
const o200kIndex = buildVocabIndex(o200k);
const found = (
  index = o200kIndex,
  q: string,
  as?: Parameters<typeof parseQuery>[1],
  options?: Parameters<typeof searchVocab>[2],
  caseSensitive = false,
) => Array.from(searchVocab(index, parseQuery(q, as, caseSensitive), options).ids);

test("facetsOf(bytes) and scriptOf(text) give the worked examples of token-facets.ts", () => {
  assert.equal(facetsOf(utf8.encode(" the")), SPACE);
  assert.equal(facetsOf(utf8.encode(" 2026")), SPACE | DIGITS);
  assert.equal(facetsOf(utf8.encode("\n\n")), WHITESPACE);
  assert.equal(facetsOf(utf8.encode(" ...")), SPACE | PUNCTUATION);
  assert.equal(facetsOf(new Uint8Array([0xe9, 0xac])), FRAGMENT);
  assert.equal(SCRIPTS[scriptOf("東京")], "Han");
  assert.equal(SCRIPTS[scriptOf("Tokyo東京")], "mixed");
  assert.equal(SCRIPTS[scriptOf("ひらがなカタカナ")], "Kana");
  assert.equal(SCRIPTS[scriptOf(" नमस्ते")], "Devanagari");
  assert.equal(SCRIPTS[scriptOf("...")], "none");
});

test("parseQuery(q) tells text, /regex/, ID, range and hex apart, and reports bad ones", () => {
  assert.deepEqual(parseQuery("Magikarp"), { kind: "text", needle: "Magikarp", caseSensitive: false });
  assert.deepEqual(
    parseQuery(" the"),
    { kind: "text", needle: " the", caseSensitive: false },
    "a leading space is part of the text",
  );
  assert.deepEqual(parseQuery("43453"), { kind: "ids", from: 43453, to: 43453 });
  assert.deepEqual(parseQuery("1000-1100"), { kind: "ids", from: 1000, to: 1100 });
  assert.deepEqual(parseQuery("e4 b8"), { kind: "hex", bytes: new Uint8Array([0xe4, 0xb8]) });
  assert.deepEqual(parseQuery("\\xe4\\xb8"), { kind: "hex", bytes: new Uint8Array([0xe4, 0xb8]) });
  assert.deepEqual(parseQuery("e4", "hex"), { kind: "hex", bytes: new Uint8Array([0xe4]) });
  assert.equal(parseQuery("e4").kind, "text", "one byte alone is text unless asked for hex");
  const re = parseQuery("/^ [A-Z]/");
  assert.ok(re.kind === "regex" && re.re.flags === "u", "written flags kept, u added: case-sensitive as in JavaScript");
  const forced = parseQuery("^ the$", "regex");
  assert.ok(forced.kind === "regex" && forced.re.flags.includes("i"), "without slashes the case toggle decides");
  assert.match((parseQuery("/(unclosed/") as { message: string }).message, /^Not a valid regular expression: /);
  assert.match((parseQuery("1100-1000") as { message: string }).message, /runs backwards/);
  assert.match((parseQuery("abc", "id") as { message: string }).message, /not an ID or a range/);
  assert.match((parseQuery("e4 b", "hex") as { message: string }).message, /not bytes in hex/);
  assert.deepEqual(parseQuery(""), { kind: "all" });
});

test('searchVocab(r50k_base, "SolidGoldMagikarp") finds 43453, and the ID and its bytes find it too', () => {
  assert.deepEqual(found(r50kIndex, "SolidGoldMagikarp"), [43453]);
  assert.deepEqual(found(r50kIndex, "solidgoldmagikarp"), [43453], "case-insensitive by default");
  assert.deepEqual(found(r50kIndex, "solidgoldmagikarp", "text", {}, true), [], "case-sensitive when asked");
  assert.equal(textOf(r50kIndex, 43453), " SolidGoldMagikarp");
  assert.deepEqual(found(r50kIndex, "43453"), [43453]);
  assert.ok(found(r50kIndex, "47 6f 6c 64 4d 61 67").includes(43453), 'the bytes of "GoldMag"');
  assert.deepEqual(found(r50kIndex, "/^ Solid[A-Z][a-z]+Magikarp$/"), [43453]);
});

test("searchVocab(index, query, {facets, script, sort}) filters and orders", () => {
  // r50k_base keeps a space before a number; o200k_base splits numbers off alone.
  const spaced = found(r50kIndex, "", "auto", { facets: SPACE | DIGITS });
  assert.ok(spaced.length > 100);
  for (const id of spaced) assert.match(textOf(r50kIndex, id), /^ \p{Nd}+$/u);
  assert.deepEqual(found(o200kIndex, "", "auto", { facets: SPACE | DIGITS }), []);
  const ascii = found(o200kIndex, "", "auto", { facets: DIGITS }).filter((id) =>
    /^[0-9]+$/.test(textOf(o200kIndex, id)),
  );
  assert.equal(ascii.length, 1110, "o200k_base: 0–9, 00–99, 000–999 (other scripts' digits count as digits too)");
  const han = found(o200kIndex, "", "auto", { script: SCRIPTS.indexOf("Han") });
  assert.ok(han.length > 1000 && han.every((id) => /\p{Script=Han}/u.test(textOf(o200kIndex, id))));
  const specials = found(o200kIndex, "", "auto", { facets: SPECIAL });
  assert.deepEqual(specials, [199999, 200018]);
  const fragments = found(o200kIndex, "", "auto", { facets: FRAGMENT });
  assert.ok(fragments.length > 100 && fragments.every((id) => !isValidUtf8(o200k.tokenBytes(id))));
  const longest = found(o200kIndex, "", "auto", { sort: "length" });
  const len = (id: number) => o200kIndex.byteStart[id + 1] - o200kIndex.byteStart[id];
  for (let k = 1; k < 1000; k++) assert.ok(len(longest[k - 1]) >= len(longest[k]));
  const used = Array.from(o200kIndex.facets).filter((f) => !(f & UNUSED)).length;
  assert.equal(found(o200kIndex, "").length, used, "an empty query lists every used ID");
  assert.equal(used, 199_998 + 2, "o200k_base: ranks 0–199,997 and two special tokens");
  assert.equal(o200kIndex.facets[200_000] & UNUSED, UNUSED, "IDs between the ordinary and special tokens are unused");
  assert.deepEqual(
    found(o200kIndex, "199990-300000"),
    [199990, 199991, 199992, 199993, 199994, 199995, 199996, 199997, 199999, 200018],
  );
});

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

test("searchVocab(index, slow regex, {deadline}) stops between tokens and says how far it got", () => {
  let clock = 0;
  const result = searchVocab(o200kIndex, parseQuery("/e/"), { deadline: 10, now: () => (clock += 1) });
  assert.equal(result.complete, false);
  assert.ok(result.searched > 0 && result.searched < o200kIndex.size, `searched ${result.searched}`);
  const all = searchVocab(o200kIndex, parseQuery("/e/"));
  assert.equal(all.complete, true);
  assert.equal(all.searched, o200kIndex.size);
});

test("tokenCard(index, 290, …) gives the worked example: IDs elsewhere and case/space siblings", () => {
  const others = listEncodings().map((name) => ({
    name,
    encoding: loadEncoding(vocabNameOf(name)),
    specials: getEncodingSpec(name).specialTokens,
  }));
  const card = tokenCard(o200kIndex, 290, others, o200k);
  assert.equal(card.text, " the");
  assert.deepEqual(Array.from(card.bytes), [0x20, 0x74, 0x68, 0x65]);
  assert.equal(card.characters, 4);
  assert.equal(card.startsWithSpace, true);
  const elsewhere = Object.fromEntries(card.others.map((o) => [o.encoding, o.id]));
  assert.equal(elsewhere.cl100k_base, 279);
  assert.equal(elsewhere.r50k_base, 262);
  assert.equal(elsewhere.o200k_harmony, 290);
  assert.deepEqual(
    [elsewhere.llama3, elsewhere.qwen3, elsewhere.mixtral_v0_1, elsewhere.claude_legacy],
    [279, 279, 272, 279],
    'the open models\' IDs of " the" (Mixtral\'s piece "▁the")',
  );
  assert.deepEqual(card.siblings, [
    { text: "the", id: 3086 },
    { text: " the", id: 290 },
    { text: "The", id: 976 },
    { text: " The", id: 623 },
    { text: "THE", id: 27022 },
    { text: " THE", id: 5135 },
  ]);
  const magikarp = tokenCard(r50kIndex, 43453, others, r50k);
  assert.equal(
    Object.fromEntries(magikarp.others.map((o) => [o.encoding, o.id])).o200k_base,
    null,
    "not a single token in o200k_base",
  );
  const special = tokenCard(o200kIndex, 199999, others, o200k);
  assert.equal(special.text, "<|endoftext|>");
  assert.deepEqual(Object.fromEntries(special.others.map((o) => [o.encoding, o.id])), {
    gpt2: 50256,
    r50k_base: 50256,
    p50k_base: 50256,
    p50k_edit: 50256,
    cl100k_base: 100257,
    o200k_base: 199999,
    o200k_harmony: 199999,
    llama3: null,
    qwen3: 151643,
    mixtral_v0_1: null,
    claude_legacy: null, // only Qwen3 names a special token "<|endoftext|>"
  });
  assert.deepEqual(special.siblings, []);
  assert.deepEqual(siblingForms("ABC"), ["abc", " abc", "Abc", " Abc", "ABC", " ABC"]);
});

test("readVocabState(writeVocabState(state)) round-trips, and bad values fall back to defaults", () => {
  const state = {
    encoding: "r50k_base",
    q: "/^ [A-Z]/",
    as: "regex" as const,
    caseSensitive: true,
    facets: ["space", "digits"],
    script: "Latin",
    sort: "length" as const,
    token: 43453,
  };
  assert.deepEqual(readVocabState(writeVocabState(state)), state);
  assert.deepEqual(readVocabState("?encoding=r50k_base&q=SolidGoldMagikarp"), {
    ...readVocabState(""),
    encoding: "r50k_base",
    q: "SolidGoldMagikarp",
  });
  assert.deepEqual(readVocabState("?encoding=nope&as=x&facets=bogus,space&script=Klingon&token=-1&sort=up"), {
    ...readVocabState(""),
    facets: ["space"],
  });
});
