/**
 * SentencePiece-style BPE tokenizers (Llama 2, Gemma 3) as Hugging Face `tokenizer.json`
 * files describe them, run exactly as `@lenml/tokenizers` (transformers.js's tokenizer code)
 * runs them. Pure TypeScript; the caller reads and parses the file.
 *
 *   const model = sentencePieceBpe(JSON.parse(fileText), {name: "llama2"});  // sentencepiece-json.ts
 *   const enc = new SentencePieceEncoding(model);  // or sentencePieceEncoding(json, {name})
 *   enc.encode("Hello world")                      // [22557, 1526]
 *
 * How this differs from tiktoken's byte-level BPE (core/bpe.ts):
 * - the text is first cut around added tokens (leftmost, longest first); every stretch in
 *   between is normalized on its own: Llama 2 prepends "▁" to each stretch and turns every
 *   space into "▁"; Gemma 3 only turns spaces into "▁";
 * - there is no split regex: each normalized stretch is one piece (Gemma 3's Split on " "
 *   can never fire, as no space is left after its normalizer);
 * - merging starts from characters (code points), not bytes, and follows the merge list:
 *   the adjacent pair listed earliest merges first (its "rank" is its index in the list),
 *   the leftmost on ties. The merged token's ID is whatever ID the vocabulary gives it;
 * - a character left over that is not a token becomes its UTF-8 bytes, one token each
 *   (`<0xE9>` ...): byte fallback.
 *
 * Worked example (in the style of karpathy/minbpe), a made-up Llama-2-like vocabulary:
 *
 *   ID 0 <unk>, 1 <s>, 2 </s>, 3..258 the bytes <0x00>..<0xFF> (byte b is ID 3 + b),
 *   259 "▁", 260 "h", 261 "u", 262 "g", 263 "s", 264 "ug", 265 "▁h", 266 "▁hug"
 *   merges, by rank:  0: "u" "g" → "ug"    1: "▁" "h" → "▁h"    2: "▁h" "ug" → "▁hug"
 *
 *   text "hugs 鬱"
 *   normalize (prepend "▁", spaces → "▁"):   "▁hugs▁鬱"
 *   characters:           ▁  h  u  g  s  ▁  鬱      pairs with a rank: ▁h (1), ug (0)
 *   merge rank 0 (ug):    ▁  h  ug s  ▁  鬱         pairs with a rank: ▁h (1)
 *   merge rank 1 (▁h):    ▁h ug s  ▁  鬱            pairs with a rank: ▁h+ug (2)
 *   merge rank 2 (▁hug):  ▁hug s  ▁  鬱             no pair has a rank: done
 *   tokens: "▁hug" 266, "s" 263, "▁" 259, and "鬱" is no token: its UTF-8 bytes e9 ac b1
 *   become <0xE9> <0xAC> <0xB1> = 236, 175, 180 (each "bytes k–k of 3 of 鬱" in encodeDetailed)
 *   → [266, 263, 259, 236, 175, 180]
 *   decode: "▁" → " ", byte tokens joined and read as UTF-8, one leading space stripped
 *   (Llama 2's decoder) → "hugs 鬱"
 *
 * (tests/engine/sentencepiece.test.ts runs this example through both this module and
 * @lenml/tokenizers.)
 *
 * How the `Encoding` interface maps onto such a model:
 * - `name`: the caller's (`options.name`, e.g. "llama2", "gemma3");
 * - `nVocab`: one more than the largest ID, vocabulary or added token (Llama 2 32,000;
 *   Gemma 3 262,145, as `<image_soft_token>` 262,144 is an added token outside the vocabulary);
 * - `specialTokens`: the added tokens marked `special` (Llama 2: <unk>, <s>, </s>; Gemma 3:
 *   <pad>, <eos>, <bos>, <unk>, <start_of_turn>, ...). They follow tiktoken's rules:
 *   `encode` throws on their text unless allowed, `encodeOrdinary` reads it as plain text;
 * - added tokens that are not special (Gemma 3's "\n", "\n\n", "<table>", "<unused0>", ...)
 *   are ordinary tokens that Hugging Face always cuts out of the text before the model runs:
 *   `encode` and `encodeOrdinary` both do, `isSpecial` is false for them;
 * - token bytes: a token's text with "▁" read as a space (what the decoder does), a byte
 *   token `<0xE9>` is the single byte e9, an added token is its text (with "▁" as a space).
 *   So " Hello" is the bytes of "▁Hello", as in tiktoken's " Hello";
 * - `rank(bytes)` is the ID of the ordinary token with these bytes (spaces read as "▁"; a
 *   single byte that is no character's token is its byte token), not a merge rank;
 * - `split(text)`: the pieces the model merges, after added tokens are cut out (as
 *   `encodeOrdinary` cuts them) and after normalization: `text` is the normalized piece
 *   ("▁Hello▁world"), `start`/`end` its span in the original text;
 * - `mergeTrace(piece)`: a piece as `split` gives it (a space is read as "▁"; nothing is
 *   prepended). `MergeStep.rank` is the merge's rank (its index in the merge list, which
 *   decides the order), not the merged token's ID. `ids` include byte fallback, so there
 *   can be more IDs than parts. `wholePiece` is set only when the piece is a non-special
 *   added token (which HF takes whole); BPE has no whole-word shortcut here (`ignore_merges`
 *   is off in both files);
 * - `encodeDetailed`: `start`/`end` are UTF-16 offsets into the original text. The "▁" that
 *   Llama 2 prepends covers no text: a token "▁Hello" at the start spans just "Hello", and a
 *   lone prepended "▁" token has `start === end`. A byte token covers its whole character
 *   and has `partial` ("bytes 1–1 of 3 of 鬱");
 * - `decode(ids)` is exactly the reference's `decode(ids)` (skip_special_tokens false):
 *   "▁" → " ", runs of byte tokens read as UTF-8 by a default `TextDecoder` (invalid bytes
 *   → U+FFFD, a BOM at the start of a run dropped), then Llama 2 strips one leading space.
 *   `decodeBytes(ids)` is the lossless form: the tokens' bytes joined, the same leading space
 *   stripped, so `decode(ids)` is its UTF-8 reading whenever the byte runs are valid UTF-8
 *   not starting with a BOM.
 * - `spec`: a `SentencePieceSpec`. Its pattern is `[\s\S]+` (one piece per stretch between
 *   added tokens) and its notes say what the pipeline does; `vocab` is the caller's file and
 *   hash; `tokenizerJson` the file without its vocabulary and merges.
 *
 * The modules: the file's reader (`sentencepiece-json.ts`, which says what it refuses), the
 * normalization (`sentencepiece-normalize.ts`), the added tokens' trie (`added-tokens.ts`), the
 * merge list (`merges.ts`, shared with byte-level models), special-token rules (`core/special.ts`)
 * and this file, the `Encoding`. Merging is a linked list plus the core's heap with lazy
 * deletion (`core/heap.ts`): O(n log n) per piece, so a megabyte of one repeated character is
 * one piece and costs linear-ish time.
 */
