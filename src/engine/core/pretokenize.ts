/**
 * Pre-tokenizers: split UTF-8 text into the pieces that BPE then merges separately.
 *
 * tiktoken splits with a regular expression (see `openai/patterns.ts`). Running that expression is
 * most of the cost of encoding, so each of the three patterns also has a hand-written
 * scanner here that walks the UTF-8 bytes once, makes no strings, and returns the same
 * pieces. The tests check every scanner against its pattern (the JavaScript form and the
 * tiktoken WASM oracle). Worked example, o200k_base:
 *
 *   "Hello, WORLD's 12345 ok\n\n"
 *   → "Hello" "," " WORLD's" " " "123" "45" " ok" "\n\n"
 *
 * A scanner writes the end offset of each piece into `ends` and returns how many there are;
 * piece k is `buf[ends[k-1] .. ends[k])`, with `ends[-1]` taken as 0.
 */
import { utf8Length } from "./utf8.js";
import { classTable, LETTER, LOWERISH, NUMBER, SPACE, UPPERISH } from "./unicode.js";

/** `text` is the well-formed string whose UTF-8 encoding is `buf[0..n)`. */
export type Scanner = (text: string, buf: Uint8Array, n: number, ends: Int32Array) => number;

const CR = 13,
  LF = 10,
  SP = 32,
  QUOTE = 39,
  SLASH = 47;
/** `[\p{L}\p{N}]`: what the patterns' "[^\r\n\p{L}\p{N}]?" prefix must not be. */
const LETTER_OR_NUMBER = LETTER | NUMBER;
/** `[\s\p{L}\p{N}]`: what a run of symbols, "[^\s\p{L}\p{N}]+", stops at. */
const LETTER_NUMBER_OR_SPACE = LETTER | NUMBER | SPACE;

/** Byte length of the UTF-8 sequence that starts with byte `b`. */
function seqLen(b: number): number {
  return b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
}

/** Class bits of the code point starting at `buf[i]` (i < n). */
function classAt(T: Uint8Array, buf: Uint8Array, i: number): number {
  const b = buf[i];
  if (b < 0x80) return T[b];
  if (b < 0xe0) return T[((b & 0x1f) << 6) | (buf[i + 1] & 0x3f)];
  if (b < 0xf0) return T[((b & 0x0f) << 12) | ((buf[i + 1] & 0x3f) << 6) | (buf[i + 2] & 0x3f)];
  return T[((b & 0x07) << 18) | ((buf[i + 1] & 0x3f) << 12) | ((buf[i + 2] & 0x3f) << 6) | (buf[i + 3] & 0x3f)];
}

/** End of the run of code points from `i` whose class has any bit of `any`. */
function runAny(T: Uint8Array, buf: Uint8Array, i: number, n: number, any: number): number {
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      if ((T[b] & any) === 0) break;
      i++;
    } else {
      if ((classAt(T, buf, i) & any) === 0) break;
      i += seqLen(b);
    }
  }
  return i;
}

/** End of the run from `i` of code points with none of the bits `none` ("[^\s\p{L}\p{N}]+"). */
function runNone(T: Uint8Array, buf: Uint8Array, i: number, n: number, none: number): number {
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      if ((T[b] & none) !== 0) break;
      i++;
    } else {
      if ((classAt(T, buf, i) & none) !== 0) break;
      i += seqLen(b);
    }
  }
  return i;
}

/**
 * Whitespace at `i`, the tail shared by all three patterns:
 *   `\s*[\r\n]+`  (only when `newlines`: cl100k_base, o200k_base)
 *   `\s+(?!\S)`   the run, minus its last character when something follows it
 *   `\s+`         a single whitespace character before non-whitespace
 */
function whitespace(T: Uint8Array, buf: Uint8Array, i: number, n: number, newlines: boolean): number {
  let j = i,
    last = i,
    afterNewline = -1;
  while (j < n) {
    const b = buf[j];
    if (b < 0x80) {
      if ((T[b] & SPACE) === 0) break;
      if (b === LF || b === CR) afterNewline = j + 1;
      last = j;
      j++;
    } else {
      if ((classAt(T, buf, j) & SPACE) === 0) break;
      last = j;
      j += seqLen(b);
    }
  }
  if (newlines && afterNewline > 0) return afterNewline;
  if (j === n || last === i) return j;
  return last;
}

/** Case-sensitive `'s|'t|'re|'ve|'m|'ll|'d` at `i` (buf[i] is a quote): end, or -1. */
function contraction(buf: Uint8Array, i: number, n: number): number {
  if (i + 1 >= n) return -1;
  const c = buf[i + 1];
  if (c === 115 || c === 116 || c === 109 || c === 100) return i + 2; // s t m d
  if (i + 2 >= n) return -1;
  const d = buf[i + 2];
  if ((c === 114 && d === 101) || (c === 118 && d === 101) || (c === 108 && d === 108)) return i + 3; // re ve ll
  return -1;
}

