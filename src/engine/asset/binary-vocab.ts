/**
 * A compact binary form of a `.tiktoken` file, for shipping a vocabulary to the browser.
 *
 * Every token of rank ≥ 256 in the four official files is the concatenation of two tokens of
 * lower rank: BPE made it by merging them. So instead of its bytes we store those two ranks,
 * split into byte planes (all low bytes, then all middle bytes, then all high bytes), which
 * gzip squeezes well: o200k_base is 721 KB gzipped, against 1.69 MB for the `.tiktoken` file.
 * `tiktokenTextFromBinary` rebuilds the exact text of the original file (same bytes, same
 * sha256), and `verifyBinaryVocab` checks that text against the pinned sha256 before use:
 *
 *   const spec = getEncodingSpec("o200k_base");
 *   const text = await verifyBinaryVocab(spec.vocab, await FileAttachment("data/vocab/o200k_base.bin").arrayBuffer());
 *   const encoding = createEncoding(spec, text);
 *
 * ## Format (version 1; integers little-endian)
 *
 *   "TXVB"          4 bytes   magic
 *   version         1 byte    1
 *   g, generator    1 + g     UTF-8 name of the script that made the file (at most 255 bytes)
 *   f, source       1 + f     UTF-8 name of the `.tiktoken` file it was made from
 *   sha256          32 bytes  that file's sha256, raw
 *   N               4 bytes   rank count: one more than the largest rank
 *   kinds           N bytes   one per rank r = 0 … N-1: 0 no token has this rank (a gap),
 *                             1 a single byte, 2 a pair of lower ranks, 3 literal bytes
 *   singles         1 byte per kind-1 rank, in rank order: the token's byte
 *   left            P planes of one byte per kind-2 rank: the left part's rank; first every
 *                   low byte, then every middle byte, then every high byte
 *   right           the same for the right part's rank
 *   literals        per kind-3 rank, in rank order: length (LEB128, ≥ 1), then the bytes
 *
 * P, the bytes a rank needs, is 1 when N ≤ 2^8, 2 when N ≤ 2^16, else 3. In version 1 the
 * file ends right after the literals. A pair's parts must have lower ranks than the pair itself, so a reader
 * rebuilds every token in one pass in rank order. The pair stored for a token is the one BPE
 * merges last when it encodes the token's bytes (what `mergeTrace` shows); when BPE does not
 * reach the token, any split into two lower tokens; when there is none, the token is literal.
 * The official files have no literal token, but the format and the tests cover them.
 *
 * ## Worked example
 *
 * The (made-up) file `demo.tiktoken`, with rank 3 unused:
 *
 *   YQ== 0     "a"     kind 1, byte 0x61
 *   Yg== 1     "b"     kind 1, byte 0x62
 *   YWI= 2     "ab"    kind 2: "a" + "b" = (0, 1)
 *   YWJi 4     "abb"   kind 2: BPE merges "a"+"b" first, then "ab" + "b" = (2, 1)
 *   eHl6 5     "xyz"   kind 3: no split into two tokens, so 3 literal bytes
 *
 * made by a script named "gen" becomes these 75 bytes (N = 6, so P = 1), and
 * `tiktokenTextFromBinary` gives back "YQ== 0\nYg== 1\nYWI= 2\nYWJi 4\neHl6 5\n":
 *
 *   54 58 56 42                       "TXVB"
 *   01                                version 1
 *   03 67 65 6e                       generator "gen"
 *   0d 64 65 6d 6f … 65 6e            source "demo.tiktoken" (13 bytes)
 *   7e 89 d9 31 … aa 0a af a9 fa 4e   sha256 of demo.tiktoken (32 bytes)
 *   06 00 00 00                       N = 6
 *   01 01 02 00 02 03                 kinds of ranks 0–5
 *   61 62                             singles: "a", "b"
 *   00 02                             left ranks of ranks 2 and 4 (low bytes; P = 1)
 *   01 01                             right ranks of ranks 2 and 4
 *   03 78 79 7a                       literal of rank 5: 3 bytes "xyz"
 *
 * ## Version 2: a merge list after the literals
 *
 * A Hugging Face model merges by its list of merges, not by rank (`hf-merges.ts`), so its
 * asset (src/data/vocab/write-open-model.ts) also carries that list. Version 2 is version 1
 * plus, after the literals:
 *
 *   M               LEB128    number of merges
 *   made            M × zigzag LEB128: the ID the merge makes, minus the previous merge's
 *                   (the first minus 0). Lists made by training mostly make IDs in order,
 *                   so this is one byte 02 ("+1") per merge.
 *   split           M × LEB128: the length in bytes of the merge's left part.
 *
 * The token made and where it splits name the merge: its left part is the token of its first
 * `split` bytes, its right part the token of the rest. Qwen3's first two merges, "Ġ" + "Ġ" →
 * "ĠĠ" (ID 256) and "ĠĠ" + "ĠĠ" → "ĠĠĠĠ" (257), are stored as
 *
 *   made   80 04  02     +256 (zigzag 512, LEB128 80 04), then +1 (zigzag 2)
 *   split  01     02     the left parts are 1 and 2 bytes long
 *
 * Llama 3's 280,147 merges take 137 KB gzipped this way.
 *
 * This file is pure TypeScript (no Node module, no DOM): it runs in browsers, workers and Node.
 */
