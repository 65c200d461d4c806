/**
 * SentencePiece-style BPE tokenizers (Llama 2, Gemma 3) as Hugging Face `tokenizer.json`
 * files describe them, run exactly as `@lenml/tokenizers` (transformers.js's tokenizer code)
 * runs them. Pure TypeScript; the caller reads and parses the file.
 *
 *   const model = sentencePieceBpe(JSON.parse(fileText), {name: "llama2"});
 *   const enc = new SentencePieceEncoding(model);  // or sentencePieceEncoding(json, {name})
 *   enc.encode("Hello world")                      // [22557, 1526]
 *
 * How this differs from tiktoken's byte-level BPE (bpe.ts):
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
 * - `spec`: descriptive. Its pattern is `[\s\S]+` (one piece per stretch between added
 *   tokens) and its notes say what the pipeline does; `vocab` is the caller's file and hash.
 *
 * Refused (with a message naming what): other model types, dropout, word suffixes/prefixes,
 * `ignore_merges`, BPE without byte fallback or with missing byte tokens, merges naming
 * pieces that are not tokens, normalizers other than Prepend / Replace(String) / Sequence,
 * pre-tokenizers other than a Split on a string that the normalizer has removed, added tokens
 * with lstrip / rstrip / single_word / normalized, added tokens whose text is another ID's
 * token, decoders other than Replace("▁" → " "), ByteFallback, Fuse[, Strip], and the
 * tokenizer_config.json settings `legacy: false` (LlamaTokenizer), `remove_space`,
 * `do_lowercase_and_remove_accent` and `clean_up_tokenization_spaces` when passed in
 * `options.config`.
 *
 * Merging is a linked list plus a binary heap with lazy deletion: O(n log n) per piece, so a
 * megabyte of one repeated character is one piece and costs linear-ish time (`work` counts
 * the heap operations).
 */
import { disallowedError, resolveSpecial } from "../core/special.js";
import type { DetailedToken, EncodeOptions, Encoding, EncodingSpec, MergeStep, MergeTrace, PartialChar, Piece, VocabRef } from "../types.js";

// ---- the tokenizer.json shapes read here ------------------------------------------------

type Pattern = { String?: string; Regex?: string };
type NormalizerJson = { type: string; prepend?: string; pattern?: Pattern; content?: string; normalizers?: NormalizerJson[] } | null;
type PreTokenizerJson = { type: string; pattern?: Pattern; behavior?: string; invert?: boolean; pretokenizers?: PreTokenizerJson[] } | null;
type DecoderJson = { type: string; pattern?: Pattern; content?: string; start?: number; stop?: number; decoders?: DecoderJson[] } | null;

export interface SentencePieceJson {
  normalizer: NormalizerJson;
  pre_tokenizer: PreTokenizerJson;
  model: {
    type: string;
    vocab: Record<string, number>;
    merges: (string | [string, string])[];
    unk_token?: string | null;
    byte_fallback?: boolean;
    fuse_unk?: boolean;
    ignore_merges?: boolean;
    dropout?: number | null;
    continuing_subword_prefix?: string | null;
    end_of_word_suffix?: string | null;
    continuing_subword_suffix?: string | null;
  };
  added_tokens: { id: number; content: string; special: boolean; lstrip?: boolean; rstrip?: boolean; single_word?: boolean; normalized?: boolean }[];
  decoder: DecoderJson;
}

/** The tokenizer_config.json settings that change how @lenml/tokenizers encodes or decodes. */
export interface SentencePieceConfig {
  tokenizer_class?: string;
  legacy?: boolean;
  remove_space?: boolean;
  do_lowercase_and_remove_accent?: boolean;
  clean_up_tokenization_spaces?: boolean;
}

export interface SentencePieceOptions {
  /** The encoding's name, e.g. "llama2" (default "sentencepiece"). */
  name?: string;
  /** Which file this is, for `spec.vocab` (default `{file: "tokenizer.json", sha256: ""}`). */
  vocab?: VocabRef;
  /** The model's tokenizer_config.json, to refuse settings this module does not implement. */
  config?: SentencePieceConfig;
}

/** One normalizer step, on code points. */
export type NormalizerStep = { kind: "prepend"; text: string } | { kind: "replace"; from: string; to: string };

/**
 * The compact form of a SentencePiece-style BPE file: token bytes by ID, the merge table,
 * the normalizer, the added tokens and the decoder's settings.
 */