import { heapify, heapPop, heapPush, KEY_SHIFT, NO_MERGE } from "../core/heap.js";
import { SpecialTokenRules } from "../core/special.js";
import { codePointUtf8 } from "../core/utf8.js";
import type {
  DetailedToken,
  EncodeOptions,
  Encoding,
  MergeStep,
  MergeTrace,
  PartialChar,
  Piece,
  SentencePieceSpec,
} from "../types.js";
import { AddedTokenTrie } from "./added-tokens.js";
import {
  sentencePieceBpe,
  SPACE_MARK,
  type SentencePieceBpe,
  type SentencePieceJson,
  type SentencePieceOptions,
} from "./sentencepiece-json.js";
import { compileNormalizer, symbolText, toSymbols, type Symbols } from "./sentencepiece-normalize.js";

const utf8 = new TextEncoder();
const fatalUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder("utf-8", { ignoreBOM: true });
/** The reference's ByteFallback decoder: a default TextDecoder (invalid bytes → U+FFFD, a leading BOM dropped). */
const byteRunUtf8 = new TextDecoder();

/** `new SentencePieceEncoding(sentencePieceBpe(json, options))`. */
export function sentencePieceEncoding(
  json: SentencePieceJson,
  options: SentencePieceOptions = {},
): SentencePieceEncoding {
  return new SentencePieceEncoding(sentencePieceBpe(json, options));
}

export class SentencePieceEncoding implements Encoding {
  readonly name: string;
  readonly nVocab: number;
  readonly spec: SentencePieceSpec;
  readonly specialTokens: ReadonlyMap<string, number>;
  private readonly specialIds = new Set<number>();
  private readonly addedIds = new Map<string, number>();
  private readonly rules: SpecialTokenRules;
  private readonly trie: AddedTokenTrie;
  /** The normalized symbols of `text[s..e)`. */
  private readonly normalize: (text: string, s: number, e: number) => Symbols;