import { MergeList } from "../hf/merges.js";
import type { VocabRef } from "../types.js";
import { sha256Hex } from "./verify.js";
import { HASH_POW, hashBytes, Vocab } from "../core/vocab.js";

/** "TXVB" */
const MAGIC = [0x54, 0x58, 0x56, 0x42];
export const BINARY_VOCAB_VERSION = 1;
/** The version with a merge list (see "Version 2" above). */
export const BINARY_MODEL_VERSION = 2;

const KIND_GAP = 0, KIND_BYTE = 1, KIND_PAIR = 2, KIND_LITERAL = 3;

/** What a binary vocabulary's header says. */
export interface BinaryVocabHeader {
  version: number;
  /** The script that made the file, e.g. `"src/data/vocab/write-binary.ts"`. */
  generator: string;
  /** The `.tiktoken` file it was made from, e.g. `"o200k_base.tiktoken"`. */
  file: string;
  /** That file's sha256, lower-case hex. */
  sha256: string;
  /** One more than the largest rank. */
  rankCount: number;
  /** Where the streams begin. */
  headerLength: number;
}

export interface EncodeVocabBinaryOptions {
  /** The `.tiktoken` file the tokens come from, named with its sha256 in the header. */
  source: VocabRef;
  /** The script that makes the file, named in the header (e.g. `"src/data/vocab/write-binary.ts"`). */
  generator: string;
  /**
   * A Hugging Face model's merge list (merge i joins token `pairs[2i]` and token `pairs[2i+1]`
   * into token `made[i]`, as `byteLevelBpe` reads it): written as version 2.
   */
  merges?: { pairs: Int32Array; made: Int32Array };
}

/** A token table: the engine's `Vocab`, or token bytes by rank (`undefined` for an unused rank). */
export type VocabTokens = Vocab | readonly (Uint8Array | undefined)[];

interface Lookup {
  rankCount: number;
  bytesOf(rank: number): Uint8Array | undefined;
  rankOf(buf: Uint8Array, s: number, e: number): number;
}

const latin1Key = (buf: Uint8Array, s: number, e: number) => String.fromCharCode(...buf.subarray(s, e));

function lookupOf(tokens: VocabTokens): Lookup {
  if (!Array.isArray(tokens)) {
    const vocab = tokens as Vocab;
    return { rankCount: vocab.rankLimit, bytesOf: (r) => vocab.bytesOf(r), rankOf: (b, s, e) => vocab.rankOf(b, s, e) };
  }
  const list = tokens as readonly (Uint8Array | undefined)[];
  const ranks = new Map<string, number>();
  list.forEach((t, r) => {
    if (!t) return;
    const key = latin1Key(t, 0, t.length);
    if (ranks.has(key)) throw new Error(`The vocabulary lists the same bytes twice (ranks ${ranks.get(key)} and ${r}).`);
    ranks.set(key, r);
  });
  return { rankCount: list.length, bytesOf: (r) => list[r] ?? undefined, rankOf: (b, s, e) => ranks.get(latin1Key(b, s, e)) ?? -1 };
}

