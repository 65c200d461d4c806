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
import type { EncodeOptions, Encoding, PartialChar } from "../bpe/types.js";

export const SPECIAL = 1;
/** The token holds only some of a character's UTF-8 bytes. */
export const PARTIAL = 2;
/** The token's text starts with a space (U+0020). */
export const LEADING_SPACE = 4;

export interface TokenTable {
  encoding: string;
  /** Number of tokens. */
  length: number;
  ids: Int32Array;
  /** UTF-16 offsets into the text. A partial token spans its whole character, so neighbours may overlap. */
  start: Int32Array;
  end: Int32Array;
  /** Bit set of SPECIAL, PARTIAL, LEADING_SPACE. */
  flags: Uint8Array;
  /** Token k's bytes are `bytes[byteOffset[k] .. byteOffset[k + 1])`. */
  byteOffset: Int32Array;
  bytes: Uint8Array;
  /** For PARTIAL tokens only: token index → the characters it holds part of. */
  partial: Map<number, PartialChar[]>;
}

/** Encode `text` and lay the result out as a `TokenTable`. */
export function tokenTable(encoding: Encoding, text: string, options?: EncodeOptions): TokenTable {
  const detailed = encoding.encodeDetailed(text, options);
  const n = detailed.length;
  const ids = new Int32Array(n), start = new Int32Array(n), end = new Int32Array(n);
  const flags = new Uint8Array(n), byteOffset = new Int32Array(n + 1);
  let total = 0;
  for (const t of detailed) total += t.bytes.length;
  const bytes = new Uint8Array(total);
  const partial = new Map<number, PartialChar[]>();
  let p = 0;
  detailed.forEach((t, k) => {
    ids[k] = t.id;
    start[k] = t.start;
    end[k] = t.end;
    flags[k] = (t.special ? SPECIAL : 0) | (t.partial ? PARTIAL : 0) | (!t.special && t.bytes[0] === 0x20 ? LEADING_SPACE : 0);
    if (t.partial) partial.set(k, t.partial);
    byteOffset[k] = p;
    bytes.set(t.bytes, p);
    p += t.bytes.length;
  });
  byteOffset[n] = p;
  return { encoding: encoding.name, length: n, ids, start, end, flags, byteOffset, bytes, partial };
}
