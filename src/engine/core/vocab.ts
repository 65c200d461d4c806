/**
 * The mergeable ranks of a `.tiktoken` file, stored for fast lookup by bytes.
 *
 * A `.tiktoken` file has one line per token: the token's bytes in base64, a space, its rank.
 *
 *   IQ== 0        ← "!" has rank 0
 *   IHRoZQ== 279  ← " the" has rank 279 (cl100k_base)
 *
 * All token bytes live in one `Uint8Array` (`pool`); rank r's bytes are
 * `pool[start[r] .. start[r] + length[r])`. An open-addressing hash table maps a byte
 * sequence to its rank without making a string, so the encoder can ask "is
 * `buf[i..j)` a token?" straight from the UTF-8 buffer.
 */

const B64 = new Int8Array(128).fill(-1);
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  .split("")
  .forEach((c, i) => (B64[c.charCodeAt(0)] = i));

/**
 * A polynomial hash of `buf[start..end)`: h = ((b0·P + b1)·P + b2)… mod 2³². It composes:
 * hash(A + B) = hash(A)·P^|B| + hash(B), so BPE can hash a merged pair from its two parts
 * without reading their bytes again (`combine` in bpe.ts; the binary asset's reader builds
 * every token's hash this way too). `mix` scrambles it before its low bits pick a slot.
 */
const HASH_P = 0x01000193;
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, HASH_P) + buf[i]) | 0;
  return h;
}

/** P^k mod 2³² for k up to 1024 (longer right parts are rehashed from their bytes). */
export const HASH_POW = (() => {
  const pow = new Int32Array(1025);
  pow[0] = 1;
  for (let k = 1; k < pow.length; k++) pow[k] = Math.imul(pow[k - 1], HASH_P);
  return pow;
})();

/** Ranks (plus one) fit in the low 20 bits of a slot; lengths in the 11 bits above. */
const RANK_MASK = (1 << 20) - 1;
const RANK_LIMIT = RANK_MASK - 1;