/**
 * The two lower ranks whose tokens make the token of `rank`, or `undefined` when there are
 * none (or the token is a single byte, or the rank unused). Prefers the pair BPE merges last
 * when it encodes the token's bytes (the second-to-last step of `mergeTrace`), else the
 * first split (shortest left part) into two tokens of lower rank.
 */
export function splitOf(tokens: VocabTokens, rank: number): [left: number, right: number] | undefined {
  return splitWith(lookupOf(tokens), rank);
}

function splitWith(lookup: Lookup, rank: number): [number, number] | undefined {
  const bytes = lookup.bytesOf(rank);
  if (!bytes || bytes.length < 2) return undefined;
  // BPE on the token's bytes, as the engine does it: merge the adjacent pair of lowest rank,
  // leftmost on ties, until no pair is a token. `ends[k]` is where part k ends.
  const n = bytes.length;
  const ends: number[] = [];
  for (let i = 1; i <= n; i++) ends.push(i);
  let last: [number, number] | undefined;
  for (;;) {
    let min = Infinity, at = -1;
    for (let k = 0; k + 1 < ends.length; k++) {
      const r = lookup.rankOf(bytes, k === 0 ? 0 : ends[k - 1], ends[k + 1]);
      if (r >= 0 && r < min) {
        min = r;
        at = k;
      }
    }
    if (at < 0) break;
    const s = at === 0 ? 0 : ends[at - 1];
    last = [lookup.rankOf(bytes, s, ends[at]), lookup.rankOf(bytes, ends[at], ends[at + 1])];
    ends.splice(at, 1);
  }
  // (A part can be no token when single bytes are not tokens, as in a SentencePiece vocabulary.)
  if (ends.length === 1 && last && last[0] >= 0 && last[1] >= 0 && last[0] < rank && last[1] < rank) return last;
  for (let k = 1; k < n; k++) {
    const a = lookup.rankOf(bytes, 0, k);
    if (a < 0 || a >= rank) continue;
    const b = lookup.rankOf(bytes, k, n);
    if (b >= 0 && b < rank) return [a, b];
  }
  return undefined;
}

/** Bytes a rank below `rankCount` needs. */
function planesFor(rankCount: number): number {
  if (rankCount <= 1 << 8) return 1;
  if (rankCount <= 1 << 16) return 2;
  if (rankCount <= 1 << 24) return 3;
  throw new Error(`A binary vocabulary holds at most 2^24 ranks, not ${rankCount}.`);
}

/** Encode a vocabulary in the binary form described at the top of this file. */
export function encodeVocabBinary(tokens: VocabTokens, options: EncodeVocabBinaryOptions): Uint8Array {
  const lookup = lookupOf(tokens);
  const N = lookup.rankCount;
  const P = planesFor(N);
  const kinds = new Uint8Array(N);
  const singles: number[] = [], lefts: number[] = [], rights: number[] = [], literals: number[] = [];
  for (let r = 0; r < N; r++) {
    const t = lookup.bytesOf(r);
    if (!t) continue; // kind 0: a gap
    if (t.length === 0) throw new Error(`Rank ${r} is an empty token.`);
    if (t.length === 1) {
      kinds[r] = KIND_BYTE;
      singles.push(t[0]);
      continue;
    }
    const pair = splitWith(lookup, r);
    if (pair) {
      kinds[r] = KIND_PAIR;
      lefts.push(pair[0]);
      rights.push(pair[1]);
    } else {
      kinds[r] = KIND_LITERAL;
      pushLeb128(literals, t.length);
      for (const b of t) literals.push(b);
    }
  }
  const utf8 = new TextEncoder();
  const generator = utf8.encode(options.generator);
  const file = utf8.encode(options.source.file);
  if (generator.length > 255 || file.length > 255) throw new Error("The generator and file names must each be at most 255 bytes of UTF-8.");
  if (!/^[0-9a-f]{64}$/.test(options.source.sha256)) throw new Error(`${options.source.sha256} is not a lower-case hex sha256.`);
  const mergeSection = options.merges ? encodeMerges(lookup, options.merges) : [];
  const headerLength = 4 + 1 + 1 + generator.length + 1 + file.length + 32 + 4;
  const out = new Uint8Array(headerLength + N + singles.length + 2 * P * lefts.length + literals.length + mergeSection.length);
  let p = 0;
  out.set(MAGIC, p);
  p += 4;
  out[p++] = options.merges ? BINARY_MODEL_VERSION : BINARY_VOCAB_VERSION;
  out[p++] = generator.length;
  out.set(generator, p);
  p += generator.length;
  out[p++] = file.length;
  out.set(file, p);
  p += file.length;
  for (let i = 0; i < 32; i++) out[p++] = parseInt(options.source.sha256.slice(2 * i, 2 * i + 2), 16);
  new DataView(out.buffer).setUint32(p, N, true);
  p += 4;
  out.set(kinds, p);
  p += N;
  out.set(singles, p);
  p += singles.length;
  for (const ranks of [lefts, rights]) {
    for (let plane = 0; plane < P; plane++) {
      for (const r of ranks) out[p++] = (r >>> (8 * plane)) & 0xff;
    }
  }
  out.set(literals, p);
  out.set(mergeSection, p + literals.length);
  return out;
}

