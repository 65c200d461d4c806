/**
 * The tokens of one text under one encoding, as flat typed arrays: what the Web Worker sends
 * to the page (cheap to transfer, even for a megabyte of text) and what every view reads.
 *
 *   const table = tokenTable(encoding, "héllo 鬱", {allowedSpecial: "all"});
 *   table.ids[0]                      // first token's ID
 *   text.slice(table.start[0], table.end[0])
 *   table.bytes.subarray(table.byteOffset[0], table.byteOffset[1])  // its bytes
 *   table.partial.get(k)              // for a token holding part of a character: which bytes
 */
import { utf8CharLength, utf8Length } from "../engine/index.js";
import type { EncodeOptions, Encoding, PartialChar } from "../engine/index.js";

/** The token is a special token (its bit in `TokenTable.flags`; every `FLAG_` is one). */
export const FLAG_SPECIAL = 1;
/** The token holds only some of a character's UTF-8 bytes. */
export const FLAG_PARTIAL = 2;
/** The token's text starts with a space (U+0020). */
export const FLAG_LEADING_SPACE = 4;
/** Side by side, the token lies in a span that the encodings shown cut differently (`markCutDifferences`). */
export const FLAG_CUT_DIFFERS = 8;

export interface TokenTable {
  encoding: string;
  /** Number of tokens. */
  length: number;
  ids: Int32Array;
  /** UTF-16 offsets into the text. A partial token spans its whole character, so neighbours may overlap. */
  start: Int32Array;
  end: Int32Array;
  /** Bit set of FLAG_SPECIAL, FLAG_PARTIAL, FLAG_LEADING_SPACE, FLAG_CUT_DIFFERS. */
  flags: Uint8Array;
  /** Token k's bytes are `bytes[byteOffset[k] .. byteOffset[k + 1])`. */
  byteOffset: Int32Array;
  bytes: Uint8Array;
  /** For FLAG_PARTIAL tokens only: token index → the characters it holds part of. */
  partial: Map<number, PartialChar[]>;
  /**
   * Only when the tokens' bytes are not the text's bytes (Claude's legacy tokenizer reads "½" as
   * the 5 bytes of "1⁄2"; Mixtral's token "▁" that its normalizer prepends covers no text):
   * where each token ends, as a UTF-8 offset into the text, or -1 for a token that shares a
   * character with the next. Otherwise that offset is `byteOffset[k + 1]`.
   * `markCutDifferences` compares encodings by it.
   */
  sourceEnd?: Int32Array;
}

/** Encode `text` and lay the result out as a `TokenTable`. */
export function tokenTable(encoding: Encoding, text: string, options?: EncodeOptions): TokenTable {
  const detailed = encoding.encodeDetailed(text, options);
  const n = detailed.length;
  const ids = new Int32Array(n),
    start = new Int32Array(n),
    end = new Int32Array(n);
  const flags = new Uint8Array(n),
    byteOffset = new Int32Array(n + 1);
  let total = 0;
  for (const t of detailed) total += t.bytes.length;
  const bytes = new Uint8Array(total);
  const partial = new Map<number, PartialChar[]>();
  let p = 0;
  detailed.forEach((t, k) => {
    ids[k] = t.id;
    start[k] = t.start;
    end[k] = t.end;
    flags[k] =
      (t.special ? FLAG_SPECIAL : 0) |
      (t.partial ? FLAG_PARTIAL : 0) |
      (!t.special && t.bytes[0] === 0x20 ? FLAG_LEADING_SPACE : 0);
    if (t.partial) partial.set(k, t.partial);
    byteOffset[k] = p;
    bytes.set(t.bytes, p);
    p += t.bytes.length;
  });
  byteOffset[n] = p;
  const table: TokenTable = { encoding: encoding.name, length: n, ids, start, end, flags, byteOffset, bytes, partial };
  // Only when the tokens' bytes may not line up with the text's: a normalizer rewrites it, and
  // otherwise they add up to more than its UTF-8 (Mixtral's prepended "▁"). tiktoken's tokens are
  // the text's own bytes, so this costs OpenAI's encodings one length count, no more.
  const normalized = encoding.spec.kind === "hf-bpe" && encoding.spec.normalizer;
  if (normalized || p !== utf8Length(text)) table.sourceEnd = sourceEnds(text, start, end);
  return table;
}

