/**
 * Hugging Face `tokenizer.json` files of byte-level BPE models (Llama 3, Qwen3, DeepSeek V3,
 * gpt-oss, Claude's legacy tokenizer), turned into what the engine takes: a `.tiktoken`-style
 * table (rank = token ID), the merge list, the added tokens, the normalizer and the split
 * regexes. Pure TypeScript; the caller reads the file. The reference is transformers.js's
 * tokenizer code (`@lenml/tokenizers`), and we read each part of the file as it does.
 *
 *   const {spec, tiktokenText, merges} = hfBpeModel("qwen3", JSON.parse(fileText));
 *   const qwen3 = createEncoding(spec, tiktokenText, merges);
 *   qwen3.encode("Hello world")   // → [9707, 1879], as transformers.js gives
 *
 * What a file says, and what we do with it:
 * - `model.vocab`: tokens written in GPT-2's byte-to-unicode alphabet: every byte stands for
 *   one printable character ("Ġ" is the space, 0x20; "Ċ" is the newline, 0x0a). Mapping the
 *   characters back gives the token's bytes; its ID is its rank in the `.tiktoken` text.
 * - `model.merges`: Hugging Face's merge rule (`merges.ts`): the adjacent pair listed first
 *   merges. tiktoken's rule (lowest rank of the merged bytes) differs from it on Qwen3,
 *   DeepSeek V3 and Claude, which list one merge per token but have tokens whose bytes split
 *   into two other tokens that are not a listed pair; so every spec made here is of kind
 *   "hf-bpe", which merges by the list.
 * - `model.ignore_merges`: true (Llama 3, gpt-oss): a piece that is a token is that token.
 *   False (Qwen3, DeepSeek V3, Claude): every piece is merged from bytes (`ignoreMerges: false`).
 * - `normalizer`: none, NFC (Qwen3) or NFKC (Claude), possibly inside a Sequence (DeepSeek V3
 *   has an empty one).
 * - `pre_tokenizer`: Split regexes (behaviour Isolated), then ByteLevel. transformers.js runs
 *   each regex as a JavaScript RegExp after two rewrites (`jsRegex`), and ByteLevel with
 *   `use_regex` adds GPT-2's regex; `spec.splits` lists them in order.
 * - `added_tokens`: matched in the text before anything else, special or not. In the spec they
 *   all go into `specialTokens`, so `encode(text, {allowedSpecial: "all"})` is what
 *   transformers.js's `encode(text, {add_special_tokens: false})` gives. (Qwen3's "<tool_call>"
 *   is not special, yet transformers.js always encodes it as the one token 151657.)
 *
 * Anything else (byte fallback, other normalizers or pre-tokenizers, lstrip/rstrip on added
 * tokens, a merge that makes no token) is refused with a plain message rather than run inexactly.
 */
import { createEncoding } from "../core/encoding.js";
import { MergeList } from "./merges.js";
import { escapeRegExp } from "../core/special.js";
import type { Encoding, HfBpeSpec, VocabRef } from "../types.js";

/** GPT-2's `bytes_to_unicode`: the printable character that stands for each byte. */
export function byteToUnicode(): string[] {
  const printable = new Set<number>();
  for (let b = 0x21; b <= 0x7e; b++) printable.add(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.add(b);
  for (let b = 0xae; b <= 0xff; b++) printable.add(b);
  const out: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) out[b] = String.fromCodePoint(printable.has(b) ? b : 256 + extra++);
  return out;
}

/** GPT-2's split regex, as transformers.js's ByteLevel pre-tokenizer runs it (`use_regex`). */
const GPT2_JS_REGEX = String.raw`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`;

/**
 * A Split regex of a tokenizer.json (Rust syntax) as transformers.js compiles it (flags `gu`):
 * it drops the backslash of `\#`, `\&` and `\~`, and spells the case-insensitive group
 * `(?i:'s|'t|'re|'ve|'m|'ll|'d)`, which Node 20's RegExp rejects, as
 * `(?:'([sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD]))`. So, unlike tiktoken (Rust), "'ſ"
 * (U+017F) is no contraction, and `\s` is JavaScript's (U+FEFF in, U+0085 out).
 */