  constructor(readonly model: SentencePieceBpe) {
    this.name = model.name;
    this.nVocab = model.nVocab;
    const special: Record<string, number> = {};
    for (const t of model.added) {
      this.addedIds.set(t.content, t.id);
      if (t.special) {
        special[t.content] = t.id;
        this.specialIds.add(t.id);
      }
    }
    this.specialTokens = new Map(Object.entries(special));
    this.rules = new SpecialTokenRules(this.specialTokens, this.name);
    this.trie = new AddedTokenTrie(model.added);
    this.normalize = compileNormalizer(model.normalizer);
    const steps = model.normalizer.map((s) =>
      s.kind === "prepend"
        ? `prepend ${JSON.stringify(s.text)}`
        : `replace ${JSON.stringify(s.from)} with ${JSON.stringify(s.to)}`,
    );
    this.spec = {
      kind: "sentencepiece",
      name: model.name,
      vocab: model.vocab,
      pattern: String.raw`[\s\S]+`,
      jsPattern: String.raw`[\s\S]+`,
      jsPatternNotes: [
        "SentencePiece-style BPE (sentencepiece.ts), not a tiktoken encoding: no split regex.",
        "Added tokens are cut out of the text first (leftmost, longest); each stretch between them is one piece.",
        `Each stretch is normalized: ${steps.join(", then ") || "nothing"}.`,
        `Merging starts from characters and follows the ${model.mergeCount.toLocaleString("en")} merges' order; characters that are no token become byte tokens.`,
      ],
      specialTokens: special,
      nVocab: model.nVocab,
      tokenizerJson: model.tokenizerJson,
    };
  }

  // ---- cutting the text ------------------------------------------------------------------

  /**
   * Check the special-token rules (`core/special.ts`), then cut `text` at added tokens (every
   * non-special one and the allowed special ones), leftmost and longest first, as HF's
   * DictionarySplitter does (`added-tokens.ts`).
   */
  private segments(
    text: string,
    options: EncodeOptions | undefined,
    ordinary: (start: number, end: number) => void,
    addedToken: (id: number, start: number, end: number) => void,
    checkRules = true,
  ): void {
    const allowed = checkRules ? this.rules.allowedIn(text, options) : undefined;
    const allowedIds = new Set<number>();
    if (allowed) for (const t of allowed) allowedIds.add(this.specialTokens.get(t)!);
    this.trie.cut(text, (id) => !this.specialIds.has(id) || allowedIds.has(id), ordinary, addedToken);
  }

  // ---- merging ---------------------------------------------------------------------------

  /**
   * Merge `tok[0..n)` (token IDs, -1 for a character that is no token) in place: lowest
   * rank first, leftmost on ties. Returns `next`: the parts are i = 0, next[i], ... < n,
   * part i spanning symbols i .. next[i] - 1 and being the token tok[i]. `rank[i]` is the list
   * position of part i's pair with its successor (NO_MERGE: not listed; -1: part i is gone).
   */
  private merge(tok: Int32Array, n: number): Int32Array {
    const merges = this.model.merges,
      madeAt = merges.madeAt;
    const next = new Int32Array(n),
      prev = new Int32Array(n),
      rank = new Int32Array(n);
    let heap = new Float64Array(Math.max(16, n));
    let size = 0;
    for (let i = 0; i < n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
      const r = i + 1 < n ? merges.key(tok[i], tok[i + 1]) : NO_MERGE;
      rank[i] = r;
      if (r !== NO_MERGE) heap[size++] = r * KEY_SHIFT + i;
    }
    heapify(heap, size);
    /** Recompute the pair starting at part i. */
    const update = (i: number) => {
      const j = next[i];
      const r = j < n ? merges.key(tok[i], tok[j]) : NO_MERGE;
      rank[i] = r;
      if (r !== NO_MERGE) heap = heapPush(heap, size++, r * KEY_SHIFT + i);
    };
    while (size > 0) {
      const key = heapPop(heap, size--);
      const r = Math.floor(key / KEY_SHIFT);
      const i = key - r * KEY_SHIFT;
      if (rank[i] !== r) continue; // stale: the part changed or is gone
      const j = next[i],
        k = next[j];
      tok[i] = madeAt[r];
      next[i] = k;
      if (k < n) prev[k] = i;
      rank[j] = -1;
      update(i);
      if (prev[i] >= 0) update(prev[i]);
    }
    return next;
  }

