/**
 * Reading a SentencePiece-style BPE `tokenizer.json` (Llama 2, Mixtral v0.1, Gemma 3) into the
 * compact model `SentencePieceEncoding` runs (`sentencepiece.ts`). Pure TypeScript; the caller
 * reads and parses the file.
 *
 *   const model = sentencePieceBpe(JSON.parse(fileText), {name: "llama2"});
 *   model.nVocab;                         // 32000
 *   model.ids.get("▁Hello");              // 15043
 *   model.byteIds[0xe9];                  // 236: the ID of "<0xE9>"
 *   model.merges.key(model.ids.get("▁")!, model.ids.get("H")!);  // that pair's merge-list position
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
 */
import type { AddedTokenJson } from "./tokenizer-json.js";
import { MergeList } from "./merges.js";
import type { VocabRef } from "../types.js";

// ---- the tokenizer.json shapes read here ------------------------------------------------

type Pattern = { String?: string; Regex?: string };
type NormalizerJson = {
  type: string;
  prepend?: string;
  pattern?: Pattern;
  content?: string;
  normalizers?: NormalizerJson[];
} | null;
type PreTokenizerJson = {
  type: string;
  pattern?: Pattern;
  behavior?: string;
  invert?: boolean;
  pretokenizers?: PreTokenizerJson[];
} | null;
type DecoderJson = {
  type: string;
  pattern?: Pattern;
  content?: string;
  start?: number;
  stop?: number;
  decoders?: DecoderJson[];
} | null;

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
  added_tokens: AddedTokenJson[];
  decoder: DecoderJson;
}

/**
 * A tokenizer.json without `model.vocab` and `model.merges`: what a `SentencePieceSpec` keeps
 * (`tokenizerJson`), as the site's asset carries the vocabulary and merges.
 */
export type SentencePieceSkeleton = Omit<SentencePieceJson, "model"> & {
  model: Omit<SentencePieceJson["model"], "vocab" | "merges">;
};

/** The fields of `json` this module reads, but `model.vocab` and `model.merges`. */
function sentencePieceSkeleton(json: SentencePieceJson): SentencePieceSkeleton {
  const { vocab: _vocab, merges: _merges, ...model } = json.model;
  const { added_tokens, normalizer, pre_tokenizer, decoder } = json;
  return { added_tokens, normalizer, pre_tokenizer, decoder, model };
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
 * The compact form of a SentencePiece-style BPE file: token bytes by ID, the merge list,
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
  /**
   * Each ID's bytes, `pool[start[id] .. start[id] + length[id])` (length -1 for a hole): its text
   * with "▁" read as a space ("▁Hello" → " Hello"); a byte token `<0xE9>` is the byte e9.
   */
  pool: Uint8Array;
  start: Int32Array;
  length: Int32Array;
  /** The token of each single-code-point text, by code point. */
  charIds: Map<number, number>;
  /** ID of the byte token of each byte (`<0x00>` ... `<0xFF>`). */
  byteIds: Int32Array;
  /** The merge list: (left ID, right ID) → its position in the list (its rank) and the ID it makes. */
  merges: MergeList;
  /** Number of merges in the file. */
  mergeCount: number;
  unk: number | undefined;
  normalizer: NormalizerStep[];
  /** Added tokens in file order. */
  added: { content: string; id: number; special: boolean }[];
  /** The decoder: "▁" (`replaceFrom`) becomes " " (`replaceTo`), then byte fallback, fuse, and an optional strip. */
  decoder: { replaceFrom: string; replaceTo: string; strip?: { content: string; start: number; stop: number } };
  /** The file without its vocabulary and merges, for the encoding's spec. */
  tokenizerJson: SentencePieceSkeleton;
}

/** The character SentencePiece writes for a space. */
export const SPACE_MARK = "▁";
const utf8 = new TextEncoder();