function pushLeb128(out: number[], v: number): void {
  for (; v >= 0x80; v = Math.floor(v / 128)) out.push((v % 128) | 0x80);
  out.push(v);
}

/** The merge section of version 2: M, the made IDs (zigzag deltas), the left parts' lengths. */
function encodeMerges(lookup: Lookup, merges: { pairs: Int32Array; made: Int32Array }): number[] {
  const M = merges.made.length;
  const made: number[] = [], split: number[] = [];
  let previous = 0;
  for (let i = 0; i < M; i++) {
    const a = lookup.bytesOf(merges.pairs[2 * i]), b = lookup.bytesOf(merges.pairs[2 * i + 1]), c = lookup.bytesOf(merges.made[i]);
    if (!a || !b || !c || c.length !== a.length + b.length || lookup.rankOf(c, 0, a.length) !== merges.pairs[2 * i] || lookup.rankOf(c, a.length, c.length) !== merges.pairs[2 * i + 1]) {
      throw new Error(`Merge ${i} (${merges.pairs[2 * i]} + ${merges.pairs[2 * i + 1]} → ${merges.made[i]}) does not join two tokens into the token it makes.`);
    }
    const d = merges.made[i] - previous;
    previous = merges.made[i];
    pushLeb128(made, d >= 0 ? 2 * d : -2 * d - 1);
    pushLeb128(split, a.length);
  }
  const out: number[] = [];
  pushLeb128(out, M);
  for (const list of [made, split]) for (const x of list) out.push(x);
  return out;
}

const asBytes = (bytes: ArrayBuffer | Uint8Array) => (bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));

/** Read and check a binary vocabulary's header. Throws on anything but a TXVB version 1 or 2 header. */
export function readBinaryVocabHeader(data: ArrayBuffer | Uint8Array): BinaryVocabHeader {
  const bytes = asBytes(data);
  const need = (n: number, what: string) => {
    if (bytes.length < n) throw new Error(`it ends after ${bytes.length} bytes, inside the header (${what})`);
  };
  need(6, "magic");
  if (MAGIC.some((m, i) => bytes[i] !== m)) throw new Error(`it does not start with "TXVB" (it starts with bytes ${Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ")})`);
  const version = bytes[4];
  if (version !== BINARY_VOCAB_VERSION && version !== BINARY_MODEL_VERSION) {
    throw new Error(`it is version ${version} of the format; this reader knows versions ${BINARY_VOCAB_VERSION} and ${BINARY_MODEL_VERSION}`);
  }
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let p = 5;
  const g = bytes[p++];
  need(p + g + 1, "generator name");
  const generator = utf8.decode(bytes.subarray(p, p + g));
  p += g;
  const f = bytes[p++];
  need(p + f + 36, "source file name, sha256 and rank count");
  const file = utf8.decode(bytes.subarray(p, p + f));
  p += f;
  const sha256 = Array.from(bytes.subarray(p, p + 32), (b) => b.toString(16).padStart(2, "0")).join("");
  p += 32;
  const rankCount = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(p, true);
  p += 4;
  return { version, generator, file, sha256, rankCount, headerLength: p };
}

const B64 = new TextEncoder().encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

/**
 * The exact bytes of the `.tiktoken` file a binary vocabulary was made from: one line
 * `base64(token) rank\n` per token, ranks ascending. Throws a plain description of what is
 * wrong (truncated, a pair that refers to a later rank, trailing bytes, …).
 */