/** `TokenTable.sourceEnd`: each token's end as a UTF-8 offset into `text`, -1 inside a shared character. */
function sourceEnds(text: string, start: Int32Array, end: Int32Array): Int32Array {
  const n = start.length;
  const out = new Int32Array(n);
  let i = 0,
    b = 0; // UTF-16 offset and UTF-8 offset, moving forward together
  for (let k = 0; k < n; k++) {
    if (k + 1 < n && start[k + 1] < end[k]) {
      out[k] = -1;
      continue;
    }
    while (i < end[k]) {
      const bytes = utf8CharLength(text, i);
      b += bytes;
      i += bytes === 4 ? 2 : 1;
    }
    out[k] = b;
  }
  return out;
}

/**
 * A `TokenTable` for a list of IDs, as the decoder sees it: the text is the UTF-8 decoding of
 * all their bytes (invalid or cut-off sequences become U+FFFD, exactly as `TextDecoder`
 * does), and each token spans the characters its bytes fall in. `incomplete` says the list
 * ends in the middle of a character.
 *
 *   idsTable(o200k, [64838])  → {text: "\uFFFD", incomplete: true, …}   (64838 is e9 ac, 2 of 鬱's 3 bytes)
 */
export function idsTable(
  encoding: Encoding,
  ids: readonly number[],
): { table: TokenTable; text: string; incomplete: boolean } {
  const n = ids.length;
  const table: TokenTable = {
    encoding: encoding.name,
    length: n,
    ids: Int32Array.from(ids),
    start: new Int32Array(n),
    end: new Int32Array(n),
    flags: new Uint8Array(n),
    byteOffset: new Int32Array(n + 1),
    bytes: new Uint8Array(0),
    partial: new Map(),
  };
  const parts = ids.map((id) => encoding.tokenBytes(id));
  let total = 0;
  parts.forEach((b, k) => {
    table.byteOffset[k] = total;
    total += b.length;
  });
  table.byteOffset[n] = total;
  const bytes = (table.bytes = new Uint8Array(total));
  parts.forEach((b, k) => bytes.set(b, table.byteOffset[k]));

  const { text, charStart, charLength, unitStart, unitLength, incomplete } = decodeUtf8Map(bytes);
  for (let k = 0; k < n; k++) {
    const bs = table.byteOffset[k],
      be = table.byteOffset[k + 1];
    const special = encoding.isSpecial(ids[k]);
    if (be === bs) continue;
    const first = charStart[bs],
      last = charStart[be - 1];
    table.start[k] = unitStart[first];
    table.end[k] = unitStart[last] + unitLength[last];
    const partial: PartialChar[] = [];
    const char = (c: number) => text.slice(unitStart[c], unitStart[c] + unitLength[c]);
    if (bs > first || be < first + charLength[first]) {
      partial.push({
        char: char(first),
        byteStart: bs - first,
        byteEnd: Math.min(be, first + charLength[first]) - first,
        byteLength: charLength[first],
      });
    }
    if (last !== first && be < last + charLength[last]) {
      partial.push({ char: char(last), byteStart: 0, byteEnd: be - last, byteLength: charLength[last] });
    }
    if (partial.length) table.partial.set(k, partial);
    table.flags[k] =
      (special ? FLAG_SPECIAL : 0) |
      (partial.length ? FLAG_PARTIAL : 0) |
      (!special && bytes[bs] === 0x20 ? FLAG_LEADING_SPACE : 0);
  }
  return { table, text, incomplete };
}

/**
 * UTF-8 decoding by the WHATWG algorithm (`TextDecoder`'s: each maximal invalid subpart
 * becomes one U+FFFD), keeping for every byte where its character starts and how long it is,
 * and for every character start its UTF-16 offset and length.
 */