/** Rust's `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at `i`: end, or -1. Case folding also maps ſ (U+017F) to s. */
function contractionI(buf: Uint8Array, i: number, n: number): number {
  if (i + 1 >= n || buf[i] !== QUOTE) return -1;
  const c = buf[i + 1] | 0x20; // ASCII lower case (only compared with letters below)
  const raw = buf[i + 1];
  if (raw < 0x80 && (c === 115 || c === 116 || c === 109 || c === 100)) return i + 2;
  if (raw === 0xc5 && i + 2 < n && buf[i + 2] === 0xbf) return i + 3; // ſ
  if (i + 2 >= n || raw >= 0x80) return -1;
  const d = buf[i + 2] | 0x20;
  if (buf[i + 2] >= 0x80) return -1;
  if ((c === 114 && d === 101) || (c === 118 && d === 101) || (c === 108 && d === 108)) return i + 3;
  return -1;
}

/** r50k_base, p50k_base, p50k_edit, gpt2: `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+` */
const scanR50k: Scanner = (_text, buf, n, ends) => {
  const T = classTable();
  let count = 0,
    i = 0;
  while (i < n) {
    const b = buf[i];
    let j = b === QUOTE ? contraction(buf, i, n) : -1;
    if (j < 0) {
      // An optional leading space belongs to the letters, digits or symbols after it.
      let k = i;
      let c = T[b] ?? 0;
      if (b >= 0x80) c = classAt(T, buf, i);
      else if (b === SP && i + 1 < n) {
        const c1 = classAt(T, buf, i + 1);
        if ((c1 & SPACE) === 0) {
          k = i + 1;
          c = c1;
        }
      }
      if (c & LETTER) j = runAny(T, buf, k, n, LETTER);
      else if (c & NUMBER) j = runAny(T, buf, k, n, NUMBER);
      else if ((c & SPACE) === 0) j = runNone(T, buf, k, n, LETTER_NUMBER_OR_SPACE);
      else j = whitespace(T, buf, i, n, false);
    }
    ends[count++] = j;
    i = j;
  }
  return count;
};

/** Up to three `\p{N}` from `i`. */
function digits3(T: Uint8Array, buf: Uint8Array, i: number, n: number): number {
  for (let m = 0; m < 3 && i < n; m++) {
    if ((classAt(T, buf, i) & NUMBER) === 0) break;
    i += seqLen(buf[i]);
  }
  return i;
}

/**
 * ` ?[^\s\p{L}\p{N}]+` followed by any of `tail` (a run of \r \n, and / for o200k_base),
 * or -1 when there is no symbol at `i` (after an optional space).
 */
function symbols(T: Uint8Array, buf: Uint8Array, i: number, n: number, slash: boolean): number {
  let k = i;
  if (buf[i] === SP && i + 1 < n && (classAt(T, buf, i + 1) & LETTER_NUMBER_OR_SPACE) === 0) k = i + 1;
  if ((classAt(T, buf, k) & LETTER_NUMBER_OR_SPACE) !== 0) return -1;
  let j = runNone(T, buf, k, n, LETTER_NUMBER_OR_SPACE);
  while (j < n) {
    const b = buf[j];
    if (b === CR || b === LF || (slash && b === SLASH)) j++;
    else break;
  }
  return j;
}

/** cl100k_base: `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+` */
const scanCl100k: Scanner = (_text, buf, n, ends) => {
  const T = classTable();
  let count = 0,
    i = 0;
  while (i < n) {
    const b = buf[i];
    let j = b === QUOTE ? contractionI(buf, i, n) : -1;
    if (j < 0) {
      const c = b < 0x80 ? T[b] : classAt(T, buf, i);
      if (c & LETTER) j = runAny(T, buf, i, n, LETTER);
      else if (
        (c & NUMBER) === 0 &&
        b !== CR &&
        b !== LF &&
        i + seqLen(b) < n &&
        classAt(T, buf, i + seqLen(b)) & LETTER
      ) {
        j = runAny(T, buf, i + seqLen(b), n, LETTER); // one prefix character, then letters
      } else if (c & NUMBER) j = digits3(T, buf, i, n);
      else {
        j = symbols(T, buf, i, n, false);
        if (j < 0) j = whitespace(T, buf, i, n, true);
      }
    }
    ends[count++] = j;
    i = j;
  }
  return count;
};

/**
 * o200k_base's word alternatives from `j0`, the start after any prefix character:
 *   alt 1: `[U]*[W]+contraction?`   alt 2: `[U]+[W]*contraction?`
 * with U = [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] and W = [\p{Ll}\p{Lm}\p{Lo}\p{M}].
 * Returns the end, or -1. Backtracking, worked out: `[U]*` takes the longest run, then gives
 * back characters until a W character follows; that is the run's end if it is W, else the
 * last character inside the run that is W too (Lm, Lo or M).
 */