export interface SentencePieceBpe {
  name: string;
  vocab: VocabRef;
  /** One more than the largest ID. */
  nVocab: number;
  /** Each ID's text as the file writes it ("▁Hello", "<0xE9>", "<bos>"), or undefined for a hole. */
  pieces: (string | undefined)[];
  /** Token text → ID: the vocabulary with the added tokens over it (HF's `tokens_to_ids`). */
  ids: Map<string, number>;
  /** Each ID's bytes (see the module comment), `pool[start[id] .. start[id] + length[id])`; length -1 for a hole. */
  pool: Uint8Array;
  start: Int32Array;
  length: Int32Array;
  /** The token of each single-code-point text, by code point. */
  charIds: Map<number, number>;
  /** ID of the byte token of each byte (`<0x00>` ... `<0xFF>`). */
  byteIds: Int32Array;
  /** Merge table: open addressing on (left ID, right ID) → rank (merge-list index) and merged ID. */
  merges: MergeTable;
  /** Number of merges in the file. */
  mergeCount: number;
  unk: number | undefined;
  normalizer: NormalizerStep[];
  /** Added tokens in file order. */
  added: { content: string; id: number; special: boolean }[];
  /** The decoder: "▁" (`replaceFrom`) becomes " " (`replaceTo`), then byte fallback, fuse, and an optional strip. */
  decoder: { replaceFrom: string; replaceTo: string; strip?: { content: string; start: number; stop: number } };
}

/** Pairs (a, b) of token IDs → merge rank and merged ID, by open addressing. */
export interface MergeTable {
  mask: number;
  left: Int32Array; // -1: empty slot
  right: Int32Array;
  rank: Int32Array;
  merged: Int32Array;
}

const SPACE_MARK = "▁";
const utf8 = new TextEncoder();
const fatalUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder("utf-8", { ignoreBOM: true });
/** The reference's ByteFallback decoder: a default TextDecoder (invalid bytes → U+FFFD, a leading BOM dropped). */
const byteRunUtf8 = new TextDecoder();

function slotOf(t: MergeTable, a: number, b: number): number {
  let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
  h = (h ^ (h >>> 15)) & t.mask;
  for (;;) {
    const l = t.left[h];
    if (l === -1) return ~h; // not found: ~slot where it would go
    if (l === a && t.right[h] === b) return h;
    h = (h + 1) & t.mask;
  }
}

/** The merge slot of the pair (a, b), or -1. */
function findMerge(t: MergeTable, a: number, b: number): number {
  if (a < 0 || b < 0) return -1;
  const s = slotOf(t, a, b);
  return s >= 0 ? s : -1;
}