  /** Encode the ordinary stretch `text[s..e)`; append IDs to `out` and, when given, details to `detail`. */
  private section(text: string, s: number, e: number, out: number[], detail?: DetailedToken[]): void {
    if (s === e) return;
    const sym = this.normalize(text, s, e);
    const n = sym.n;
    const { charIds, byteIds } = this.model;
    const tok = new Int32Array(n);
    for (let i = 0; i < n; i++) tok[i] = charIds.get(sym.cp[i]) ?? -1;
    const next = this.merge(tok, n);
    for (let i = 0; i < n; i = next[i]) {
      const id = tok[i];
      if (id >= 0) {
        out.push(id);
        if (detail)
          detail.push({ id, bytes: this.tokenBytes(id), start: sym.os[i], end: sym.oe[next[i] - 1], special: false });
        continue;
      }
      // Byte fallback: a single character that is no token.
      const bytes = codePointUtf8(sym.cp[i]);
      for (let b = 0; b < bytes.length; b++) {
        const byteId = byteIds[bytes[b]];
        out.push(byteId);
        if (detail) {
          const token: DetailedToken = {
            id: byteId,
            bytes: this.tokenBytes(byteId),
            start: sym.os[i],
            end: sym.oe[i],
            special: false,
          };
          if (bytes.length > 1) {
            // (A lone surrogate is its own char: String.fromCodePoint(0xd800) is "\ud800".)
            const char = String.fromCodePoint(sym.cp[i]);
            const partial: PartialChar = { char, byteStart: b, byteEnd: b + 1, byteLength: bytes.length };
            token.partial = [partial];
          }
          detail.push(token);
        }
      }
    }
  }

  // ---- Encoding -----------------------------------------------------------------------------

  encode(text: string, options?: EncodeOptions): number[] {
    text = String(text);
    const out: number[] = [];
    this.segments(
      text,
      options,
      (s, e) => this.section(text, s, e, out),
      (id) => out.push(id),
    );
    return out;
  }

  encodeOrdinary(text: string): number[] {
    text = String(text);
    const out: number[] = [];
    this.segments(
      text,
      undefined,
      (s, e) => this.section(text, s, e, out),
      (id) => out.push(id),
      false,
    );
    return out;
  }

  countTokens(text: string, options?: EncodeOptions): number {
    return this.encode(text, options).length;
  }

  encodeDetailed(text: string, options?: EncodeOptions): DetailedToken[] {
    text = String(text);
    const out: DetailedToken[] = [];
    const ids: number[] = [];
    this.segments(
      text,
      options,
      (s, e) => this.section(text, s, e, ids, out),
      (id, start, end) => out.push({ id, bytes: this.tokenBytes(id), start, end, special: this.specialIds.has(id) }),
    );
    return out;
  }

  split(text: string): Piece[] {
    text = String(text);
    const pieces: Piece[] = [];
    const piece = (s: number, e: number) => {
      pieces.push({ text: symbolText(this.normalize(text, s, e)), start: s, end: e });
    };
    this.segments(
      text,
      undefined,
      piece,
      (_id, s, e) => pieces.push({ text: text.slice(s, e), start: s, end: e }),
      false,
    );
    return pieces;
  }

  private hasToken(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.nVocab && this.model.length[id] >= 0;
  }

  private unknownId(id: number, at?: number): Error {
    const where = at === undefined ? "" : ` at position ${at}`;
    return new Error(
      `Unknown token ID ${JSON.stringify(id)}${where}: ${this.name} has no such token (IDs are integers from 0 to ${this.nVocab - 1}).`,
    );
  }