function growInt32(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** The first four bytes of `buf[s..e)` (fewer when shorter), little-endian in one int. */
function head4(buf: Uint8Array, s: number, e: number): number {
  const len = e - s;
  if (len >= 4) return buf[s] | (buf[s + 1] << 8) | (buf[s + 2] << 16) | (buf[s + 3] << 24);
  let h = 0;
  for (let k = 0; k < len; k++) h |= buf[s + k] << (8 * k);
  return h;
}

/** Finalizer (murmur3's fmix32) so that the low bits used as the slot index are well mixed. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Put every rank of the pool into the hash table `slots` (and `byteRank`, `pairRank`); returns
 * the longest token's length. A function of its own rather than the constructor's loop: it
 * runs once per load, and in a fresh Chromium worker this cold call was faster on locals than
 * on a half-built object's fields.
 */
function fillTable(
  pool: Uint8Array,
  start: Int32Array,
  length: Int32Array,
  hashes: Int32Array | undefined,
  slots: Int32Array,
  mask: number,
  byteRank: Int32Array,
  pairRank: Int32Array,
): number {
  let maxLen = 0;
  for (let r = 0; r < length.length; r++) {
    const len = length[r];
    if (len < 0) continue;
    const s = start[r];
    if (len > maxLen) maxLen = len;
    if (len === 1) byteRank[pool[s]] = r;
    if (len === 2) pairRank[(pool[s] << 8) | pool[s + 1]] = r;
    if (r >= RANK_LIMIT || len >= 1 << 11)
      throw new Error(`Rank ${r} (${len} bytes) is beyond what the rank table holds.`);
    const h = hashes ? hashes[r] : hashBytes(pool, s, s + len);
    const head = head4(pool, s, s + len);
    let i = mix(h) & mask;
    for (let w = slots[2 * i]; w !== 0; w = slots[2 * i]) {
      if (
        w >>> 20 === len &&
        slots[2 * i + 1] === head &&
        sameTail(pool, start[(w & RANK_MASK) - 1] + 4, s + 4, len - 4)
      ) {
        throw new Error(`The vocabulary lists the same bytes twice (ranks ${(w & RANK_MASK) - 1} and ${r}).`);
      }
      i = (i + 1) & mask;
    }
    slots[2 * i] = (r + 1) | (len << 20);
    slots[2 * i + 1] = head;
  }
  return maxLen;
}

/** Are `pool[a..a+n)` and `pool[b..b+n)` equal? (True when n ≤ 0.) */
function sameTail(pool: Uint8Array, a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (pool[a + k] !== pool[b + k]) return false;
  return true;
}

export class Vocab {
  /** Every token's bytes, back to back. */
  readonly pool: Uint8Array;
  /** `start[rank]`: where the token's bytes begin in `pool`. */
  readonly start: Int32Array;
  /** `length[rank]`: the token's length in bytes, or -1 for a rank the file does not use. */
  readonly length: Int32Array;
  /** Number of ranks in the file. */
  readonly size: number;
  /** One more than the largest rank. */
  readonly rankLimit: number;
  /** Length of the longest token in bytes. */
  readonly maxTokenLength: number;
  /** Rank of each single byte (every tiktoken vocabulary has all 256). */
  readonly byteRank: Int32Array;
  /** Rank of each two-byte sequence `b0 << 8 | b1`, or -1: the first step of every merge. */
  readonly pairRank: Int32Array;
  // Open addressing, two ints a slot: [(rank + 1) | length << 20 (0 when empty), bytes 0–3].
  // A probe for a token of up to 4 bytes touches one cache line and nothing else; a longer
  // token compares its first four bytes here, then the rest in `pool`. The hash only picks
  // the slot: 8-byte slots keep the table small (4 MB for o200k_base) and cache-friendly.
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * `hashes[r]`, when given, must be `hashBytes` of rank r's bytes: it saves reading them.
   * `allBytes`: refuse a table without a token for every single byte, which BPE starts from.
   */
  private constructor(
    pool: Uint8Array,
    start: Int32Array,
    length: Int32Array,
    size: number,
    hashes?: Int32Array,
    allBytes = true,
  ) {
    this.pool = pool;
    this.start = start;
    this.length = length;
    this.size = size;
    this.rankLimit = length.length;
    let cap = 1024;
    while (cap < size * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 2);
    this.pairRank = new Int32Array(65536).fill(-1);
    this.byteRank = new Int32Array(256).fill(-1);
    const maxLen = fillTable(pool, start, length, hashes, this.slots, this.mask, this.byteRank, this.pairRank);
    this.maxTokenLength = maxLen;
    for (let b = 0; b < 256 && allBytes; b++) {
      if (this.byteRank[b] < 0) throw new Error(`The vocabulary has no token for the single byte 0x${b.toString(16)}.`);
    }
  }

  /** Parse the text of a `.tiktoken` file. Throws on a malformed line, naming it. */
  static fromTiktoken(text: string): Vocab {
    const n = text.length;
    const pool = new Uint8Array(Math.ceil((n * 3) / 4));
    let cap = 1 << 16;
    let starts: Int32Array = new Int32Array(cap),
      lengths: Int32Array = new Int32Array(cap),
      ranks: Int32Array = new Int32Array(cap);
    let count = 0,
      maxRank = -1,
      p = 0,
      i = 0;
    const bad = (what: string): never => {
      throw new Error(`Malformed .tiktoken file: line ${count + 1} ${what}.`);
    };
    while (i < n) {
      // The token: base64 in groups of four characters, "=" padding only in the last group.
      const tokenStart = p;
      for (;;) {
        const a = B64[text.charCodeAt(i) & 127],
          b = B64[text.charCodeAt(i + 1) & 127];
        const cc = text.charCodeAt(i + 2),
          dc = text.charCodeAt(i + 3);
        if (a < 0 || b < 0 || text.charCodeAt(i) > 127 || text.charCodeAt(i + 1) > 127) bad("is not base64");
        pool[p++] = (a << 2) | (b >> 4);
        if (cc === 61 /* = */) {
          if (dc !== 61) bad("has misplaced base64 padding");
          i += 4;
          break;
        }
        const c = cc < 128 ? B64[cc] : -1;
        if (c < 0) bad("is not base64");
        pool[p++] = ((b & 15) << 4) | (c >> 2);
        if (dc === 61) {
          i += 4;
          break;
        }
        const d = dc < 128 ? B64[dc] : -1;
        if (d < 0) bad("is not base64");
        pool[p++] = ((c & 3) << 6) | d;
        i += 4;
        if (text.charCodeAt(i) === 32) break;
      }
      if (text.charCodeAt(i) !== 32) bad('is not "<base64> <rank>"');
      i++;
      let rank = 0,
        digits = 0,
        c = text.charCodeAt(i);
      while (c >= 48 && c <= 57) {
        rank = rank * 10 + (c - 48);
        digits++;
        c = text.charCodeAt(++i);
      }
      if (digits === 0) bad("has no rank");
      if (c === 13) c = text.charCodeAt(++i);
      if (c === 10) i++;
      else if (i < n) bad("has trailing characters");
      if (count === cap) {
        cap *= 2;
        starts = growInt32(starts, cap);
        lengths = growInt32(lengths, cap);
        ranks = growInt32(ranks, cap);
      }
      starts[count] = tokenStart;
      lengths[count] = p - tokenStart;
      ranks[count] = rank;
      if (rank > maxRank) maxRank = rank;
      count++;
    }
    const start = new Int32Array(maxRank + 1);
    const length = new Int32Array(maxRank + 1).fill(-1);
    for (let k = 0; k < count; k++) {
      const r = ranks[k];
      if (length[r] >= 0) throw new Error(`Malformed .tiktoken file: rank ${r} appears twice.`);
      start[r] = starts[k];
      length[r] = lengths[k];
    }
    return new Vocab(pool.subarray(0, p), start, length, count);
  }

  /**
   * Build from a pool of token bytes: rank r is `pool[start[r] .. start[r] + length[r])`, and
   * `length[r]` is -1 for an unused rank. The arrays are kept, not copied. This is how a binary
   * vocabulary (`asset/binary-reader.ts`) becomes a `Vocab` without a `.tiktoken` text in between.
   * `hashes[r]`, when given, is `hashBytes` of rank r's bytes (a reader that builds tokens from
   * pairs gets it almost free, as hashes compose); a wrong one makes lookups miss.
   * `allBytes: false` accepts a table without single-byte tokens (a SentencePiece vocabulary's
   * pieces, which the engine only looks up, never merges from bytes).
   */
  static fromPool(
    pool: Uint8Array,
    start: Int32Array,
    length: Int32Array,
    hashes?: Int32Array,
    allBytes = true,
  ): Vocab {
    let size = 0;
    for (let r = 0; r < length.length; r++) if (length[r] >= 0) size++;
    return new Vocab(pool, start, length, size, hashes, allBytes);
  }

  /** Build from explicit token byte sequences, rank = index (for tests and hand-made vocabularies). */
  static fromTokens(tokens: readonly Uint8Array[]): Vocab {
    const total = tokens.reduce((s, t) => s + t.length, 0);
    const pool = new Uint8Array(total);
    const start = new Int32Array(tokens.length);
    const length = new Int32Array(tokens.length);
    let p = 0;
    tokens.forEach((t, r) => {
      pool.set(t, p);
      start[r] = p;
      length[r] = t.length;
      p += t.length;
    });
    return new Vocab(pool, start, length, tokens.length);
  }

  /** Rank of the bytes `buf[s..e)`, or -1 when they are not one token. */
  rankOf(buf: Uint8Array, s: number, e: number): number {
    let h = 0;
    for (let i = s; i < e; i++) h = (Math.imul(h, HASH_P) + buf[i]) | 0;
    return this.rankOfHashed(h, buf, s, e);
  }

  /** `rankOf` when the caller already has `hashBytes(buf, s, e)`. */
  rankOfHashed(h: number, buf: Uint8Array, s: number, e: number): number {
    const slots = this.slots,
      mask = this.mask,
      len = e - s;
    const head = head4(buf, s, e);
    let i = mix(h) & mask;
    for (;;) {
      const w = slots[2 * i];
      if (w === 0) return -1;
      if (
        w >>> 20 === len &&
        slots[2 * i + 1] === head &&
        (len <= 4 || this.tailEquals((w & RANK_MASK) - 1, buf, s + 4, e))
      ) {
        return (w & RANK_MASK) - 1;
      }
      i = (i + 1) & mask;
    }
  }

  private tailEquals(r: number, buf: Uint8Array, s: number, e: number): boolean {
    const pool = this.pool;
    for (let q = this.start[r] + 4, k = s; k < e; q++, k++) if (pool[q] !== buf[k]) return false;
    return true;
  }

  /** The bytes of an ordinary token (a view into the pool: do not modify). */
  bytesOf(rank: number): Uint8Array | undefined {
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.rankLimit || this.length[rank] < 0) return undefined;
    return this.pool.subarray(this.start[rank], this.start[rank] + this.length[rank]);
  }
}
