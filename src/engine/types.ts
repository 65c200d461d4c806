/**
 * The shapes shared by the engine, the site, the CLI and the tests.
 *
 * An `EncodingSpec` is pure data (see `registry.ts`): a name, the vocabulary file it needs,
 * its split pattern and its special tokens, plus what its `kind` of tokenizer needs:
 *
 *   kind "tiktoken"       OpenAI's encodings: mergeable ranks, one split pattern
 *                          → createEncoding(spec, tiktokenFileText)
 *   kind "hf-bpe"         a Hugging Face byte-level BPE tokenizer.json: ranks plus a merge list
 *                          → createEncoding(spec, tiktokenText, merges)   (hf/tokenizer-json.ts)
 *   kind "sentencepiece"  a SentencePiece-style BPE tokenizer.json with byte fallback
 *                          → sentencePieceEncoding(json)                  (hf/sentencepiece.ts)
 *
 * Any kind builds from its site asset with `loadEncodingFromAsset(spec, bytes)`.
 */
import type { SentencePieceSkeleton } from "./hf/sentencepiece-json.js";

/** Which `.tiktoken` file an encoding's ranks come from, pinned by its sha256. */
export interface VocabRef {
  /** File name under `data/vocab/`, e.g. `"o200k_base.tiktoken"`. */
  file: string;
  /** Lower-case hex sha256 of the file's bytes (tiktoken's `expected_hash`). */
  sha256: string;
  /**
   * Lower-case hex sha256 of the site's binary asset made from the file
   * (src/data/vocab/write-binary.ts). With it, `loadBinaryVocab` checks the asset's own bytes
   * and skips rebuilding the file's text to hash it; without it, it does that.
   */
  assetSha256?: string;
}

/** What every kind of spec has. */
export interface EncodingSpecBase {
  /** tiktoken's name, e.g. `"o200k_base"`. */
  name: string;
  /** The mergeable ranks. Several encodings share one file (gpt2, r50k_base). */
  vocab: VocabRef;
  /**
   * The split pattern exactly as tiktoken runs it (Rust `fancy-regex` syntax). This is the
   * pattern of the `tiktoken` WASM build we test against; see `openai/patterns.ts`.
   */
  pattern: string;
  /**
   * The same pattern in JavaScript `RegExp` syntax (always used with the `gu` flags),
   * rewritten so that it matches exactly what the Rust pattern matches.
   */
  jsPattern: string;
  /** Why `jsPattern` differs from `pattern`, one line per difference. */
  jsPatternNotes: readonly string[];
  /** Special token text → ID. */
  specialTokens: Readonly<Record<string, number>>;
  /** One more than the largest token ID, ordinary or special (tiktoken's `n_vocab`). */
  nVocab: number;
}

/**
 * OpenAI's encodings, as tiktoken runs them. A piece that is itself a token is that token;
 * any other merges the pair whose merged bytes have the lowest rank (`core/bpe.ts`).
 */
export interface TiktokenSpec extends EncodingSpecBase {
  kind: "tiktoken";
  /**
   * Name of the hand-written pre-tokenizer that implements `pattern` (a key of
   * `PRETOKENIZERS` in `core/pretokenize.ts`). Without one, the engine runs `jsPattern`.
   */
  pretokenizer?: string;
}

/**
 * A Hugging Face byte-level BPE model (Llama 3, Qwen3, Claude's legacy tokenizer), read from its
 * tokenizer.json by `hfBpeModel` (`hf/tokenizer-json.ts`). It merges by Hugging Face's rule:
 * the pair listed first in the model's merge list (`hf/merges.ts`), which `createEncoding` then
 * needs besides the ranks.
 */
export interface HfBpeSpec extends EncodingSpecBase {
  kind: "hf-bpe";
  /**
   * Hugging Face `Split` pre-tokenizers, in JavaScript RegExp syntax (flags `gu`), applied in
   * sequence with behaviour Isolated (see `splitSequenceScanner`): the pre-tokenizer.
   * (`jsPattern` is these joined by newlines, for display.)
   */
  splits: readonly string[];
  /**
   * Unicode normalization applied to each ordinary stretch of text before it is split
   * (Qwen3: NFC; Claude's legacy tokenizer: NFKC). The IDs follow the normalized text;
   * `encodeDetailed` and `split` offsets still point into the original (`hf/normalize.ts`).
   */
  normalizer?: "NFC" | "NFKC";
  /**
   * Hugging Face's `ignore_merges`. `true` (tiktoken's behaviour): a piece that is itself a
   * token is that token. `false`: every piece is merged from its bytes.
   */
  ignoreMerges: boolean;
}