  tokenBytes(id: number): Uint8Array {
    if (!this.hasToken(id)) throw this.unknownId(id);
    const { pool, start, length } = this.model;
    return pool.slice(start[id], start[id] + length[id]);
  }

  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    const { pool, start, length } = this.model;
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      if (!this.hasToken(ids[i])) throw this.unknownId(ids[i], i);
      total += length[ids[i]];
    }
    const out = new Uint8Array(total);
    for (let i = 0, p = 0; i < ids.length; i++) {
      out.set(pool.subarray(start[ids[i]], start[ids[i]] + length[ids[i]]), p);
      p += length[ids[i]];
    }
    const strip = this.model.decoder.strip;
    if (!strip) return out;
    const c = strip.content.charCodeAt(0);
    let a = 0,
      b = out.length;
    for (let i = 0; i < strip.start && a < b && out[a] === c; i++) a++;
    for (let i = 0; i < strip.stop && b > a && out[b - 1] === c; i++) b--;
    return out.slice(a, b);
  }

  /** Exactly @lenml/tokenizers' decode (skip_special_tokens false, no clean-up). */
  decode(ids: ArrayLike<number>): string {
    const { pieces, decoder } = this.model;
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      if (!this.hasToken(ids[i])) throw this.unknownId(ids[i], i);
      tokens.push(pieces[ids[i]]!.replaceAll(decoder.replaceFrom, decoder.replaceTo));
    }
    // ByteFallback: runs of "<0xHH>" tokens become text, read by a default TextDecoder.
    let text = "";
    let run: number[] = [];
    const flush = () => {
      if (run.length) text += byteRunUtf8.decode(Uint8Array.from(run));
      run = [];
    };
    for (const t of tokens) {
      const byte = t.length === 6 && t.startsWith("<0x") && t.endsWith(">") ? parseInt(t.slice(3, 5), 16) : NaN;
      if (!Number.isNaN(byte)) run.push(byte);
      else {
        flush();
        text += t;
      }
    }
    flush();
    // Strip, on the fused text.
    const strip = decoder.strip;
    if (strip) {
      let a = 0,
        b = text.length;
      for (let i = 0; i < strip.start; i++) {
        if (text[i] === strip.content) a = i + 1;
        else break;
      }
      for (let i = 0; i < strip.stop; i++) {
        const k = text.length - i - 1;
        if (text[k] === strip.content) b = k;
        else break;
      }
      text = text.slice(a, b);
    }
    return text;
  }

  rank(bytes: Uint8Array): number | undefined {
    let text: string | undefined;
    try {
      text = fatalUtf8.decode(bytes);
    } catch {
      text = undefined;
    }
    if (text) {
      const id = this.model.ids.get(text.replaceAll(" ", SPACE_MARK));
      if (id !== undefined && !this.specialIds.has(id)) return id;
    }
    return bytes.length === 1 ? this.model.byteIds[bytes[0]] : undefined;
  }

  isSpecial(id: number): boolean {
    return this.specialIds.has(id);
  }

  mergeTrace(piece: string | Uint8Array): MergeTrace {
    const text = (typeof piece === "string" ? piece : lenientUtf8.decode(Uint8Array.from(piece))).replaceAll(
      " ",
      SPACE_MARK,
    );
    const { charIds, byteIds, merges } = this.model;
    const sym = toSymbols(text, 0, text.length);
    // Each part: [first symbol, end symbol, token ID or -1].
    const parts: [number, number, number][] = [];
    for (let i = 0; i < sym.n; i++) parts.push([i, i + 1, charIds.get(sym.cp[i]) ?? -1]);
    const partBytes = ([s, e, id]: [number, number, number]): Uint8Array =>
      id >= 0 ? this.tokenBytes(id) : Uint8Array.from(e - s === 1 ? codePointUtf8(sym.cp[s]) : []);
    const steps: MergeStep[] = [];
    for (;;) {
      let best = NO_MERGE,
        at = -1;
      for (let k = 0; k + 1 < parts.length; k++) {
        const r = merges.key(parts[k][2], parts[k + 1][2]);
        if (r < best) {
          best = r;
          at = k;
        }
      }
      if (at < 0) break;
      parts.splice(at, 2, [parts[at][0], parts[at + 1][1], merges.madeAt[best]]);
      steps.push({ index: at, rank: best, parts: parts.map(partBytes) });
    }
    const bytes = utf8.encode(text.replaceAll(SPACE_MARK, " "));
    const whole = this.addedIds.get(text);
    if (whole !== undefined && !this.specialIds.has(whole)) return { bytes, steps, ids: [whole], wholePiece: whole };
    const ids: number[] = [];
    for (const p of parts) {
      if (p[2] >= 0) ids.push(p[2]);
      else for (const b of codePointUtf8(sym.cp[p[0]])) ids.push(byteIds[b]);
    }
    return { bytes, steps, ids };
  }
}