export function tiktokenBytesFromBinary(data: ArrayBuffer | Uint8Array): Uint8Array {
  return decodeBinary(asBytes(data)).tiktoken;
}

/** A decoded binary vocabulary: the tokens as `Vocab.fromPool` takes them, and the file's bytes. */
interface DecodedBinary {
  pool: Uint8Array;
  start: Int32Array;
  /** Each rank's length in bytes, -1 for an unused rank. */
  length: Int32Array;
  /** Each rank's `hashBytes`, composed from its parts' hashes as the tokens are built. */
  hashes: Int32Array;
  /** The `.tiktoken` file's bytes (empty when not asked for). */
  tiktoken: Uint8Array;
  /** Version 2: each merge's token made and the length of its left part. */
  merges?: { made: Int32Array; split: Int32Array };
}

function decodeBinary(bytes: Uint8Array, withText = true): DecodedBinary {
  const header = readBinaryVocabHeader(bytes);
  const N = header.rankCount;
  const P = planesFor(N);
  const end = bytes.length;
  let p = header.headerLength;
  if (p + N > end) throw new Error(`it ends after ${end} bytes, inside the kinds of its ${N} ranks`);
  const kindsAt = p;
  let nBytes = 0, nPairs = 0;
  for (let r = 0; r < N; r++) {
    const k = bytes[kindsAt + r];
    if (k === KIND_BYTE) nBytes++;
    else if (k === KIND_PAIR) nPairs++;
    else if (k !== KIND_GAP && k !== KIND_LITERAL) throw new Error(`rank ${r} has kind ${k} (known kinds are 0–3)`);
  }
  p += N;
  const singlesAt = p;
  p += nBytes;
  const leftAt = p;
  const rightAt = p + P * nPairs;
  p += 2 * P * nPairs;
  if (p > end) throw new Error(`it ends after ${end} bytes, but its ${nBytes} single bytes and ${nPairs} pairs need ${p}`);
  let litAt = p;

  // Pass 1: each token's length and place in the pool, checking every reference; the text's size.
  const length = new Int32Array(N);
  const start = new Int32Array(N);
  const lit = new Int32Array(N); // kind 3: where its bytes begin in `bytes`
  let pool = 0, text = 0, i2 = 0;
  let digits = 1, nextPower = 10;
  for (let r = 0; r < N; r++) {
    if (r === nextPower) {
      digits++;
      nextPower *= 10;
    }
    const k = bytes[kindsAt + r];
    let len: number;
    if (k === KIND_PAIR) {
      const a = planeRank(bytes, leftAt, nPairs, P, i2), b = planeRank(bytes, rightAt, nPairs, P, i2);
      i2++;
      if (a >= r || b >= r || length[a] === 0 || length[b] === 0) {
        throw new Error(`rank ${r} is stored as the pair (${a}, ${b}), which is not two tokens of lower rank`);
      }
      len = length[a] + length[b];
    } else if (k === KIND_BYTE) {
      len = 1;
    } else if (k === KIND_LITERAL) {
      len = 0;
      for (let shift = 0; ; shift += 7) {
        if (litAt >= end) throw new Error(`it ends after ${end} bytes, inside the literal of rank ${r}`);
        const c = bytes[litAt++];
        len += (c & 0x7f) * 2 ** shift;
        if (c < 0x80) break;
        if (shift > 21) throw new Error(`rank ${r} has a literal length that does not fit`);
      }
      if (len === 0) throw new Error(`rank ${r} is an empty literal`);
      if (litAt + len > end) throw new Error(`it ends after ${end} bytes, inside the ${len}-byte literal of rank ${r}`);
      lit[r] = litAt;
      litAt += len;
    } else continue; // a gap: length stays 0
    length[r] = len;
    start[r] = pool;
    pool += len;
    text += 4 * Math.ceil(len / 3) + digits + 2;
  }
  let merges: DecodedBinary["merges"];
  if (header.version === BINARY_MODEL_VERSION) {
    const read = (what: string): number => {
      let v = 0;
      for (let scale = 1; ; scale *= 128) {
        if (litAt >= end) throw new Error(`it ends after ${end} bytes, inside ${what}`);
        const c = bytes[litAt++];
        v += (c & 0x7f) * scale;
        if (c < 0x80) return v;
        if (scale > 2 ** 28) throw new Error(`${what} does not fit`);
      }
    };
    const M = read("the merge count");
    if (M > end - litAt) throw new Error(`it counts ${M} merges but has only ${end - litAt} bytes left`);
    const made = new Int32Array(M), split = new Int32Array(M);
    let previous = 0;
    for (let i = 0; i < M; i++) {
      const z = read(`the token made by merge ${i}`);
      made[i] = previous += z % 2 === 0 ? z / 2 : -(z + 1) / 2;
      if (previous < 0 || previous >= N || length[previous] < 2) throw new Error(`merge ${i} makes ${previous}, which is no token of two bytes or more`);
    }
    for (let i = 0; i < M; i++) {
      split[i] = read(`the split of merge ${i}`);
      if (split[i] < 1 || split[i] >= length[made[i]]) throw new Error(`merge ${i} splits the ${length[made[i]]}-byte token ${made[i]} after ${split[i]} bytes`);
    }
    merges = { made, split };
  }
  if (litAt !== end) throw new Error(`it has ${end - litAt} bytes after its last stream (${end} bytes, expected ${litAt})`);

  // Pass 2: build every token from its parts; pass 3: write the lines. Each is its own
  // function: this runs once per page load, so its first, cold call is the one that counts,
  // and in Chromium that call was about a fifth faster than with one big loop.
  const tok = new Uint8Array(pool);
  const hashes = new Int32Array(N);
  fillPool(bytes, N, kindsAt, singlesAt, leftAt, rightAt, nPairs, P, start, length, lit, tok, hashes);
  const out = new Uint8Array(withText ? text : 0);
  const o = withText ? writeLines(bytes, N, kindsAt, start, length, tok, out) : 0;
  if (o !== out.length) throw new Error(`its text came out ${o} bytes long instead of ${text}`); // cannot happen
  for (let r = 0; r < N; r++) if (bytes[kindsAt + r] === KIND_GAP) length[r] = -1;
  return { pool: tok, start, length, hashes, tiktoken: out, merges };
}