function word1(T: Uint8Array, buf: Uint8Array, j0: number, n: number): number {
  let j = j0,
    lastBoth = -1;
  while (j < n) {
    const c = classAt(T, buf, j);
    if ((c & UPPERISH) === 0) break;
    if (c & LOWERISH) lastBoth = j;
    j += seqLen(buf[j]);
  }
  let k: number;
  if (j < n && classAt(T, buf, j) & LOWERISH) k = j;
  else if (lastBoth >= 0) k = lastBoth;
  else return -1;
  const end = runAny(T, buf, k, n, LOWERISH);
  const cj = end < n && buf[end] === QUOTE ? contractionI(buf, end, n) : -1;
  return cj > 0 ? cj : end;
}

function word2(T: Uint8Array, buf: Uint8Array, j0: number, n: number): number {
  if (j0 >= n || (classAt(T, buf, j0) & UPPERISH) === 0) return -1;
  const end = runAny(T, buf, runAny(T, buf, j0, n, UPPERISH), n, LOWERISH);
  const cj = end < n && buf[end] === QUOTE ? contractionI(buf, end, n) : -1;
  return cj > 0 ? cj : end;
}

/** o200k_base, o200k_harmony (pattern in `openai/patterns.ts`: seven alternatives). */
const scanO200k: Scanner = (_text, buf, n, ends) => {
  const T = classTable();
  let count = 0,
    i = 0;
  while (i < n) {
    const b = buf[i];
    const c = b < 0x80 ? T[b] : classAt(T, buf, i);
    const next = i + seqLen(b);
    // [^\r\n\p{L}\p{N}]? : may this character be the optional prefix of a word?
    const prefix = (c & LETTER_OR_NUMBER) === 0 && b !== CR && b !== LF && next < n;
    let j = -1;
    if (prefix) j = word1(T, buf, next, n);
    if (j < 0 && c & (UPPERISH | LOWERISH)) j = word1(T, buf, i, n);
    if (j < 0 && prefix) j = word2(T, buf, next, n);
    if (j < 0 && c & UPPERISH) j = word2(T, buf, i, n);
    if (j < 0) {
      if (c & NUMBER) j = digits3(T, buf, i, n);
      else {
        j = symbols(T, buf, i, n, true);
        if (j < 0) j = whitespace(T, buf, i, n, true);
      }
    }
    ends[count++] = j;
    i = j;
  }
  return count;
};

/** Any pattern, through JavaScript's RegExp: the fallback for specs without a scanner. */
export function regexScanner(jsPattern: string): Scanner {
  const re = new RegExp(jsPattern, "gu");
  return (text, _buf, _n, ends) => {
    let count = 0,
      bytes = 0,
      last = 0;
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (m.index !== last)
        throw new Error(`split pattern skipped text at ${last}: every character must belong to a piece`);
      bytes += utf8Length(m[0]);
      ends[count++] = bytes;
      last = m.index + m[0].length;
    }
    return count;
  };
}

/**
 * Hugging Face's `Split` pre-tokenizers in sequence, each with behaviour "Isolated", as
 * transformers.js runs them: every regex (JavaScript syntax, flags `gu`) splits every piece the
 * one before made, and both its matches and the gaps between them become pieces. Each regex
 * sees one piece at a time, so a lookahead stops at the piece's end. Worked example, DeepSeek
 * V3's three regexes on "ab1234中文":
 *
 *   \p{N}{1,3}          → "ab" "123" "4" "中文"
 *   [一-龥぀-ゟ゠-ヿ]+    → "ab" "123" "4" "中文"   (the CJK run was already a piece)
 *   its GPT-like regex  → "ab" "123" "4" "中文"
 *
 * Unlike `regexScanner`, the text may hold lone surrogates: the regexes see them as they are
 * (not letters, not symbols), and each counts as the 3 bytes of U+FFFD that `TextEncoder` writes.
 */
export function splitSequenceScanner(jsPatterns: readonly string[]): Scanner {
  const regexes = jsPatterns.map((p) => new RegExp(p, "gu"));
  return (text, _buf, _n, ends) => {
    let count = 0,
      bytes = 0;
    const visit = (piece: string, level: number): void => {
      if (level === regexes.length) {
        bytes += utf8Length(piece);
        ends[count++] = bytes;
        return;
      }
      let last = 0;
      for (const m of piece.matchAll(regexes[level])) {
        if (m.index > last) visit(piece.slice(last, m.index), level + 1);
        if (m[0].length > 0) visit(m[0], level + 1);
        last = m.index + m[0].length;
      }
      if (last < piece.length) visit(piece.slice(last), level + 1);
    };
    if (text.length > 0) visit(text, 0);
    return count;
  };
}

/** The hand-written scanners, by the name a spec gives in `pretokenizer`. */
export const PRETOKENIZERS: Readonly<Record<string, Scanner>> = {
  r50k: scanR50k,
  cl100k: scanCl100k,
  o200k: scanO200k,
};
