/**
 * UTF-8 and code-point arithmetic (src/engine/core/utf8.ts): the worked examples, and each
 * function against what `TextEncoder` and `Array.from` say, on random strings with lone surrogates.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  codePointCount,
  codePointUtf8,
  utf8CharLength,
  utf8Length,
  utf8SequenceLength,
} from "../../src/engine/core/utf8.ts";

const encoder = new TextEncoder();

test("utf8Length(text), codePointCount(text), utf8CharLength(text, i): the worked examples", () => {
  assert.equal(utf8Length("naïve 🤖"), 11);
  assert.equal(codePointCount("naïve 🤖"), 7);
  assert.equal(utf8CharLength("a🤖", 1), 4);
  assert.equal(utf8CharLength("\ud800x", 0), 3); // a lone surrogate is U+FFFD
  assert.equal(utf8Length("\udc00\ud800"), 6);
  assert.equal(codePointCount("\udc00\ud800"), 2);
});

test("utf8SequenceLength(bytes, i) finds whole sequences only", () => {
  assert.equal(utf8SequenceLength([0xe9, 0xac, 0xb1], 0), 3);
  assert.equal(utf8SequenceLength([0xe9, 0xac], 0), 0);
  assert.equal(utf8SequenceLength([0xac, 0xb1], 0), 0);
  assert.equal(utf8SequenceLength([0xc0, 0x80], 0), 0); // overlong
  assert.equal(utf8SequenceLength([0xed, 0xa0, 0x80], 0), 0); // a surrogate's form
  assert.equal(utf8SequenceLength([0xf0, 0x9f, 0xa4, 0x96], 0), 4);
});

test("utf8Length and codePointCount equal TextEncoder's and Array.from's on any string", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), (s) => {
      assert.equal(utf8Length(s), encoder.encode(s).length);
      assert.equal(codePointCount(s), Array.from(s).length);
    }),
    { numRuns: 2000 },
  );
});

test("utf8SequenceLength agrees with a strict TextDecoder on every byte sequence it accepts", () => {
  const strict = new TextDecoder("utf-8", { fatal: true });
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 6 }), (bytes) => {
      const n = utf8SequenceLength(bytes, 0);
      if (n > 0) assert.equal(Array.from(strict.decode(bytes.subarray(0, n))).length, 1);
      // No whole character starts here: every prefix fails to decode.
      else
        for (let k = 1; k <= Math.min(4, bytes.length); k++) assert.throws(() => strict.decode(bytes.subarray(0, k)));
    }),
    { numRuns: 3000 },
  );
});

test("codePointUtf8(cp) is TextEncoder's UTF-8 of the code point; a lone surrogate gives U+FFFD's", () => {
  assert.deepEqual(codePointUtf8(0x9b31), [0xe9, 0xac, 0xb1]);
  assert.deepEqual(codePointUtf8(0xd800), [0xef, 0xbf, 0xbd]);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0x10ffff }), (cp) => {
      assert.deepEqual(codePointUtf8(cp), Array.from(encoder.encode(String.fromCodePoint(cp))));
    }),
  );
});