/**
 * A SentencePiece-style BPE model with byte fallback (Mixtral v0.1, Llama 2, Gemma 3), run by
 * `SentencePieceEncoding` (`hf/sentencepiece.ts`). Its `pattern` and notes only describe it:
 * it has no split regex.
 */
export interface SentencePieceSpec extends EncodingSpecBase {
  kind: "sentencepiece";
  /**
   * Its tokenizer.json without `model.vocab` and `model.merges`, which the site's asset
   * carries (see `asset/from-asset.ts`).
   */
  tokenizerJson: SentencePieceSkeleton;
}

export type EncodingSpec = TiktokenSpec | HfBpeSpec | SentencePieceSpec;

/**
 * One piece of the pre-tokenizer's output: `text.slice(start, end)` (UTF-16 offsets). With a
 * `normalizer`, `text` is the piece's normalized text and `start..end` the original it came from.
 */
export interface Piece {
  text: string;
  start: number;
  end: number;
}

/**
 * One token of `encodeDetailed`. `start`/`end` are UTF-16 offsets into the input text.
 * When a token holds only some of the UTF-8 bytes of a character, `partial` says which:
 * e.g. o200k_base encodes "鬱" (e9 ac b1) as two tokens; the first has
 * `{char: "鬱", byteStart: 0, byteEnd: 2, byteLength: 3}` ("bytes 1–2 of 3 of 鬱").
 * Such a token's `start..end` covers the whole character, so neighbours may share it.
 * With a `normalizer`, `char` is a character of the normalized text, and `start..end` covers
 * the original text it came from (NFKC "½" → "1⁄2": the three tokens all cover "½").
 */
export interface DetailedToken {
  id: number;
  bytes: Uint8Array;
  start: number;
  end: number;
  special: boolean;
  partial?: PartialChar[];
}

/** The bytes `[byteStart, byteEnd)` of the character `char`, which is `byteLength` bytes long. */
export interface PartialChar {
  char: string;
  byteStart: number;
  byteEnd: number;
  byteLength: number;
}

/** One merge of `mergeTrace`: the parts before the merge, which pair merged, and its rank. */
export interface MergeStep {
  /** Index in `parts` of the left part of the pair that merges. */
  index: number;
  /** Rank of the merged bytes (the new token's ID). */
  rank: number;
  /** For a merge-list model (`hf-bpe`): the merge's position in the model's merge list. */
  merge?: number;
  /** The parts, as byte arrays, *after* this merge. */
  parts: Uint8Array[];
}

export interface MergeTrace {
  /** The piece's UTF-8 bytes. */
  bytes: Uint8Array;
  /**
   * Every merge in order, lowest rank first, leftmost on ties (tiktoken's order); for a
   * merge-list model (`hf-bpe`), earliest listed pair first.
   */
  steps: MergeStep[];
  /**
   * The piece's tokens, as `encode` gives them. When the whole piece is one token, tiktoken
   * takes it directly (`wholePiece`), whatever the merges would give.
   */
  ids: number[];
  /** The rank of the whole piece when it is a single token. */
  wholePiece?: number;
}

export interface EncodeOptions {
  /** Special tokens that may be encoded as such: `"all"` or a set/array of token texts. */
  allowedSpecial?: "all" | Iterable<string>;
  /**
   * Special tokens whose text makes `encode` throw: `"all"` (the default, meaning every
   * special token that is not allowed) or a set/array of token texts.
   */
  disallowedSpecial?: "all" | Iterable<string>;
}

export interface Encoding {
  readonly name: string;
  readonly nVocab: number;
  readonly spec: EncodingSpec;
  /** Special token text → ID. */
  readonly specialTokens: ReadonlyMap<string, number>;
  encode(text: string, options?: EncodeOptions): number[];
  encodeOrdinary(text: string): number[];
  countTokens(text: string, options?: EncodeOptions): number;
  decode(ids: ArrayLike<number>): string;
  decodeBytes(ids: ArrayLike<number>): Uint8Array;
  tokenBytes(id: number): Uint8Array;
  encodeDetailed(text: string, options?: EncodeOptions): DetailedToken[];
  mergeTrace(piece: string | Uint8Array): MergeTrace;
  split(text: string): Piece[];
  /** Rank of a byte sequence if it is an ordinary token, else `undefined`. */
  rank(bytes: Uint8Array): number | undefined;
  /** Is this ID a special token? */
  isSpecial(id: number): boolean;
}
