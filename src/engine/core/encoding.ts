/**
 * `createEncoding(spec, fileText)`: an `Encoding` with tiktoken's exact behaviour.
 *
 * Encoding a text:
 * 1. find allowed special tokens and cut the text around them (`special.ts`);
 * 2. turn each ordinary stretch into UTF-8 (a lone surrogate becomes U+FFFD, as in
 *    `TextEncoder` and tiktoken's WASM build);
 * 3. split the bytes into pieces (`pretokenize.ts`);
 * 4. a piece that is itself a token is that token; otherwise merge its bytes (`bpe.ts`).
 *
 * A Hugging Face byte-level model's spec (kind "hf-bpe", made by `hf/tokenizer-json.ts`) may
 * add a Unicode normalization before step 3 (`hf/normalize.ts`), has a sequence of split
 * regexes for step 3 (`splitSequenceScanner`), and merges by Hugging Face's rule in step 4
 * (`hf/merges.ts`), with or without the whole-piece lookup. OpenAI's encodings (kind
 * "tiktoken") use none of these: the same class runs both, and the Hugging Face steps cost
 * OpenAI's encodings one branch each.
 */
import { mergePiece } from "./bpe.js";
import { mergeByList, type MergeList } from "../hf/merges.js";
import { normalizeWithOffsets, type NormalizedText } from "../hf/normalize.js";
import { PRETOKENIZERS, regexScanner, splitSequenceScanner, type Scanner } from "./pretokenize.js";
import { SpecialTokenRules, specialRegex } from "./special.js";
import type {
  DetailedToken,
  EncodeOptions,
  Encoding,
  EncodingSpec,
  HfBpeSpec,
  MergeStep,
  MergeTrace,
  PartialChar,
  Piece,
  TiktokenSpec,
} from "../types.js";
import { utf8CharLength } from "./utf8.js";
import { hashBytes, Vocab } from "./vocab.js";

