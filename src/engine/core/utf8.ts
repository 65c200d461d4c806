/**
 * UTF-8 and code-point arithmetic on JavaScript strings, written once for the engine, the site
 * and the CLI. A lone surrogate counts as U+FFFD (3 bytes, one code point), as `TextEncoder`
 * writes it and as tiktoken's WASM build reads it.
 *
 *   utf8Length("naïve 🤖")         → 11  (n a ï=2 v e space 🤖=4)
 *   utf8CharLength("a🤖", 1)       → 4   (the pair at offset 1; it spans 2 UTF-16 units)
 *   codePointCount("naïve 🤖")     → 7
 *   utf8SequenceLength([0xe9, 0xac, 0xb1], 0) → 3;  ([0xe9, 0xac], 0) → 0 (cut short)
 *   codePointUtf8(0x9b31)          → [0xe9, 0xac, 0xb1]  ("鬱")
 */

/** Is `text[i]` a high surrogate followed by a low one (one astral character)? */
export function isSurrogatePair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
}

/**
 * UTF-8 bytes of the character at UTF-16 offset `i`: 1, 2, 3, or 4 for a surrogate pair (which
 * takes 2 UTF-16 units; every other character takes 1).
 */
export function utf8CharLength(text: string, i: number): 1 | 2 | 3 | 4 {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  return isSurrogatePair(text, i) ? 4 : 3;
}

/** UTF-8 byte length of a whole string, without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const bytes = utf8CharLength(text, i);
    n += bytes;
    if (bytes === 4) i++;
  }
  return n;
}

/** UTF-8 bytes of one code point; a lone surrogate (U+D800–U+DFFF) gives U+FFFD's, as `TextEncoder` writes it. */
export function codePointUtf8(cp: number): number[] {
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

/** Code points in a string, without making an array of a megabyte. */
export function codePointCount(text: string): number {
  let n = text.length;
  for (let i = 0; i + 1 < text.length; i++) {
    if (isSurrogatePair(text, i)) {
      n--;
      i++;
    }
  }
  return n;
}

/**
 * Length of the valid, complete UTF-8 sequence that starts at `bytes[i]`, or 0 when the byte
 * there starts none (a continuation byte, an overlong or surrogate form, or a sequence cut short).
 */
export function utf8SequenceLength(bytes: ArrayLike<number>, i: number): number {
  const n = bytes.length,
    x = bytes[i];
  const cont = (j: number, lo = 0x80, hi = 0xbf) => j < n && bytes[j] >= lo && bytes[j] <= hi;
  if (x < 0x80) return 1;
  if (x >= 0xc2 && x <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (x >= 0xe0 && x <= 0xef) {
    const ok = x === 0xe0 ? cont(i + 1, 0xa0) : x === 0xed ? cont(i + 1, 0x80, 0x9f) : cont(i + 1);
    return ok && cont(i + 2) ? 3 : 0;
  }
  if (x >= 0xf0 && x <= 0xf4) {
    const ok = x === 0xf0 ? cont(i + 1, 0x90) : x === 0xf4 ? cont(i + 1, 0x80, 0x8f) : cont(i + 1);
    return ok && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}
