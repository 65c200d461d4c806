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
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".split("").forEach((c, i) => (B64[c.charCodeAt(0)] = i));

/** FNV-1a over `buf[start..end)`, with a final mix. Keep in step with `Vocab.rankOf`. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return (h ^ (h >>> 15)) | 0;
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
  private readonly slots: Int32Array; // rank + 1, or 0 when empty
  private readonly slotHash: Int32Array;
  private readonly mask: number;

  private constructor(pool: Uint8Array, start: Int32Array, length: Int32Array, size: number) {
    this.pool = pool;
    this.start = start;
    this.length = length;
    this.size = size;
    this.rankLimit = length.length;
    let cap = 1024;
    while (cap < size * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap);
    this.slotHash = new Int32Array(cap);
    this.byteRank = new Int32Array(256).fill(-1);
    let maxLen = 0;
    for (let r = 0; r < this.rankLimit; r++) {
      const len = length[r];
      if (len < 0) continue;
      const s = start[r];
      if (len > maxLen) maxLen = len;
      if (len === 1) this.byteRank[pool[s]] = r;
      const h = hashBytes(pool, s, s + len);
      let i = h & this.mask;
      while (this.slots[i] !== 0) {
        const other = this.slots[i] - 1;
        if (this.slotHash[i] === h && this.equals(other, pool, s, s + len)) {
          throw new Error(`The vocabulary lists the same bytes twice (ranks ${other} and ${r}).`);
        }
        i = (i + 1) & this.mask;
      }
      this.slots[i] = r + 1;
      this.slotHash[i] = h;
    }
    this.maxTokenLength = maxLen;
    for (let b = 0; b < 256; b++) {
      if (this.byteRank[b] < 0) throw new Error(`The vocabulary has no token for the single byte 0x${b.toString(16)}.`);
    }
  }

  /** Parse the text of a `.tiktoken` file. Throws on a malformed line, naming it. */
  static fromTiktoken(text: string): Vocab {
    const n = text.length;
    const pool = new Uint8Array(Math.ceil((n * 3) / 4));
    const starts: number[] = [];
    const lengths: number[] = [];
    const ranks: number[] = [];
    let maxRank = -1;
    let p = 0; // write position in pool
    let i = 0;
    let line = 1;
    while (i < n) {
      // base64 token
      const tokenStart = p;
      let acc = 0, bits = 0;
      let c = text.charCodeAt(i);
      while (c !== 32) {
        if (c === 61 /* = */) { i++; c = text.charCodeAt(i); continue; }
        const v = c < 128 ? B64[c] : -1;
        if (v < 0) throw new Error(`Malformed .tiktoken file: line ${line} has a character that is not base64 (${JSON.stringify(text[i] ?? "end of file")}).`);
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          pool[p++] = (acc >> bits) & 0xff;
        }
        i++;
        c = text.charCodeAt(i);
      }
      i++; // space
      let rank = 0, digits = 0;
      c = text.charCodeAt(i);
      while (c >= 48 && c <= 57) {
        rank = rank * 10 + (c - 48);
        digits++;
        i++;
        c = text.charCodeAt(i);
      }
      if (digits === 0 || p === tokenStart) throw new Error(`Malformed .tiktoken file: line ${line} is not "<base64> <rank>".`);
      if (c === 13) { i++; c = text.charCodeAt(i); }
      if (c === 10) i++;
      else if (i < n) throw new Error(`Malformed .tiktoken file: line ${line} has trailing characters.`);
      starts.push(tokenStart);
      lengths.push(p - tokenStart);
      ranks.push(rank);
      if (rank > maxRank) maxRank = rank;
      line++;
    }
    const start = new Int32Array(maxRank + 1);
    const length = new Int32Array(maxRank + 1).fill(-1);
    for (let k = 0; k < ranks.length; k++) {
      const r = ranks[k];
      if (length[r] >= 0) throw new Error(`Malformed .tiktoken file: rank ${r} appears twice.`);
      start[r] = starts[k];
      length[r] = lengths[k];
    }
    return new Vocab(pool.subarray(0, p), start, length, ranks.length);
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

  private equals(rank: number, buf: Uint8Array, s: number, e: number): boolean {
    if (this.length[rank] !== e - s) return false;
    const pool = this.pool;
    let q = this.start[rank];
    for (let i = s; i < e; i++, q++) if (pool[q] !== buf[i]) return false;
    return true;
  }

  /** Rank of the bytes `buf[s..e)`, or -1 when they are not one token. */
  rankOf(buf: Uint8Array, s: number, e: number): number {
    // Inlined hashBytes: this is the engine's hottest function.
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    h = (h ^ (h >>> 15)) | 0;
    const slots = this.slots, slotHash = this.slotHash, mask = this.mask;
    let i = h & mask;
    for (;;) {
      const r = slots[i];
      if (r === 0) return -1;
      if (slotHash[i] === h && this.equals(r - 1, buf, s, e)) return r - 1;
      i = (i + 1) & mask;
    }
  }

  /** The bytes of an ordinary token (a view into the pool: do not modify). */
  bytesOf(rank: number): Uint8Array | undefined {
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.rankLimit || this.length[rank] < 0) return undefined;
    return this.pool.subarray(this.start[rank], this.start[rank] + this.length[rank]);
  }
}