/** The i-th rank of a stream stored as P byte planes of `nPairs` bytes each (low byte first). */
function planeRank(bytes: Uint8Array, at: number, nPairs: number, P: number, i: number): number {
  let v = bytes[at + i];
  if (P > 1) {
    v |= bytes[at + nPairs + i] << 8;
    if (P > 2) v |= bytes[at + 2 * nPairs + i] << 16;
  }
  return v;
}

/**
 * Every token's bytes into `tok` at `start[r]`, in rank order (a pair's parts come first), and
 * its `hashBytes` into `hashes[r]`: hash(A + B) = hash(A)·P^|B| + hash(B), see vocab.ts.
 */
function fillPool(
  bytes: Uint8Array, N: number, kindsAt: number, singlesAt: number, leftAt: number, rightAt: number, nPairs: number, P: number,
  start: Int32Array, length: Int32Array, lit: Int32Array, tok: Uint8Array, hashes: Int32Array,
): void {
  let i1 = 0, i2 = 0;
  for (let r = 0; r < N; r++) {
    const k = bytes[kindsAt + r];
    if (k === KIND_PAIR) {
      const a = planeRank(bytes, leftAt, nPairs, P, i2), b = planeRank(bytes, rightAt, nPairs, P, i2);
      i2++;
      let q = start[r];
      for (let x = start[a], xe = x + length[a]; x < xe; x++) tok[q++] = tok[x];
      for (let x = start[b], xe = x + length[b]; x < xe; x++) tok[q++] = tok[x];
      hashes[r] = length[b] < HASH_POW.length ? (Math.imul(hashes[a], HASH_POW[length[b]]) + hashes[b]) | 0 : hashBytes(tok, start[r], q);
    } else if (k === KIND_BYTE) {
      hashes[r] = tok[start[r]] = bytes[singlesAt + i1++];
    } else if (k === KIND_LITERAL) {
      tok.set(bytes.subarray(lit[r], lit[r] + length[r]), start[r]);
      hashes[r] = hashBytes(tok, start[r], start[r] + length[r]);
    }
  }
}

