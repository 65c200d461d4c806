import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_URL_LENGTH, readEncodings, readState, writeState } from "../../src/lib/url-state.js";

test("writeState(state) writes a readable ?text= link that readState reads back", async () => {
  const state = {
    text: "héllo <b>&</b> 鬱\n",
    encodings: ["cl100k_base", "o200k_base"],
    view: "ids" as const,
    whitespace: true,
    special: true,
    ids: "15339, 1917",
  };
  const { search, tooLong } = await writeState(state);
  assert.equal(tooLong, false);
  assert.match(search, /^\?text=h%C3%A9llo/);
  assert.match(search, /encoding=cl100k_base%2Co200k_base/);
  assert.deepEqual(await readState(search), state);
});

test("writeState(state) compresses a long text that does not fit readable, and it reads back", async () => {
  const text = "The quick brown fox jumps over the lazy dog. ".repeat(1000); // 45 KB, very compressible
  const { search, tooLong } = await writeState({ text });
  assert.equal(tooLong, false);
  assert.match(search, /^\?z=/);
  assert.ok(search.length <= MAX_URL_LENGTH);
  assert.equal((await readState(search)).text, text);
});

test("writeState(state) says when a text cannot fit in a link at all", async () => {
  let seed = 1;
  const text = Array.from({ length: 60_000 }, () =>
    String.fromCharCode(0x4e00 + ((seed = (Math.imul(seed, 48271) + 11) >>> 0) % 20000)),
  ).join("");
  const { search, tooLong } = await writeState({ text, encodings: ["o200k_base"] });
  assert.equal(tooLong, true);
  assert.equal(search, "?encoding=o200k_base");
});

test("readState(search) ignores unknown views and survives a damaged compressed text", async () => {
  assert.deepEqual(await readState("?view=chips&z=%%%"), { text: undefined });
  assert.deepEqual(await readState(""), {});
});

test("readEncodings(search) reads just the encodings, at once, without inflating a text", () => {
  assert.deepEqual(readEncodings("?z=AAAA&encoding=cl100k_base,o200k_base"), ["cl100k_base", "o200k_base"]);
  assert.equal(readEncodings("?text=hi"), undefined);
  assert.equal(readEncodings("?encoding=,"), undefined);
});