export function jsRegex(regex: string): string {
  return regex
    .replace(/\\([#&~])/g, "$1")
    .replaceAll("(?i:'s|'t|'re|'ve|'m|'ll|'d)", "(?:'([sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD]))");
}

export interface ByteLevelBpe {
  /** The vocabulary in `.tiktoken` form: one "base64(bytes) id" line per ordinary token, by ID. */
  tiktokenText: string;
  /** The merge list: merge i joins token `pairs[2i]` with token `pairs[2i+1]` into token `made[i]`. */
  pairs: Int32Array;
  made: Int32Array;
  /** Added tokens marked special: text → ID. */
  specialTokens: Record<string, number>;
  /** Every added token, special or not: text → ID (what transformers.js cuts out of the text first). */
  addedTokens: Record<string, number>;
  /** The Split regexes exactly as the file writes them, one per line. */
  pattern: string;
  /** The pre-tokenizer as JavaScript regexes, applied in sequence (`splitSequenceScanner`). */
  splits: string[];
  normalizer?: "NFC" | "NFKC";
  /** `model.ignore_merges` (false when absent). */
  ignoreMerges: boolean;
  /** Number of ordinary tokens. */
  size: number;
  /** One more than the largest ID, ordinary or added. */
  nVocab: number;
}

type Pattern = { Regex?: string; String?: string };
type Step = {
  type: string;
  pattern?: Pattern;
  behavior?: string;
  invert?: boolean;
  use_regex?: boolean;
  add_prefix_space?: boolean;
  pretokenizers?: Step[];
};
type NormalizerJson = { type: string; normalizers?: NormalizerJson[] };

/** One entry of a tokenizer.json's `added_tokens`, as both readers (byte-level and SentencePiece) see it. */
export interface AddedTokenJson {
  id: number;
  content: string;
  special: boolean;
  lstrip?: boolean;
  rstrip?: boolean;
  single_word?: boolean;
  normalized?: boolean;
}

export interface TokenizerJson {
  normalizer: NormalizerJson | null;
  pre_tokenizer: Step | null;
  model: {
    type: string;
    vocab: Record<string, number>;
    merges: (string | [string, string])[];
    ignore_merges?: boolean;
    byte_fallback?: boolean;
    dropout?: number | null;
    continuing_subword_prefix?: string | null;
    end_of_word_suffix?: string | null;
  };
  added_tokens: AddedTokenJson[];
}

const toBase64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));

/** A merge as a file writes it: `["Ġ", "t"]`, or in old files `"Ġ t"`, of which transformers.js takes the first two words (`split(" ", 2)`). */
export function mergePair(m: string | readonly [string, string]): [string, string] {
  return typeof m === "string" ? (m.split(" ", 2) as [string, string]) : [m[0], m[1]];
}

/** Read a byte-level BPE `tokenizer.json`; throws a plain message for anything the engine cannot run exactly. */
export function byteLevelBpe(json: TokenizerJson): ByteLevelBpe {
  const fail = (why: string): never => {
    throw new Error(`Not a byte-level BPE tokenizer this engine reads exactly: ${why}.`);
  };
  const model = json.model;
  if (model?.type !== "BPE") fail(`the model is ${model?.type}, not BPE`);
  if (model.byte_fallback) fail("it uses byte fallback (SentencePiece style)");
  if (model.dropout) fail("it has BPE dropout");
  if (model.continuing_subword_prefix || model.end_of_word_suffix) fail("it marks word pieces with a prefix or suffix");

  // The normalizer: none, NFC or NFKC, perhaps inside Sequences.
  const forms: string[] = [];
  const readNormalizer = (n: NormalizerJson | null | undefined): void => {
    if (!n) return;
    if (n.type === "Sequence") n.normalizers?.forEach(readNormalizer);
    else if (n.type === "NFC" || n.type === "NFKC") forms.push(n.type);
    else fail(`it has a ${n.type} normalizer (only NFC and NFKC are supported)`);
  };
  readNormalizer(json.normalizer);
  if (forms.length > 1) fail(`it has ${forms.length} normalizers in sequence`);
  const normalizer = forms[0] as "NFC" | "NFKC" | undefined;

  // The pre-tokenizer: Split regexes (Isolated), then ByteLevel.
  const steps: Step[] = [];
  const flatten = (s: Step | null | undefined): void => {
    if (!s) return;
    if (s.type === "Sequence") s.pretokenizers?.forEach(flatten);
    else steps.push(s);
  };
  flatten(json.pre_tokenizer);
  const byteLevel = steps[steps.length - 1];
  if (byteLevel?.type !== "ByteLevel") fail("its pre-tokenizer does not end with ByteLevel");
  if (byteLevel.add_prefix_space) fail("its ByteLevel pre-tokenizer adds a prefix space");
  const written: string[] = [];
  const splits: string[] = [];
  for (const s of steps.slice(0, -1)) {
    if (s.type !== "Split") fail(`its pre-tokenizer has a ${s.type} step`);
    if (s.behavior !== "Isolated" || s.invert) {
      fail(
        `a Split has behaviour ${s.behavior}${s.invert ? ", inverted" : ""} (transformers.js runs every behaviour but Removed as Isolated, so it differs from the file's meaning)`,
      );
    }
    const regex =
      s.pattern?.Regex ??
      (s.pattern?.String !== undefined ? escapeRegExp(s.pattern.String) : fail("a Split has no pattern"));
    written.push(regex);
    splits.push(s.pattern?.Regex !== undefined ? jsRegex(regex) : regex);
  }
  if (byteLevel.use_regex ?? true) {
    written.push(GPT2_JS_REGEX);
    splits.push(GPT2_JS_REGEX);
  }
  for (const r of splits) {
    try {
      new RegExp(r, "gu");
    } catch {
      fail(`the split regex ${JSON.stringify(r)} is not a JavaScript RegExp (transformers.js cannot run it either)`);
    }
  }

  // Added tokens: cut out of the text first, as they are.
  const addedTokens: Record<string, number> = {};
  const specialTokens: Record<string, number> = {};
  const addedIds = new Map<number, string>();
  for (const t of json.added_tokens) {
    if (t.lstrip || t.rstrip || t.single_word)
      fail(`the added token ${JSON.stringify(t.content)} strips whitespace or must be a single word`);
    addedTokens[t.content] = t.id;
    addedIds.set(t.id, t.content);
    if (t.special) specialTokens[t.content] = t.id;
  }

  // The vocabulary, as bytes. An added token that is also in the vocabulary stays an added token.
  const fromChar = new Map(byteToUnicode().map((c, b) => [c, b]));
  const vocab = new Map(Object.entries(model.vocab));
  const lines: string[] = [];
  let nVocab = 0;
  for (const [token, id] of [...vocab].sort((a, b) => a[1] - b[1])) {
    nVocab = Math.max(nVocab, id + 1);
    const added = addedIds.get(id);
    if (added !== undefined) {
      if (added !== token)
        fail(`the ID ${id} is both the token ${JSON.stringify(token)} and the added token ${JSON.stringify(added)}`);
      continue;
    }
    if (Object.hasOwn(addedTokens, token))
      fail(`the added token ${JSON.stringify(token)} has another ID than in the vocabulary`);
    const bytes = Array.from(
      token,
      (c) => fromChar.get(c) ?? fail(`the token ${JSON.stringify(token)} has a character outside the byte alphabet`),
    );
    lines.push(`${toBase64(bytes)} ${id}`);
  }
  for (const id of addedIds.keys()) nVocab = Math.max(nVocab, id + 1);

  // The merge list, as token IDs.
  const pairs = new Int32Array(model.merges.length * 2);
  const made = new Int32Array(model.merges.length);
  const ordinaryId = (token: string, what: string): number => {
    const id = vocab.get(token);
    if (id === undefined || addedIds.has(id))
      fail(`the merge ${what} uses or makes ${JSON.stringify(token)}, which is no ordinary token`);
    return id!;
  };
  model.merges.forEach((m, i) => {
    const [a, b] = mergePair(m);
    const what = JSON.stringify([a, b]);
    pairs[2 * i] = ordinaryId(a, what);
    pairs[2 * i + 1] = ordinaryId(b, what);
    made[i] = ordinaryId(a + b, what);
  });

  return {
    tiktokenText: lines.join("\n") + "\n",
    pairs,
    made,
    specialTokens,
    addedTokens,
    pattern: written.join("\n"),
    splits,
    normalizer,
    ignoreMerges: model.ignore_merges ?? false,
    size: lines.length,
    nVocab,
  };
}

/** What `createEncoding` takes to run a Hugging Face byte-level BPE model. */
export interface HfBpeModel {
  spec: HfBpeSpec;
  /** The vocabulary in `.tiktoken` form (rank = token ID). */
  tiktokenText: string;
  /** The merge list, for `createEncoding(spec, tiktokenText, merges)`. */
  merges: MergeList;
}

/**
 * The spec, vocabulary and merge list of a Hugging Face byte-level BPE model. `vocab` names
 * the file (and its sha256, which pure code cannot compute cheaply; pass it when you have it).
 */
export function hfBpeModel(
  name: string,
  json: TokenizerJson,
  vocab: VocabRef = { file: `${name}/tokenizer.json`, sha256: "" },
): HfBpeModel {
  const read = byteLevelBpe(json);
  const notes = [
    "Hugging Face Split regexes, one per line, applied in sequence (spec.splits); each is compiled as transformers.js compiles it (jsRegex): JavaScript's \\s and \\p{...}, (?i:'s|...) spelled with [sS]-style classes (no U+017F).",
  ];
  const spec: HfBpeSpec = {
    kind: "hf-bpe",
    name,
    vocab,
    pattern: read.pattern,
    jsPattern: read.splits.join("\n"),
    jsPatternNotes: notes,
    specialTokens: read.addedTokens,
    nVocab: read.nVocab,
    splits: read.splits,
    ignoreMerges: read.ignoreMerges,
  };
  if (read.normalizer) spec.normalizer = read.normalizer;
  return { spec, tiktokenText: read.tiktokenText, merges: new MergeList(read.pairs, read.made) };
}

/** `hfBpeModel` then `createEncoding`: the model ready to encode. */
export function createOpenModelEncoding(name: string, json: TokenizerJson, vocab?: VocabRef): Encoding {
  const { spec, tiktokenText, merges } = hfBpeModel(name, json, vocab);
  return createEncoding(spec, tiktokenText, merges);
}