/** The line `base64(token) rank\n` of every used rank into `out`; returns where the text ends. */
function writeLines(bytes: Uint8Array, N: number, kindsAt: number, start: Int32Array, length: Int32Array, tok: Uint8Array, out: Uint8Array): number {
  const num = new Uint8Array(12); // the rank's decimal digits, right-aligned; counts up with r
  let numStart = 11;
  num[11] = 48;
  let o = 0;
  for (let r = 0; r < N; r++) {
    if (r > 0) {
      let d = 11;
      while (num[d] === 57) num[d--] = 48;
      if (d < numStart) {
        numStart = d;
        num[d] = 49;
      } else num[d]++;
    }
    if (bytes[kindsAt + r] === KIND_GAP) continue;
    const s = start[r], len = length[r];
    let x = s;
    const e3 = s + len - (len % 3);
    for (; x < e3; x += 3) {
      const v = (tok[x] << 16) | (tok[x + 1] << 8) | tok[x + 2];
      out[o] = B64[v >>> 18];
      out[o + 1] = B64[(v >>> 12) & 63];
      out[o + 2] = B64[(v >>> 6) & 63];
      out[o + 3] = B64[v & 63];
      o += 4;
    }
    const rest = s + len - x;
    if (rest === 1) {
      const v = tok[x];
      out[o] = B64[v >>> 2];
      out[o + 1] = B64[(v & 3) << 4];
      out[o + 2] = 61;
      out[o + 3] = 61;
      o += 4;
    } else if (rest === 2) {
      const v = (tok[x] << 8) | tok[x + 1];
      out[o] = B64[v >>> 10];
      out[o + 1] = B64[(v >>> 4) & 63];
      out[o + 2] = B64[(v & 15) << 2];
      out[o + 3] = 61;
      o += 4;
    }
    out[o++] = 32;
    for (let d = numStart; d < 12; d++) out[o++] = num[d];
    out[o++] = 10;
  }
  return o;
}

/** The `.tiktoken` text of a binary vocabulary: decode, then one char per byte (all ASCII). */
export function tiktokenTextFromBinary(data: ArrayBuffer | Uint8Array): string {
  return asciiText(tiktokenBytesFromBinary(data));
}

/**
 * The text is all ASCII, so UTF-8 decoding gives one char per byte. It is the fastest decoder:
 * a first decode of o200k_base's 3.6 MB took 11 ms as UTF-8 and 35 ms as "latin1" in Node 20
 * (the same 12 ms either way in Chromium).
 */