/** Read a SentencePiece-style BPE `tokenizer.json` (parsed); throws a plain message for anything else. */
export function sentencePieceBpe(json: SentencePieceJson, options: SentencePieceOptions = {}): SentencePieceBpe {
  const fail = (why: string): never => {
    throw new Error(`Not a SentencePiece-style BPE tokenizer this engine reads exactly: ${why}.`);
  };
  const m = json?.model;
  if (m?.type !== "BPE") fail(`the model is ${m?.type}, not BPE`);
  if (m.dropout) fail("it uses BPE dropout");
  if (m.continuing_subword_prefix || m.end_of_word_suffix || m.continuing_subword_suffix)
    fail("it uses word prefixes or suffixes");
  if (m.ignore_merges)
    fail("ignore_merges is on (whole words in the vocabulary skip merging), which is not implemented");
  if (!m.byte_fallback) fail("it has no byte fallback");
  const cfg = options.config ?? {};
  if (cfg.tokenizer_class?.replace(/Fast$/, "") === "LlamaTokenizer" && cfg.legacy === false)
    fail("its config sets legacy: false, which replaces the normalizer with a Metaspace pre-tokenizer");
  if (cfg.remove_space) fail("its config sets remove_space");
  if (cfg.do_lowercase_and_remove_accent) fail("its config sets do_lowercase_and_remove_accent");
  if (options.config && cfg.clean_up_tokenization_spaces !== false)
    fail("its config does not turn clean_up_tokenization_spaces off");

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
    if (known !== undefined && known !== t.id)
      fail(`${what} has ID ${t.id}, but the vocabulary gives its text ID ${known}`);
    if (known === undefined && pieces[t.id] !== undefined)
      fail(`${what} has ID ${t.id}, which is the token ${JSON.stringify(pieces[t.id])}`);
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
  const steps = dec?.type === "Sequence" ? (dec.decoders ?? []) : dec ? [dec] : [];
  const [rep, bf, fuse, strip, ...more] = steps;
  if (
    rep?.type !== "Replace" ||
    rep.pattern?.String !== SPACE_MARK ||
    rep.content !== " " ||
    bf?.type !== "ByteFallback" ||
    fuse?.type !== "Fuse" ||
    (strip && (strip.type !== "Strip" || strip.content?.length !== 1 || strip.content.charCodeAt(0) >= 0x80)) ||
    more.length
  ) {
    fail('its decoder is not Replace("▁" → " "), ByteFallback, Fuse and an optional Strip of one ASCII character');
  }
  const decoder: SentencePieceBpe["decoder"] = { replaceFrom: SPACE_MARK, replaceTo: " " };
  if (strip) decoder.strip = { content: strip.content!, start: strip.start ?? 0, stop: strip.stop ?? 0 };

  // The normalizer.
  const normalizer: NormalizerStep[] = [];
  const addNormalizer = (n: NormalizerJson): void => {
    if (!n) return;
    if (n.type === "Sequence") for (const x of n.normalizers ?? []) addNormalizer(x);
    else if (n.type === "Prepend" && typeof n.prepend === "string")
      normalizer.push({ kind: "prepend", text: n.prepend });
    else if (n.type === "Replace" && typeof n.pattern?.String === "string" && typeof n.content === "string") {
      const from = n.pattern.String,
        to = n.content;
      if (!from || /[\ud800-\udfff]/.test(from) || to.includes("$"))
        fail(
          `its Replace normalizer (${JSON.stringify(from)} → ${JSON.stringify(to)}) is empty, has a surrogate or a "$"`,
        );
      normalizer.push({ kind: "replace", from, to });
    } else fail(`its normalizer ${n.type} is not Prepend, Replace of a string, or a Sequence of them`);
  };
  addNormalizer(json.normalizer);

  // The pre-tokenizer: none, or a Split on a string the normalizer has already replaced.
  const pre = json.pre_tokenizer;
  if (pre) {
    const last = normalizer[normalizer.length - 1];
    const s = pre.pattern?.String;
    const neverFires =
      pre.type === "Split" &&
      !pre.invert &&
      typeof s === "string" &&
      [...s].length === 1 &&
      last?.kind === "replace" &&
      last.from === s &&
      !last.to.includes(s);
    if (!neverFires) {
      fail(
        `its pre-tokenizer ${pre.type} can split the normalized text (only a Split on a character the normalizer has replaced is read; @lenml/tokenizers runs every Split behavior as Isolated, so it would differ from Hugging Face's tokenizers)`,
      );
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
    const bytes = isByteToken[id]
      ? Uint8Array.of(parseInt(p.slice(3, 5), 16))
      : utf8.encode(p.replaceAll(SPACE_MARK, " "));
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

  // The merge list, as token IDs. A pair listed twice keeps its later position, as in
  // @lenml/tokenizers' Map (and `MergeList`).
  const merges = m.merges ?? [];
  const pairs = new Int32Array(2 * merges.length),
    made = new Int32Array(merges.length);
  for (let i = 0; i < merges.length; i++) {
    const x = merges[i];
    let a: string, b: string;
    if (typeof x === "string") {
      const parts = x.split(" ");
      if (parts.length !== 2) fail(`the merge ${JSON.stringify(x)} is not two pieces separated by one space`);
      [a, b] = parts as [string, string];
    } else [a, b] = x;
    const ia = ids.get(a),
      ib = ids.get(b),
      im = ids.get(a + b);
    if (ia === undefined || ib === undefined || im === undefined)
      fail(`the merge ${JSON.stringify(a)} + ${JSON.stringify(b)} names a piece that is not a token`);
    pairs[2 * i] = ia!;
    pairs[2 * i + 1] = ib!;
    made[i] = im!;
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
    merges: new MergeList(pairs, made),
    mergeCount: merges.length,
    unk,
    normalizer,
    added,
    decoder,
    tokenizerJson: sentencePieceSkeleton(json),
  };
}
