/**
 * The character classes behind the hand-written pre-tokenizers, checked code point by code
 * point against tiktoken's WASM build: every assigned plane (0, 1, 14 in full; the CJK
 * planes 2 and 3 one code point in seven), each code point in contexts that exercise every
 * class bit: letter runs, prefixes, digits, contractions, whitespace and U+0085.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { get_encoding } from "tiktoken";
import { loadEncoding } from "../../src/engine/node.js";
import { UNICODE_VERSION } from "../../src/engine/core/unicode-classes.generated.js";

const context = (c: string) => `${c} a${c}b ${c}${c}1${c}'s\n${c}A\u0085${c} `;

function* blocks(): Generator<number[]> {
  for (let base = 0; base < 0x110000; base += 512) {
    const plane = base >> 16;
    if (plane >= 4 && plane !== 14) continue; // planes 4–13 are unassigned, 15–16 private use
    const cps: number[] = [];
    for (let cp = base; cp < base + 512; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if ((plane === 2 || plane === 3) && cp % 7) continue;
      cps.push(cp);
    }
    if (cps.length) yield cps;
  }
}

for (const name of ["r50k_base", "cl100k_base", "o200k_base"] as const) {
  test(`encodeOrdinary(text) equals tiktoken WASM for every code point in context (${name}, Unicode ${UNICODE_VERSION})`, () => {
    const ours = loadEncoding(name);
    const oracle = get_encoding(name);
    const wrong: string[] = [];
    try {
      for (const cps of blocks()) {
        const text = cps.map((cp) => context(String.fromCodePoint(cp))).join("");
        const a = ours.encodeOrdinary(text),
          b = oracle.encode_ordinary(text);
        if (a.length === b.length && a.every((x, i) => x === b[i])) continue;
        for (const cp of cps) {
          const t = context(String.fromCodePoint(cp));
          if (JSON.stringify(ours.encodeOrdinary(t)) !== JSON.stringify(Array.from(oracle.encode_ordinary(t)))) {
            wrong.push(`U+${cp.toString(16).toUpperCase().padStart(4, "0")}`);
          }
        }
      }
    } finally {
      oracle.free();
    }
    assert.deepEqual(wrong.slice(0, 50), [], `${wrong.length} code points differ`);
  });
}