function asciiText(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** Read the header and check that it names the file and sha256 that `ref` pins. */
function checkedHeader(ref: VocabRef, data: Uint8Array): BinaryVocabHeader {
  let header: BinaryVocabHeader;
  try {
    header = readBinaryVocabHeader(data);
  } catch (err) {
    throw new Error(`${describe(ref)} is not a valid TXVB file: ${(err as Error).message}.`);
  }
  if (header.file !== ref.file || header.sha256 !== ref.sha256) {
    throw new Error(`${describe(ref)} was made from ${header.file} with sha256 ${header.sha256}, but the registry pins ${ref.file} with sha256 ${ref.sha256}: the asset is for another vocabulary.`);
  }
  return header;
}

const describe = (ref: VocabRef) => `Binary vocabulary for ${ref.file}`;

function checkedDecode(ref: VocabRef, data: Uint8Array, withText = true): DecodedBinary {
  checkedHeader(ref, data);
  try {
    return decodeBinary(data, withText);
  } catch (err) {
    throw new Error(`${describe(ref)} is corrupt or truncated: ${(err as Error).message}.`);
  }
}

async function checkAssetSha256(ref: VocabRef, asset: Uint8Array): Promise<void> {
  const actual = await sha256Hex(asset);
  if (actual !== ref.assetSha256) {
    throw new Error(`${describe(ref)} has sha256 ${actual}, but the registry pins ${ref.assetSha256}: the asset is altered, truncated or from another build.`);
  }
}

async function checkSha256(ref: VocabRef, tiktoken: Uint8Array): Promise<void> {
  const actual = await sha256Hex(tiktoken);
  if (actual !== ref.sha256) {
    throw new Error(`${describe(ref)} rebuilds a file with sha256 ${actual}, but the registry pins ${ref.sha256}: the asset is altered or truncated.`);
  }
}

/**
 * Rebuild the `.tiktoken` text from a binary vocabulary, check its sha256 against
 * `ref.sha256` (Web Crypto) and return it, ready for `createEncoding(spec, text)`. Throws a
 * message naming the file when the asset is for another file, malformed, truncated or altered.
 */
export async function verifyBinaryVocab(ref: VocabRef, data: ArrayBuffer | Uint8Array): Promise<string> {
  const { tiktoken } = checkedDecode(ref, asBytes(data));
  await checkSha256(ref, tiktoken);
  return asciiText(tiktoken);
}

/**
 * `verifyBinaryVocab`, but straight to the engine's `Vocab`, for `createEncoding(spec, vocab)`:
 * the same checks and messages, without parsing the rebuilt text again. The sha256 runs
 * (Web Crypto, off the JS thread) while the lookup table is built, and nothing is returned
 * until it matches. In Node this takes o200k_base from about 250 ms to about 130 ms.
 * When `ref.assetSha256` pins the asset itself (the registry's VOCABS do), that is checked
 * instead, before anything else, and the text is not rebuilt at all.
 */
export async function loadBinaryVocab(ref: VocabRef, data: ArrayBuffer | Uint8Array): Promise<Vocab> {
  return (await loadBinaryModel(ref, data)).vocab;
}

/** What a binary asset holds: the vocabulary, and for a Hugging Face model (version 2) its merge list. */
export interface BinaryModel {
  vocab: Vocab;
  /** The merge list as the engine looks it up. */
  merges?: MergeList;
  /** The same list in order: merge i joins `pairs[2i]` and `pairs[2i+1]` into `made[i]`. */
  mergeList?: { pairs: Int32Array; made: Int32Array };
}

/**
 * `loadBinaryVocab`, keeping the merge list of a version-2 asset, for
 * `createEncoding(spec, vocab, merges)`. A version-2 asset has no `.tiktoken` file to rebuild
 * (its source is a tokenizer.json), so its ref must pin the asset itself (`assetSha256`).
 * `allBytes: false` accepts a vocabulary without single-byte tokens (SentencePiece pieces).
 */
export async function loadBinaryModel(ref: VocabRef, data: ArrayBuffer | Uint8Array, { allBytes = true }: { allBytes?: boolean } = {}): Promise<BinaryModel> {
  const bytes = asBytes(data);
  // With the asset itself pinned, its own bytes are hashed first (a few ms for o200k_base's
  // 1.4 MB), and any difference is reported as that; the text is then never written, which
  // shortens a cold load's critical path by about 60 ms in a fresh Chromium worker.
  if (ref.assetSha256) await checkAssetSha256(ref, bytes);
  else if (checkedHeader(ref, bytes).version === BINARY_MODEL_VERSION) {
    throw new Error(`${describe(ref)} has a merge list (version ${BINARY_MODEL_VERSION}), so the registry must pin the asset's own sha256 (assetSha256).`);
  }
  const { pool, start, length, hashes, tiktoken, merges } = checkedDecode(ref, bytes, !ref.assetSha256);
  const checked = ref.assetSha256 ? Promise.resolve() : checkSha256(ref, tiktoken);
  let vocab: Vocab;
  try {
    vocab = Vocab.fromPool(pool, start, length, hashes, allBytes);
  } catch (err) {
    await checked; // an altered asset is reported as altered, whatever else is wrong with it
    throw err;
  }
  await checked;
  if (!merges) return { vocab };
  const M = merges.made.length;
  const pairs = new Int32Array(2 * M);
  for (let i = 0; i < M; i++) {
    const t = merges.made[i], s = start[t], e = s + length[t], cut = s + merges.split[i];
    pairs[2 * i] = vocab.rankOf(pool, s, cut);
    pairs[2 * i + 1] = vocab.rankOf(pool, cut, e);
    if (pairs[2 * i] < 0 || pairs[2 * i + 1] < 0) {
      throw new Error(`${describe(ref)} is corrupt: merge ${i} splits token ${t} after ${merges.split[i]} bytes into parts that are not both tokens.`);
    }
  }
  return { vocab, merges: new MergeList(pairs, merges.made), mergeList: { pairs, made: merges.made } };
}