export function decodeUtf8Map(bytes: Uint8Array) {
  const n = bytes.length;
  const charStart = new Int32Array(n + 1),
    charLength = new Int32Array(n + 1);
  const unitStart = new Int32Array(n + 1),
    unitLength = new Int32Array(n + 1);
  const out: string[] = [];
  let units = 0;
  const emit = (a: number, b: number, s: string) => {
    for (let p = a; p < b; p++) {
      charStart[p] = a;
      charLength[p] = b - a;
    }
    unitStart[a] = units;
    unitLength[a] = s.length;
    units += s.length;
    out.push(s);
  };
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    let need = 0,
      cp = 0,
      lower = 0x80,
      upper = 0xbf;
    if (b <= 0x7f) {
      emit(i, i + 1, String.fromCharCode(b));
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else {
      emit(i, i + 1, "\uFFFD");
      i++;
      continue;
    }
    let j = i + 1,
      seen = 0;
    while (seen < need && j < n && bytes[j] >= lower && bytes[j] <= upper) {
      cp = (cp << 6) | (bytes[j] & 0x3f);
      lower = 0x80;
      upper = 0xbf;
      seen++;
      j++;
    }
    emit(i, j, seen === need ? String.fromCodePoint(cp) : "\uFFFD");
    i = j;
  }
  // A cut-off character at the very end: a valid lead and continuation bytes, but too few.
  const incomplete = n > 0 && out[out.length - 1] === "\uFFFD" && isTruncatedTail(bytes, charStart[n - 1]);
  unitStart[n] = units;
  return { text: out.join(""), charStart, charLength, unitStart, unitLength, incomplete };
}

function isTruncatedTail(bytes: Uint8Array, from: number): boolean {
  const b = bytes[from];
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
  return need > 0 && bytes.length - from - 1 < need;
}

export interface CutComparison {
  /** Stretches of the text between the boundaries that every encoding shares. */
  spans: number;
  /** Spans that some encoding cuts into more than one token. */
  differing: number;
}

/**
 * Compare where the encodings of one text cut it, and flag FLAG_CUT_DIFFERS on every token in a span
 * they cut differently. A span runs from one boundary that every encoding has to the next; the
 * encodings agree on it when each has it as one token. Boundaries are UTF-8 offsets into the
 * text, so a cut inside a character counts too (except for an encoding with a normalizer,
 * whose tokens inside a character it rewrote have no place in the text: `sourceEnd`).
 *
 *   "Tokenizers compare"   o200k_base:  "Token" "izers" " compare"
 *                          r50k_base:   "Token" "izers" " compare"
 *                          a made-up x: "Tokenizers" " compare"
 *   shared boundaries after "Tokenizers" and " compare": 2 spans; x cuts the first differently,
 *   so "Token", "izers" and x's "Tokenizers" get FLAG_CUT_DIFFERS, and " compare" does not.
 *
 * The tables must all be of the same text (they are: one encode request makes them).
 */
export function markCutDifferences(tables: readonly TokenTable[]): CutComparison {
  const m = tables.length;
  const next = new Int32Array(m); // per table: the first token of the current span
  const idx = new Int32Array(m);
  // Where token k of table t ends in the text (-1: inside a character it shares with the next).
  const endOf = (t: number, k: number) => tables[t].sourceEnd?.[k] ?? tables[t].byteOffset[k + 1];
  const total = (t: number) => (tables[t].length ? endOf(t, tables[t].length - 1) : 0);
  let spans = 0,
    differing = 0;
  if (m < 2 || tables.some((_, t) => total(t) !== total(0))) return { spans, differing };
  while (next[0] < tables[0].length) {
    // Grow the span until every table has a token ending at the same byte.
    let target = 0;
    for (let t = 0; t < m; t++) {
      idx[t] = next[t];
      target = Math.max(target, endOf(t, idx[t]));
    }
    for (let agreed = false; !agreed;) {
      agreed = true;
      for (let t = 0; t < m; t++) {
        while (endOf(t, idx[t]) < target) idx[t]++;
        if (endOf(t, idx[t]) > target) {
          target = endOf(t, idx[t]);
          agreed = false;
        }
      }
    }
    spans++;
    let same = true;
    for (let t = 0; t < m; t++) if (idx[t] !== next[t]) same = false;
    if (!same) {
      differing++;
      for (let t = 0; t < m; t++) for (let k = next[t]; k <= idx[t]; k++) tables[t].flags[k] |= FLAG_CUT_DIFFERS;
    }
    for (let t = 0; t < m; t++) next[t] = idx[t] + 1;
  }
  return { spans, differing };
}
