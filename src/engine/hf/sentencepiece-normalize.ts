/**
 * SentencePiece-style normalization (Llama 2's, Gemma 3's), on code points that remember
 * which original text each came from, so `encodeDetailed` can point tokens back into it.
 *
 * A stretch of text becomes `Symbols`: one code point per character (a lone surrogate stays
 * itself) and its UTF-16 span in the original. Llama 2's normalizer prepends "▁" and turns
 * every space into "▁":
 *
 *   "hi yo" at offset 10   → "▁" "h" "i" "▁" "y" "o"
 *   spans                    10..10 10..11 11..12 12..13 13..14 14..15
 *
 * The prepended "▁" covers no text (`at..at`); a replaced character spans what it replaced.
 */
import { isSurrogatePair } from "../core/utf8.js";
import type { NormalizerStep } from "./sentencepiece-json.js";

/** A stretch of text as code points (a lone surrogate stays itself), each with its UTF-16 span in the original text. */
export interface Symbols {
  /** Code point i. */
  cp: Int32Array;
  /** Start and end of the original text code point i came from. */
  os: Int32Array;
  oe: Int32Array;
  /** How many code points (the arrays may be longer). */
  n: number;
}

/** The symbols of `text[s..e)`, unnormalized. */
export function toSymbols(text: string, s: number, e: number): Symbols {
  const cap = e - s;
  const cp = new Int32Array(cap),
    os = new Int32Array(cap),
    oe = new Int32Array(cap);
  let n = 0;
  for (let u = s; u < e;) {
    // A pair cut by the stretch's end stays two lone surrogates.
    const w = u + 1 < e && isSurrogatePair(text, u) ? 2 : 1;
    cp[n] = w === 2 ? text.codePointAt(u)! : text.charCodeAt(u);
    os[n] = u;
    oe[n] = u + w;
    n++;
    u += w;
  }
  return { cp, os, oe, n };
}

const codePoints = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);

/** Prepend `text`; its characters cover no original text (span `at..at`). */
function prepend(sym: Symbols, cps: number[], at: number): Symbols {
  const k = cps.length,
    n = sym.n + k;
  const cp = new Int32Array(n),
    os = new Int32Array(n),
    oe = new Int32Array(n);
  for (let i = 0; i < k; i++) {
    cp[i] = cps[i];
    os[i] = oe[i] = at;
  }
  cp.set(sym.cp.subarray(0, sym.n), k);
  os.set(sym.os.subarray(0, sym.n), k);
  oe.set(sym.oe.subarray(0, sym.n), k);
  return { cp, os, oe, n };
}

/** Replace every `from` (left to right, not overlapping) by `to`; each new character spans what `from` spanned. */
function replace(sym: Symbols, from: number[], to: number[]): Symbols {
  const m = from.length,
    k = to.length;
  if (m === 1 && k === 1) {
    const f = from[0],
      t = to[0],
      cp = sym.cp;
    for (let i = 0; i < sym.n; i++) if (cp[i] === f) cp[i] = t;
    return sym;
  }
  const cap = sym.n + (k > m ? Math.floor(sym.n / m) * (k - m) : 0);
  const cp = new Int32Array(cap),
    os = new Int32Array(cap),
    oe = new Int32Array(cap);
  let n = 0;
  for (let i = 0; i < sym.n;) {
    let hit = i + m <= sym.n;
    for (let j = 0; hit && j < m; j++) if (sym.cp[i + j] !== from[j]) hit = false;
    if (hit) {
      for (let j = 0; j < k; j++) {
        cp[n] = to[j];
        os[n] = sym.os[i];
        oe[n] = sym.oe[i + m - 1];
        n++;
      }
      i += m;
    } else {
      cp[n] = sym.cp[i];
      os[n] = sym.os[i];
      oe[n] = sym.oe[i];
      n++;
      i++;
    }
  }
  return { cp, os, oe, n };
}

/** A normalizer's steps, ready to run: `normalize(text, s, e)` gives the normalized symbols of `text[s..e)`. */
export function compileNormalizer(steps: readonly NormalizerStep[]): (text: string, s: number, e: number) => Symbols {
  const compiled = steps.map((step) =>
    step.kind === "prepend"
      ? { kind: step.kind, cps: codePoints(step.text) }
      : { kind: step.kind, from: codePoints(step.from), to: codePoints(step.to) },
  );
  return (text, s, e) => {
    let sym = toSymbols(text, s, e);
    for (const step of compiled) {
      sym = step.kind === "prepend" ? prepend(sym, step.cps, s) : replace(sym, step.from, step.to);
    }
    return sym;
  };
}

/** The text of `sym`'s code points. */
export function symbolText(sym: Symbols): string {
  let t = "";
  for (let i = 0; i < sym.n; i++) t += String.fromCodePoint(sym.cp[i]);
  return t;
}