/** Are `buf[a..a+len)` and `buf[b..b+len)` equal? */
function sameBytes(buf: Uint8Array, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

function grow(a: Int32Array, min: number): Int32Array {
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

/** Scratch arrays larger than this many entries are dropped after use. */
const SCRATCH_LIMIT = 1 << 20;

const encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF, which tiktoken keeps too.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Build an encoding from its spec and the text of its `.tiktoken` file, or a `Vocab` already
 * built from it (`loadBinaryVocab` in the browser). An "hf-bpe" spec also needs the model's
 * merge list (`hfBpeModel` in `hf/tokenizer-json.ts` makes all three). A "sentencepiece" spec
 * is refused: `sentencePieceEncoding` (`hf/sentencepiece.ts`) or `loadEncodingFromAsset` builds it.
 */
export function createEncoding(spec: EncodingSpec, vocab: string | Vocab, merges?: MergeList): Encoding {
  if (spec.kind === "sentencepiece") {
    throw new Error(
      `${spec.name} is a SentencePiece-style model: build it with sentencePieceEncoding(tokenizerJson) ` +
        "or loadEncodingFromAsset(spec, asset).",
    );
  }
  return new BpeEncoding(spec, typeof vocab === "string" ? Vocab.fromTiktoken(vocab) : vocab, merges);
}

/**
 * Byte-level BPE over a table of ranks: OpenAI's encodings (tiktoken's rule), and Hugging Face's
 * byte-level models (their merge list's rule).
 */
class BpeEncoding implements Encoding {
  readonly name: string;
  readonly nVocab: number;
  readonly specialTokens: ReadonlyMap<string, number>;
  private readonly specialBytes = new Map<number, Uint8Array>();
  private readonly scanner: Scanner;
  private readonly special: SpecialTokenRules;
  private buf: Uint8Array = new Uint8Array(1024);
  private ends: Int32Array = new Int32Array(1024);
  private memo: Int32Array = new Int32Array(1024);
  /** Hugging Face models: the normalization form, the merge list, and whether whole pieces are looked up. */
  private readonly normalizer: "NFC" | "NFKC" | undefined = undefined;
  private readonly merges: MergeList | undefined = undefined;
  private readonly wholePieces: boolean;

  constructor(
    readonly spec: TiktokenSpec | HfBpeSpec,
    readonly vocab: Vocab,
    merges?: MergeList,
  ) {
    this.name = spec.name;
    this.nVocab = spec.nVocab;
    this.specialTokens = new Map(Object.entries(spec.specialTokens));
    for (const [text, id] of this.specialTokens) {
      if (vocab.bytesOf(id))
        throw new Error(`${spec.name}: special token ${text} has ID ${id}, which is also an ordinary token.`);
      if (id >= spec.nVocab)
        throw new Error(`${spec.name}: special token ${text} has ID ${id}, beyond nVocab ${spec.nVocab}.`);
      // o200k_harmony lists ID 200018 twice (<|endofprompt|> and <|reserved_200018|>), as
      // tiktoken does; decoding gives the first text listed, the meaningful one.
      if (!this.specialBytes.has(id)) this.specialBytes.set(id, encoder.encode(text));
    }
    if (vocab.rankLimit > spec.nVocab)
      throw new Error(
        `${spec.name}: the vocabulary has ranks up to ${vocab.rankLimit - 1}, beyond nVocab ${spec.nVocab}.`,
      );
    if (spec.kind === "hf-bpe") {
      this.scanner = splitSequenceScanner(spec.splits);
      if (spec.normalizer !== undefined && spec.normalizer !== "NFC" && spec.normalizer !== "NFKC") {
        throw new Error(`${spec.name}: unknown normalizer "${spec.normalizer}".`);
      }
      this.normalizer = spec.normalizer;
      if (!merges) throw new Error(`${spec.name}: an "hf-bpe" spec needs the model's merge list.`);
      this.merges = merges;
      this.wholePieces = spec.ignoreMerges;
    } else {
      const scanner = spec.pretokenizer ? PRETOKENIZERS[spec.pretokenizer] : undefined;
      if (spec.pretokenizer && !scanner) throw new Error(`${spec.name}: unknown pretokenizer "${spec.pretokenizer}".`);
      this.scanner = scanner ?? regexScanner(spec.jsPattern);
      this.wholePieces = true;
    }
    this.special = new SpecialTokenRules(this.specialTokens, this.name);
  }

  // ---- ordinary text ------------------------------------------------------------------

  /** UTF-8 of `text` in the scratch buffer; returns its length. */
  private toBytes(text: string): number {
    if (this.buf.length < text.length * 3) this.buf = new Uint8Array(text.length * 3 + 16);
    return encoder.encodeInto(text, this.buf).written;
  }

  /** Split `buf[0..n)` into pieces; returns the count, ends in `this.ends`. */
  private scan(text: string, n: number): number {
    if (this.ends.length < n) this.ends = new Int32Array(n + 16);
    return this.scanner(text, this.buf, n, this.ends);
  }

  /**
   * Append the tokens of the ordinary text `text` (already normalized) to `out`. A piece that
   * is a token is that token (unless the spec turns `ignoreMerges` off); any other is merged
   * by tiktoken's rule, or by the model's merge list when it has one (`hf/merges.ts`).
   */
  private encodeChunk(text: string, out: number[]): void {
    const n = this.toBytes(text);
    const pieces = this.scan(text, n);
    const { buf, ends, vocab, merges, wholePieces } = this;
    const byteRank = vocab.byteRank,
      maxLen = vocab.maxTokenLength;
    // Pieces that need merging repeat within a text ("the" is one token, but a long word
    // or a word in a script with few merges is not). Remember, for this call only, where each
    // merged piece's tokens went in `out`, keyed by the hash of its bytes.
    let seen: Map<number, number> | undefined;
    let memo = this.memo;
    let s = 0;
    for (let k = 0; k < pieces; k++) {
      const e = ends[k];
      const len = e - s;
      if (len === 1) out.push(byteRank[buf[s]]);
      else {
        const h = hashBytes(buf, s, e);
        const r = wholePieces && len <= maxLen ? vocab.rankOfHashed(h, buf, s, e) : -1;
        if (r >= 0) out.push(r);
        else {
          seen ??= new Map();
          const m = seen.get(h);
          if (m !== undefined && memo[m + 1] === len && sameBytes(buf, memo[m], s, len)) {
            for (let t = memo[m + 2], stop = t + memo[m + 3]; t < stop; t++) out.push(out[t]);
          } else {
            const before = out.length;
            if (merges) mergeByList(vocab, merges, buf, s, e, out);
            else mergePiece(vocab, buf, s, e, out);
            if (m === undefined) {
              const at = seen.size * 4;
              if (memo.length < at + 4) memo = this.memo = grow(memo, at + 4);
              memo[at] = s;
              memo[at + 1] = len;
              memo[at + 2] = before;
              memo[at + 3] = out.length - before;
              seen.set(h, at);
            }
          }
        }
      }
      s = e;
    }
    // Keep no megabytes of scratch space after a huge paste.
    if (this.ends.length > SCRATCH_LIMIT) this.releaseScratch();
  }

  /** Append the tokens of an ordinary stretch: normalize it if the spec says so, then encode. */
  private ordinary(text: string, out: number[]): void {
    this.encodeChunk(this.normalizer ? text.normalize(this.normalizer) : text, out);
  }

  private releaseScratch(): void {
    this.buf = new Uint8Array(1024);
    this.ends = new Int32Array(1024);
    this.memo = new Int32Array(1024);
  }

  encodeOrdinary(text: string): number[] {
    const out: number[] = [];
    this.ordinary(String(text), out);
    return out;
  }

  // ---- special tokens -------------------------------------------------------------------

  /**
   * Cut `text` into ordinary stretches and allowed special tokens, after checking that no
   * disallowed special token occurs. Calls `ordinary(start, end)` and `special(id, start, end)` in order.
   */
  private segments(
    text: string,
    options: EncodeOptions | undefined,
    ordinary: (start: number, end: number) => void,
    special: (id: number, start: number, end: number) => void,
  ): void {
    text = String(text);
    const allowed = this.special.allowedIn(text, options);
    if (!allowed) {
      ordinary(0, text.length);
      return;
    }
    const re = allowed.size === this.specialTokens.size ? this.special.regex : specialRegex(allowed);
    let last = 0;
    if (re) {
      re.lastIndex = 0; // matchAll starts where the shared regex's last search stopped
      for (const m of text.matchAll(re)) {
        if (m.index > last) ordinary(last, m.index);
        special(this.specialTokens.get(m[0])!, m.index, m.index + m[0].length);
        last = m.index + m[0].length;
      }
    }
    if (last < text.length || text.length === 0) ordinary(last, text.length);
  }

  encode(text: string, options?: EncodeOptions): number[] {
    text = String(text);
    const out: number[] = [];
    this.segments(
      text,
      options,
      (s, e) => this.ordinary(s === 0 && e === text.length ? text : text.slice(s, e), out),
      (id) => out.push(id),
    );
    return out;
  }

  countTokens(text: string, options?: EncodeOptions): number {
    return this.encode(text, options).length;
  }

  // ---- decoding -------------------------------------------------------------------------

  tokenBytes(id: number): Uint8Array {
    const b = this.vocab.bytesOf(id) ?? this.specialBytes.get(id);
    if (!b)
      throw new Error(
        `Unknown token ID ${JSON.stringify(id)}: ${this.name} has no such token (IDs are integers from 0 to ${this.nVocab - 1}).`,
      );
    return b.slice();
  }

  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const b = this.vocab.bytesOf(id) ?? this.specialBytes.get(id);
      if (!b) {
        throw new Error(
          `Unknown token ID ${JSON.stringify(id)} at position ${i}: ${this.name} has no such token (IDs are integers from 0 to ${this.nVocab - 1}).`,
        );
      }
      parts.push(b);
      total += b.length;
    }
    const out = new Uint8Array(total);
    let p = 0;
    for (const b of parts) {
      out.set(b, p);
      p += b.length;
    }
    return out;
  }

  decode(ids: ArrayLike<number>): string {
    return decoder.decode(this.decodeBytes(ids));
  }

  rank(bytes: Uint8Array): number | undefined {
    const r = this.vocab.rankOf(bytes, 0, bytes.length);
    return r < 0 ? undefined : r;
  }

  isSpecial(id: number): boolean {
    return this.specialBytes.has(id);
  }

  // ---- inspection -----------------------------------------------------------------------

  split(text: string): Piece[] {
    text = String(text);
    const norm = this.normalizer ? normalizeWithOffsets(text, this.normalizer) : undefined;
    const t = norm ? norm.text : text;
    const n = this.toBytes(t);
    const count = this.scan(t, n);
    const map = byteToUtf16(t, n);
    const pieces: Piece[] = [];
    let s = 0;
    for (let k = 0; k < count; k++) {
      const e = this.ends[k];
      const start = map.unitStart[s],
        end = e === n ? t.length : map.unitStart[e];
      if (norm) pieces.push({ text: t.slice(start, end), start: norm.from[start], end: norm.to[end - 1] });
      else pieces.push({ text: t.slice(start, end), start, end });
      s = e;
    }
    return pieces;
  }

  encodeDetailed(text: string, options?: EncodeOptions): DetailedToken[] {
    text = String(text);
    const out: DetailedToken[] = [];
    this.segments(
      text,
      options,
      (s, e) => this.detailChunk(text.slice(s, e), s, out),
      (id, start, end) => out.push({ id, bytes: this.tokenBytes(id), start, end, special: true }),
    );
    return out;
  }

  private detailChunk(original: string, offset: number, out: DetailedToken[]): void {
    // With a normalizer, the tokens are of the normalized text; `norm` maps its units back.
    const norm: NormalizedText | undefined = this.normalizer
      ? normalizeWithOffsets(original, this.normalizer)
      : undefined;
    const text = norm ? norm.text : original;
    const ids: number[] = [];
    this.encodeChunk(text, ids);
    const n = this.toBytes(text);
    const map = byteToUtf16(text, n);
    let bs = 0;
    for (const id of ids) {
      const bytes = this.tokenBytes(id);
      const be = bs + bytes.length;
      const first = map.charStart[bs],
        firstLen = map.charLength[bs];
      const lastC = map.charStart[be - 1],
        lastLen = map.charLength[be - 1];
      const startUnit = map.unitStart[first],
        endUnit = map.unitStart[lastC] + map.unitLength[lastC];
      const token: DetailedToken = {
        id,
        bytes,
        start: offset + (norm ? norm.from[startUnit] : startUnit),
        end: offset + (norm ? norm.to[endUnit - 1] : endUnit),
        special: false,
      };
      const partial: PartialChar[] = [];
      const charText = (c: number) => text.slice(map.unitStart[c], map.unitStart[c] + map.unitLength[c]);
      if (bs > first || be < first + firstLen) {
        partial.push({
          char: charText(first),
          byteStart: bs - first,
          byteEnd: Math.min(be, first + firstLen) - first,
          byteLength: firstLen,
        });
      }
      if (lastC !== first && be < lastC + lastLen) {
        partial.push({ char: charText(lastC), byteStart: 0, byteEnd: be - lastC, byteLength: lastLen });
      }
      if (partial.length) token.partial = partial;
      out.push(token);
      bs = be;
    }
  }

  mergeTrace(piece: string | Uint8Array): MergeTrace {
    const bytes = typeof piece === "string" ? encoder.encode(piece) : Uint8Array.from(piece);
    if (this.merges) return this.mergeTraceByList(bytes, this.merges);
    const { vocab } = this;
    const parts: [number, number][] = [];
    for (let i = 0; i < bytes.length; i++) parts.push([i, i + 1]);
    const steps: MergeStep[] = [];
    for (;;) {
      let min = Infinity,
        at = -1;
      for (let k = 0; k + 1 < parts.length; k++) {
        const r = vocab.rankOf(bytes, parts[k][0], parts[k + 1][1]);
        if (r >= 0 && r < min) {
          min = r;
          at = k;
        }
      }
      if (at < 0) break;
      parts.splice(at, 2, [parts[at][0], parts[at + 1][1]]);
      steps.push({ index: at, rank: min, parts: parts.map(([s, e]) => bytes.slice(s, e)) });
    }
    const whole = bytes.length ? vocab.rankOf(bytes, 0, bytes.length) : -1;
    const ids = whole >= 0 ? [whole] : parts.map(([s, e]) => vocab.rankOf(bytes, s, e));
    const trace: MergeTrace = { bytes, steps, ids };
    if (whole >= 0) trace.wholePiece = whole;
    return trace;
  }

  /** `mergeTrace` by Hugging Face's rule: the earliest listed adjacent pair, leftmost on ties. */
  private mergeTraceByList(bytes: Uint8Array, merges: MergeList): MergeTrace {
    const { vocab } = this;
    const parts: [number, number][] = [];
    const tok: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      parts.push([i, i + 1]);
      tok.push(vocab.byteRank[bytes[i]]);
    }
    const steps: MergeStep[] = [];
    for (;;) {
      let min = Infinity,
        at = -1;
      for (let k = 0; k + 1 < parts.length; k++) {
        const p = merges.position(tok[k], tok[k + 1]);
        if (p >= 0 && p < min) {
          min = p;
          at = k;
        }
      }
      if (at < 0) break;
      const made = merges.made(tok[at], tok[at + 1]);
      parts.splice(at, 2, [parts[at][0], parts[at + 1][1]]);
      tok.splice(at, 2, made);
      steps.push({ index: at, rank: made, merge: min, parts: parts.map(([s, e]) => bytes.slice(s, e)) });
    }
    const whole = this.wholePieces && bytes.length ? vocab.rankOf(bytes, 0, bytes.length) : -1;
    const trace: MergeTrace = { bytes, steps, ids: whole >= 0 ? [whole] : tok };
    if (whole >= 0) trace.wholePiece = whole;
    return trace;
  }
}

/**
 * For each byte offset of the UTF-8 form of `text`: where its character starts (in bytes),
 * that character's byte length, and for each character start, its UTF-16 offset and length.
 */
function byteToUtf16(text: string, n: number) {
  const charStart = new Int32Array(n + 1);
  const charLength = new Int32Array(n + 1);
  const unitStart = new Int32Array(n + 1);
  const unitLength = new Int32Array(n + 1);
  let b = 0;
  for (let u = 0; u < text.length;) {
    const bytes = utf8CharLength(text, u),
      units = bytes === 4 ? 2 : 1; // a lone surrogate: U+FFFD, 3 bytes
    for (let k = 0; k < bytes; k++) {
      charStart[b + k] = b;
      charLength[b + k] = bytes;
    }
    unitStart[b] = u;
    unitLength[b] = units;
    b += bytes;
    u += units;
  }
  unitStart[n] = text.length;
  charStart[n] = n;
  return { charStart, charLength, unitStart, unitLength };
}