/** Read a SentencePiece-style BPE `tokenizer.json` (parsed); throws a plain message for anything else. */
export function sentencePieceBpe(json: SentencePieceJson, options: SentencePieceOptions = {}): SentencePieceBpe {
  const fail = (why: string): never => {
    throw new Error(`Not a SentencePiece-style BPE tokenizer this engine reads exactly: ${why}.`);
  };
  const m = json?.model;
  if (m?.type !== "BPE") fail(`the model is ${m?.type}, not BPE`);
  if (m.dropout) fail("it uses BPE dropout");
  if (m.continuing_subword_prefix || m.end_of_word_suffix || m.continuing_subword_suffix) fail("it uses word prefixes or suffixes");
  if (m.ignore_merges) fail("ignore_merges is on (whole words in the vocabulary skip merging), which is not implemented");
  if (!m.byte_fallback) fail("it has no byte fallback");
  const cfg = options.config ?? {};
  if (cfg.tokenizer_class?.replace(/Fast$/, "") === "LlamaTokenizer" && cfg.legacy === false) fail("its config sets legacy: false, which replaces the normalizer with a Metaspace pre-tokenizer");
  if (cfg.remove_space) fail("its config sets remove_space");
  if (cfg.do_lowercase_and_remove_accent) fail("its config sets do_lowercase_and_remove_accent");
  if (options.config && cfg.clean_up_tokenization_spaces !== false) fail("its config does not turn clean_up_tokenization_spaces off");

  // Token texts and IDs: the vocabulary, then the added tokens over it.
  const ids = new Map<string, number>();
  let maxId = -1;
  for (const [text, id] of Object.entries(m.vocab)) {
    if (!Number.isInteger(id) || id < 0) fail(`the token ${JSON.stringify(text)} has ID ${id}`);
    ids.set(text, id);
    if (id > maxId) maxId = id;
  }
  const pieces: (string | undefined)[] = new Array(maxId + 1);
  for (const [text, id] of ids) {
    if (pieces[id] !== undefined) fail(`ID ${id} is both ${JSON.stringify(pieces[id])} and ${JSON.stringify(text)}`);
    pieces[id] = text;
  }
  const added: SentencePieceBpe["added"] = [];
  const addedTexts = new Set<string>();
  for (const t of json.added_tokens ?? []) {
    const what = `the added token ${JSON.stringify(t.content)}`;
    if (!t.content) fail(`an added token (ID ${t.id}) is empty`);
    if (t.lstrip || t.rstrip || t.single_word) fail(`${what} uses lstrip, rstrip or single_word`);
    if (t.normalized) fail(`${what} is matched after normalization (normalized: true)`);
    if (addedTexts.has(t.content)) fail(`${what} is listed twice`);
    addedTexts.add(t.content);
    const known = ids.get(t.content);
    if (known !== undefined && known !== t.id) fail(`${what} has ID ${t.id}, but the vocabulary gives its text ID ${known}`);
    if (known === undefined && pieces[t.id] !== undefined) fail(`${what} has ID ${t.id}, which is the token ${JSON.stringify(pieces[t.id])}`);
    ids.set(t.content, t.id);
    pieces[t.id] = t.content;
    if (t.id > maxId) maxId = t.id;
    added.push({ content: t.content, id: t.id, special: !!t.special });
  }
  pieces.length = maxId + 1;

  // Byte fallback needs all 256 byte tokens (else HF would emit <unk>, not implemented).
  const byteIds = new Int32Array(256);
  for (let b = 0; b < 256; b++) {
    const id = ids.get(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
    if (id === undefined) fail(`it has no byte token for 0x${b.toString(16)}`);
    byteIds[b] = id!;
  }
  const unk = m.unk_token == null ? undefined : ids.get(m.unk_token);

  // The decoder: Replace("▁" → " "), ByteFallback, Fuse, optional Strip.
  const dec = json.decoder;
  const steps = dec?.type === "Sequence" ? dec.decoders ?? [] : dec ? [dec] : [];
  const [rep, bf, fuse, strip, ...more] = steps;
  if (
    rep?.type !== "Replace" || rep.pattern?.String !== SPACE_MARK || rep.content !== " " ||
    bf?.type !== "ByteFallback" || fuse?.type !== "Fuse" || (strip && (strip.type !== "Strip" || strip.content?.length !== 1 || strip.content.charCodeAt(0) >= 0x80)) || more.length
  ) {
    fail("its decoder is not Replace(\"▁\" → \" \"), ByteFallback, Fuse and an optional Strip of one ASCII character");
  }
  const decoder: SentencePieceBpe["decoder"] = { replaceFrom: SPACE_MARK, replaceTo: " " };
  if (strip) decoder.strip = { content: strip.content!, start: strip.start ?? 0, stop: strip.stop ?? 0 };

  // The normalizer.
  const normalizer: NormalizerStep[] = [];
  const addNormalizer = (n: NormalizerJson): void => {
    if (!n) return;
    if (n.type === "Sequence") for (const x of n.normalizers ?? []) addNormalizer(x);
    else if (n.type === "Prepend" && typeof n.prepend === "string") normalizer.push({ kind: "prepend", text: n.prepend });
    else if (n.type === "Replace" && typeof n.pattern?.String === "string" && typeof n.content === "string") {
      const from = n.pattern.String, to = n.content;
      if (!from || /[\ud800-\udfff]/.test(from) || to.includes("$")) fail(`its Replace normalizer (${JSON.stringify(from)} → ${JSON.stringify(to)}) is empty, has a surrogate or a "$"`);
      normalizer.push({ kind: "replace", from, to });
    } else fail(`its normalizer ${n.type} is not Prepend, Replace of a string, or a Sequence of them`);
  };
  addNormalizer(json.normalizer);

  // The pre-tokenizer: none, or a Split on a string the normalizer has already replaced.
  const pre = json.pre_tokenizer;
  if (pre) {
    const last = normalizer[normalizer.length - 1];
    const s = pre.pattern?.String;
    const neverFires = pre.type === "Split" && !pre.invert && typeof s === "string" && [...s].length === 1 && last?.kind === "replace" && last.from === s && !last.to.includes(s);
    if (!neverFires) {
      fail(`its pre-tokenizer ${pre.type} can split the normalized text (only a Split on a character the normalizer has replaced is read; @lenml/tokenizers runs every Split behavior as Isolated, so it would differ from Hugging Face's tokenizers)`);
    }
  }

  // Token bytes: the text with "▁" as a space; a byte token is its byte.
  const start = new Int32Array(maxId + 1);
  const length = new Int32Array(maxId + 1).fill(-1);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const isByteToken = new Uint8Array(maxId + 1);
  for (let b = 0; b < 256; b++) isByteToken[byteIds[b]] = 1;
  for (let id = 0; id <= maxId; id++) {
    const p = pieces[id];
    if (p === undefined) continue;
    const bytes = isByteToken[id] ? Uint8Array.of(parseInt(p.slice(3, 5), 16)) : utf8.encode(p.replaceAll(SPACE_MARK, " "));
    start[id] = total;
    length[id] = bytes.length;
    chunks.push(bytes);
    total += bytes.length;
  }
  const pool = new Uint8Array(total);
  for (let id = 0, k = 0; id <= maxId; id++) if (length[id] >= 0) pool.set(chunks[k++], start[id]);

  const charIds = new Map<number, number>();
  for (const [text, id] of ids) {
    const cp = text.codePointAt(0)!;
    if (text.length === (cp > 0xffff ? 2 : 1)) charIds.set(cp, id);
  }

  // The merge table. Later duplicates win, as in @lenml/tokenizers' Map.
  const merges = m.merges ?? [];
  let cap = 1024;
  while (cap < merges.length * 2) cap *= 2;
  const table: MergeTable = { mask: cap - 1, left: new Int32Array(cap).fill(-1), right: new Int32Array(cap), rank: new Int32Array(cap), merged: new Int32Array(cap) };
  for (let i = 0; i < merges.length; i++) {
    const x = merges[i];
    let a: string, b: string;
    if (typeof x === "string") {
      const parts = x.split(" ");
      if (parts.length !== 2) fail(`the merge ${JSON.stringify(x)} is not two pieces separated by one space`);
      [a, b] = parts as [string, string];
    } else [a, b] = x;
    const ia = ids.get(a), ib = ids.get(b), im = ids.get(a + b);
    if (ia === undefined || ib === undefined || im === undefined) fail(`the merge ${JSON.stringify(a)} + ${JSON.stringify(b)} names a piece that is not a token`);
    let s = slotOf(table, ia!, ib!);
    if (s < 0) s = ~s;
    table.left[s] = ia!;
    table.right[s] = ib!;
    table.rank[s] = i;
    table.merged[s] = im!;
  }

  return {
    name: options.name ?? "sentencepiece",
    vocab: options.vocab ?? { file: "tokenizer.json", sha256: "" },
    nVocab: maxId + 1,
    pieces,
    ids,
    pool,
    start,
    length,
    charIds,
    byteIds,
    merges: table,
    mergeCount: merges.length,
    unk,
    normalizer,
    added,
    decoder,
  };
}

/** `new SentencePieceEncoding(sentencePieceBpe(json, options))`. */
export function sentencePieceEncoding(json: SentencePieceJson, options: SentencePieceOptions = {}): SentencePieceEncoding {
  return new SentencePieceEncoding(sentencePieceBpe(json, options));
}

// ---- symbols: code points with their span in the original text ---------------------------

/** A stretch of text as code points (a lone surrogate stays itself), each with its UTF-16 span in the original text. */
interface Symbols {
  cp: Int32Array;
  os: Int32Array;
  oe: Int32Array;
  n: number;
}

function toSymbols(text: string, s: number, e: number): Symbols {
  const cap = e - s;
  const cp = new Int32Array(cap), os = new Int32Array(cap), oe = new Int32Array(cap);
  let n = 0;
  for (let u = s; u < e; ) {
    const c = text.charCodeAt(u);
    let v = c, w = 1;
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < e) {
      const d = text.charCodeAt(u + 1);
      if ((d & 0xfc00) === 0xdc00) {
        v = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        w = 2;
      }
    }
    cp[n] = v;
    os[n] = u;
    oe[n] = u + w;
    n++;
    u += w;
  }
  return { cp, os, oe, n };
}

