/**
 * Writing a vocabulary (and a Hugging Face model's merge list) in the TXVB format that
 * `binary-format.ts` describes, with the worked example there:
 *
 *   encodeVocabBinary(Vocab.fromTiktoken(demoTiktokenText), {source, generator: "gen"})  // 75 bytes
 *
 * Each token of two bytes or more is stored as the pair of lower ranks BPE joins last to make
 * it (`splitOf`), or as literal bytes when there is none.
 */
import {
  BINARY_MODEL_VERSION,
  BINARY_VOCAB_VERSION,
  KIND_BYTE,
  KIND_LITERAL,
  KIND_PAIR,
  MAGIC,
  planesFor,
} from "./binary-format.js";
import type { VocabRef } from "../types.js";
import type { Vocab } from "../core/vocab.js";

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
    if (ranks.has(key))
      throw new Error(`The vocabulary lists the same bytes twice (ranks ${ranks.get(key)} and ${r}).`);
    ranks.set(key, r);
  });
  return {
    rankCount: list.length,
    bytesOf: (r) => list[r] ?? undefined,
    rankOf: (b, s, e) => ranks.get(latin1Key(b, s, e)) ?? -1,
  };
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
    let min = Infinity,
      at = -1;
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

/** Encode a vocabulary in the binary form `binary-format.ts` describes. */
export function encodeVocabBinary(tokens: VocabTokens, options: EncodeVocabBinaryOptions): Uint8Array {
  const lookup = lookupOf(tokens);
  const N = lookup.rankCount;
  const P = planesFor(N);
  const kinds = new Uint8Array(N);
  const singles: number[] = [],
    lefts: number[] = [],
    rights: number[] = [],
    literals: number[] = [];
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
  if (generator.length > 255 || file.length > 255)
    throw new Error("The generator and file names must each be at most 255 bytes of UTF-8.");
  if (!/^[0-9a-f]{64}$/.test(options.source.sha256))
    throw new Error(`${options.source.sha256} is not a lower-case hex sha256.`);
  const mergeSection = options.merges ? encodeMerges(lookup, options.merges) : [];
  const headerLength = 4 + 1 + 1 + generator.length + 1 + file.length + 32 + 4;
  const out = new Uint8Array(
    headerLength + N + singles.length + 2 * P * lefts.length + literals.length + mergeSection.length,
  );
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
  const made: number[] = [],
    split: number[] = [];
  let previous = 0;
  for (let i = 0; i < M; i++) {
    const a = lookup.bytesOf(merges.pairs[2 * i]),
      b = lookup.bytesOf(merges.pairs[2 * i + 1]),
      c = lookup.bytesOf(merges.made[i]);
    if (
      !a ||
      !b ||
      !c ||
      c.length !== a.length + b.length ||
      lookup.rankOf(c, 0, a.length) !== merges.pairs[2 * i] ||
      lookup.rankOf(c, a.length, c.length) !== merges.pairs[2 * i + 1]
    ) {
      throw new Error(
        `Merge ${i} (${merges.pairs[2 * i]} + ${merges.pairs[2 * i + 1]} → ${merges.made[i]}) does not join two tokens into the token it makes.`,
      );
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