const codePoints = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);

/** Prepend `text`; its characters cover no original text (span `at..at`). */
function prepend(sym: Symbols, cps: number[], at: number): Symbols {
  const k = cps.length, n = sym.n + k;
  const cp = new Int32Array(n), os = new Int32Array(n), oe = new Int32Array(n);
  for (let i = 0; i < k; i++) {
    cp[i] = cps[i];
    os[i] = oe[i] = at;
  }
  cp.set(sym.cp.subarray(0, sym.n), k);
  os.set(sym.os.subarray(0, sym.n), k);
  oe.set(sym.oe.subarray(0, sym.n), k);
  return { cp, os, oe, n };
}

/** Replace every `from` (left to right, not overlapping) by `to`; each new character spans what `from` spanned. */
function replace(sym: Symbols, from: number[], to: number[]): Symbols {
  const m = from.length, k = to.length;
  if (m === 1 && k === 1) {
    const f = from[0], t = to[0], cp = sym.cp;
    for (let i = 0; i < sym.n; i++) if (cp[i] === f) cp[i] = t;
    return sym;
  }
  const cap = sym.n + (k > m ? Math.floor(sym.n / m) * (k - m) : 0);
  const cp = new Int32Array(cap), os = new Int32Array(cap), oe = new Int32Array(cap);
  let n = 0;
  for (let i = 0; i < sym.n; ) {
    let hit = i + m <= sym.n;
    for (let j = 0; hit && j < m; j++) if (sym.cp[i + j] !== from[j]) hit = false;
    if (hit) {
      for (let j = 0; j < k; j++) {
        cp[n] = to[j];
        os[n] = sym.os[i];
        oe[n] = sym.oe[i + m - 1];
        n++;
      }
      i += m;
    } else {
      cp[n] = sym.cp[i];
      os[n] = sym.os[i];
      oe[n] = sym.oe[i];
      n++;
      i++;
    }
  }
  return { cp, os, oe, n };
}

/** UTF-8 of one code point; a lone surrogate is U+FFFD, as `TextEncoder` writes it. */
function utf8Of(cp: number): number[] {
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

// ---- added-token splitting: HF's DictionarySplitter, leftmost and longest ------------------

interface Trie {
  /** Child maps by UTF-16 unit, per node (node 0 is the root). */
  children: Map<number, number>[];
  /** The added token ending at each node, or -1. */
  end: Int32Array;
  /** Units that start some added token. */
  first: Uint8Array;
}

function buildTrie(tokens: { content: string; id: number }[]): Trie {
  const children: Map<number, number>[] = [new Map()];
  const ends: number[] = [-1];
  const first = new Uint8Array(65536);
  for (const { content, id } of tokens) {
    let node = 0;
    first[content.charCodeAt(0)] = 1;
    for (let i = 0; i < content.length; i++) {
      const u = content.charCodeAt(i);
      let next = children[node].get(u);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        ends.push(-1);
        children[node].set(u, next);
      }
      node = next;
    }
    ends[node] = id;
  }
  return { children, end: Int32Array.from(ends), first };
}

const MAX = 0x7fffffff;
const SHIFT = 4294967296;

export class SentencePieceEncoding implements Encoding {
  readonly name: string;
  readonly nVocab: number;
  readonly spec: EncodingSpec;
  readonly specialTokens: ReadonlyMap<string, number>;
  /** Symbols merged plus heap operations (pushes, pops, sift steps) so far: a cost measure for tests. */
  work = 0;
  private readonly specialIds = new Set<number>();
  private readonly addedIds = new Map<string, number>();
  private readonly trie: Trie;
  private readonly steps: ({ kind: "prepend"; cps: number[] } | { kind: "replace"; from: number[]; to: number[] })[];

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
    this.trie = buildTrie(model.added);
    this.steps = model.normalizer.map((s) => (s.kind === "prepend" ? { kind: s.kind, cps: codePoints(s.text) } : { kind: s.kind, from: codePoints(s.from), to: codePoints(s.to) }));
    const steps = model.normalizer.map((s) => (s.kind === "prepend" ? `prepend ${JSON.stringify(s.text)}` : `replace ${JSON.stringify(s.from)} with ${JSON.stringify(s.to)}`));
    this.spec = {
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
    };
  }

  // ---- cutting the text ------------------------------------------------------------------

  /**
   * Check the special-token rules, then cut `text` at added tokens (every non-special one and
   * the allowed special ones), leftmost and longest first, as HF's DictionarySplitter does.
   */
  private segments(
    text: string,
    options: EncodeOptions | undefined,
    ordinary: (start: number, end: number) => void,
    addedToken: (id: number, start: number, end: number) => void,
    checkRules = true,
  ): void {
    let allowed: Set<string> = new Set();
    if (checkRules) {
      const rules = resolveSpecial(this.specialTokens, this.name, options);
      allowed = rules.allowed;
      let at = -1, found = "";
      for (const t of rules.disallowed) {
        const i = text.indexOf(t);
        if (i >= 0 && (at < 0 || i < at || (i === at && t.length > found.length))) {
          at = i;
          found = t;
        }
      }
      if (at >= 0) throw disallowedError(found);
    }
    const allowedIds = new Set<number>();
    for (const t of allowed) allowedIds.add(this.specialTokens.get(t)!);
    const { children, end, first } = this.trie;
    const n = text.length;
    let last = 0;
    for (let i = 0; i < n; ) {
      if (!first[text.charCodeAt(i)]) {
        i++;
        continue;
      }
      let node = 0, matchEnd = -1, matchId = -1;
      for (let j = i; j < n; j++) {
        const next = children[node].get(text.charCodeAt(j));
        if (next === undefined) break;
        node = next;
        const id = end[node];
        if (id >= 0 && (!this.specialIds.has(id) || allowedIds.has(id))) {
          matchEnd = j + 1;
          matchId = id;
        }
      }
      if (matchEnd < 0) {
        i++;
        continue;
      }
      if (i > last) ordinary(last, i);
      addedToken(matchId, i, matchEnd);
      i = last = matchEnd;
    }
    if (last < n) ordinary(last, n);
  }

  /** The normalized symbols of `text[s..e)`. */
  private normalize(text: string, s: number, e: number): Symbols {
    let sym = toSymbols(text, s, e);
    for (const step of this.steps) sym = step.kind === "prepend" ? prepend(sym, step.cps, s) : replace(sym, step.from, step.to);
    return sym;
  }

  // ---- merging ---------------------------------------------------------------------------

  /**
   * Merge `tok[0..n)` (token IDs, -1 for a character that is no token) in place: lowest
   * rank first, leftmost on ties. Returns `next`: the parts are i = 0, next[i], ... < n,
   * part i spanning symbols i .. next[i] - 1 and being the token tok[i].
   */
  private merge(tok: Int32Array, n: number): Int32Array {
    const table = this.model.merges;
    const next = new Int32Array(n), prev = new Int32Array(n), rank = new Int32Array(n), slot = new Int32Array(n);
    let heap = new Float64Array(Math.max(16, n));
    let size = 0, work = n; // one step per symbol, then each heap step
    for (let i = 0; i < n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
      const s = i + 1 < n ? findMerge(table, tok[i], tok[i + 1]) : -1;
      slot[i] = s;
      rank[i] = s >= 0 ? table.rank[s] : MAX;
      if (s >= 0) heap[size++] = rank[i] * SHIFT + i;
    }
    const siftDown = (k: number) => {
      const key = heap[k];
      for (;;) {
        work++;
        let c = 2 * k + 1;
        if (c >= size) break;
        if (c + 1 < size && heap[c + 1] < heap[c]) c++;
        if (heap[c] >= key) break;
        heap[k] = heap[c];
        k = c;
      }
      heap[k] = key;
    };
    const push = (key: number) => {
      if (size === heap.length) {
        const bigger = new Float64Array(heap.length * 2);
        bigger.set(heap);
        heap = bigger;
      }
      let k = size++;
      while (k > 0) {
        work++;
        const parent = (k - 1) >> 1;
        if (heap[parent] <= key) break;
        heap[k] = heap[parent];
        k = parent;
      }
      heap[k] = key;
    };
    /** Recompute the pair starting at part i. */
    const update = (i: number) => {
      const j = next[i];
      const s = j < n ? findMerge(table, tok[i], tok[j]) : -1;
      slot[i] = s;
      rank[i] = s >= 0 ? table.rank[s] : MAX;
      if (s >= 0) push(rank[i] * SHIFT + i);
    };
    for (let k = (size >> 1) - 1; k >= 0; k--) siftDown(k);
    while (size > 0) {
      const key = heap[0];
      work++;
      if (--size > 0) {
        heap[0] = heap[size];
        siftDown(0);
      }
      const r = Math.floor(key / SHIFT);
      const i = key - r * SHIFT;
      if (rank[i] !== r) continue; // stale: the part changed or is gone
      const j = next[i], k = next[j];
      tok[i] = table.merged[slot[i]];
      next[i] = k;
      if (k < n) prev[k] = i;
      rank[j] = -1;
      update(i);
      if (prev[i] >= 0) update(prev[i]);
    }
    this.work += work;
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
        if (detail) detail.push({ id, bytes: this.tokenBytes(id), start: sym.os[i], end: sym.oe[next[i] - 1], special: false });
        continue;
      }
      // Byte fallback: a single character that is no token.
      const bytes = utf8Of(sym.cp[i]);
      for (let b = 0; b < bytes.length; b++) {
        const byteId = byteIds[bytes[b]];
        out.push(byteId);
        if (detail) {
          const token: DetailedToken = { id: byteId, bytes: this.tokenBytes(byteId), start: sym.os[i], end: sym.oe[i], special: false };
          if (bytes.length > 1) {
            const cp = sym.cp[i];
            const char = cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
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
    this.segments(text, options, (s, e) => this.section(text, s, e, out), (id) => out.push(id));
    return out;
  }

  encodeOrdinary(text: string): number[] {
    text = String(text);
    const out: number[] = [];
    this.segments(text, undefined, (s, e) => this.section(text, s, e, out), (id) => out.push(id), false);
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
      const sym = this.normalize(text, s, e);
      let t = "";
      for (let i = 0; i < sym.n; i++) {
        const cp = sym.cp[i];
        t += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      }
      pieces.push({ text: t, start: s, end: e });
    };
    this.segments(text, undefined, piece, (_id, s, e) => pieces.push({ text: text.slice(s, e), start: s, end: e }), false);
    return pieces;
  }

  private hasToken(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.nVocab && this.model.length[id] >= 0;
  }

  private unknownId(id: number, at?: number): Error {
    const where = at === undefined ? "" : ` at position ${at}`;
    return new Error(`Unknown token ID ${JSON.stringify(id)}${where}: ${this.name} has no such token (IDs are integers from 0 to ${this.nVocab - 1}).`);
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
    let a = 0, b = out.length;
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
      let a = 0, b = text.length;
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
    const text = (typeof piece === "string" ? piece : lenientUtf8.decode(Uint8Array.from(piece))).replaceAll(" ", SPACE_MARK);
    const { charIds, byteIds, merges } = this.model;
    const sym = toSymbols(text, 0, text.length);
    // Each part: [first symbol, end symbol, token ID or -1].
    const parts: [number, number, number][] = [];
    for (let i = 0; i < sym.n; i++) parts.push([i, i + 1, charIds.get(sym.cp[i]) ?? -1]);
    const partBytes = ([s, e, id]: [number, number, number]): Uint8Array => (id >= 0 ? this.tokenBytes(id) : Uint8Array.from(e - s === 1 ? utf8Of(sym.cp[s]) : []));
    const steps: MergeStep[] = [];
    for (;;) {
      let best = MAX, at = -1, slot = -1;
      for (let k = 0; k + 1 < parts.length; k++) {
        const s = findMerge(merges, parts[k][2], parts[k + 1][2]);
        if (s >= 0 && merges.rank[s] < best) {
          best = merges.rank[s];
          at = k;
          slot = s;
        }
      }
      if (at < 0) break;
      parts.splice(at, 2, [parts[at][0], parts[at + 1][1], merges.merged[slot]]);
      steps.push({ index: at, rank: best, parts: parts.map(partBytes) });
    }
    const bytes = utf8.encode(text.replaceAll(SPACE_MARK, " "));
    const whole = this.addedIds.get(text);
    if (whole !== undefined && !this.specialIds.has(whole)) return { bytes, steps, ids: [whole], wholePiece: whole };
    const ids: number[] = [];
    for (const p of parts) {
      if (p[2] >= 0) ids.push(p[2]);
      else for (const b of utf8Of(sym.cp[p[0]])) ids.push(byteIds[b]);
    }
    return { bytes, steps, ids };
  }
}
