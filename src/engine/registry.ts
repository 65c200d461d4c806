/**
 * The registry: every encoding as data, the way tiktoken's `openai_public.py` lists them,
 * and the table that maps model names to encodings (tiktoken's `model.py`). OpenAI's seven
 * come first, then the open models' tokenizers the site ships (`hf/open-models.generated.ts`,
 * made from their tokenizer.json files by scripts/make-open-models.ts).
 *
 * Nothing here loads a file. `node.ts` (Node: `loadEncoding`) and the site's loaders
 * (`loadEncodingFromAsset`) read the file named by `spec.vocab`, check its sha256, and build
 * the encoding its `kind` says.
 */
import { OPEN_MODEL_SPECS } from "./hf/open-models.generated.js";
import { CL100K, O200K, R50K } from "./openai/patterns.js";
import type { EncodingSpec, TiktokenSpec, VocabRef } from "./types.js";

/**
 * The four official vocabularies, byte-identical to OpenAI's; provenance in `data/vocab/README.md`.
 * `assetSha256` pins the site's binary asset of each (src/data/vocab/write-binary.ts makes it
 * from the file; `npx tsx scripts/pin-vocab-assets.ts` prints these after a format change, and
 * tests/engine/binary-vocab.test.ts fails until they are updated).
 */
export const VOCABS = {
  r50k_base: { file: "r50k_base.tiktoken", sha256: "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930", assetSha256: "becaefd4b50ac6287b1b0a47342b15acacff4a6721830ae2b98d17840b524009" },
  p50k_base: { file: "p50k_base.tiktoken", sha256: "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069", assetSha256: "f538c85d591ead063f72a5c19b7ff6f82f1acf139c90920449280700b968bb8e" },
  cl100k_base: { file: "cl100k_base.tiktoken", sha256: "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7", assetSha256: "a51d11c82c7965b590c4bad2613517566c2cb343520868294e53c0d8d5af1618" },
  o200k_base: { file: "o200k_base.tiktoken", sha256: "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d", assetSha256: "0384a8c77ed4e1800ba864a7c81f8c2701a7f4607af3c871743a408e6dc96795" },
} as const satisfies Record<string, VocabRef>;

const ENDOFTEXT = "<|endoftext|>";
const FIM_PREFIX = "<|fim_prefix|>";
const FIM_MIDDLE = "<|fim_middle|>";
const FIM_SUFFIX = "<|fim_suffix|>";
const ENDOFPROMPT = "<|endofprompt|>";

/** `<|reserved_N|>` for every N in `[from, to)`, as o200k_harmony reserves them. */
function reserved(from: number, to: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let id = from; id < to; id++) out[`<|reserved_${id}|>`] = id;
  return out;
}

const o200kSpecial = { [ENDOFTEXT]: 199999, [ENDOFPROMPT]: 200018 };

const OPENAI_SPECS: readonly TiktokenSpec[] = [
  {
    // GPT-2's data_gym files (vocab.bpe + encoder.json) give exactly r50k_base's ranks.
    kind: "tiktoken",
    name: "gpt2",
    vocab: VOCABS.r50k_base,
    ...R50K,
    pretokenizer: "r50k",
    specialTokens: { [ENDOFTEXT]: 50256 },
    nVocab: 50257,
  },
  {
    kind: "tiktoken",
    name: "r50k_base",
    vocab: VOCABS.r50k_base,
    ...R50K,
    pretokenizer: "r50k",
    specialTokens: { [ENDOFTEXT]: 50256 },
    nVocab: 50257,
  },
  {
    kind: "tiktoken",
    name: "p50k_base",
    vocab: VOCABS.p50k_base,
    ...R50K,
    pretokenizer: "r50k",
    specialTokens: { [ENDOFTEXT]: 50256 },
    nVocab: 50281,
  },
  {
    kind: "tiktoken",
    name: "p50k_edit",
    vocab: VOCABS.p50k_base,
    ...R50K,
    pretokenizer: "r50k",
    specialTokens: { [ENDOFTEXT]: 50256, [FIM_PREFIX]: 50281, [FIM_MIDDLE]: 50282, [FIM_SUFFIX]: 50283 },
    nVocab: 50284,
  },
  {
    kind: "tiktoken",
    name: "cl100k_base",
    vocab: VOCABS.cl100k_base,
    ...CL100K,
    pretokenizer: "cl100k",
    specialTokens: {
      [ENDOFTEXT]: 100257,
      [FIM_PREFIX]: 100258,
      [FIM_MIDDLE]: 100259,
      [FIM_SUFFIX]: 100260,
      [ENDOFPROMPT]: 100276,
    },
    nVocab: 100277,
  },
  {
    kind: "tiktoken",
    name: "o200k_base",
    vocab: VOCABS.o200k_base,
    ...O200K,
    pretokenizer: "o200k",
    specialTokens: o200kSpecial,
    nVocab: 200019,
  },
  {
    // gpt-oss: the o200k ranks with the harmony chat format's special tokens.
    kind: "tiktoken",
    name: "o200k_harmony",
    vocab: VOCABS.o200k_base,
    ...O200K,
    pretokenizer: "o200k",
    specialTokens: {
      ...o200kSpecial,
      "<|startoftext|>": 199998,
      "<|reserved_200000|>": 200000,
      "<|reserved_200001|>": 200001,
      "<|return|>": 200002,
      "<|constrain|>": 200003,
      "<|reserved_200004|>": 200004,
      "<|channel|>": 200005,
      "<|start|>": 200006,
      "<|end|>": 200007,
      "<|message|>": 200008,
      "<|reserved_200009|>": 200009,
      "<|reserved_200010|>": 200010,
      "<|reserved_200011|>": 200011,
      "<|call|>": 200012,
      ...reserved(200013, 201088),
    },
    nVocab: 201088,
  },
];

const SPECS: readonly EncodingSpec[] = [...OPENAI_SPECS, ...OPEN_MODEL_SPECS];
const BY_NAME = new Map(SPECS.map((s) => [s.name, s]));

/** Names of every registered encoding: OpenAI's, oldest first, then the open models'. */
export function listEncodings(): string[] {
  return SPECS.map((s) => s.name);
}

/** The spec of a registered encoding; throws an error listing the known names otherwise. */
export function getEncodingSpec(name: string): EncodingSpec {
  const spec = BY_NAME.get(name);
  if (!spec) throw new Error(`Unknown encoding "${name}". Known encodings: ${listEncodings().join(", ")}.`);
  return spec;
}

/** Is this one of OpenAI's encodings (tiktoken's), rather than an open model's tokenizer? */
export function isOpenAIEncoding(name: string): boolean {
  return OPENAI_SPECS.some((s) => s.name === name);
}

/**
 * The name of an encoding's vocabulary, which also names its asset on the site: a `VOCABS`
 * key for OpenAI's (`vocabNameOf("o200k_harmony")` → `"o200k_base"`), the encoding's own name
 * for an open model (`"qwen3"`). Throws for an unknown encoding.
 */
export function vocabNameOf(encoding: string): string {
  const ref = getEncodingSpec(encoding).vocab;
  return (Object.keys(VOCABS) as (keyof typeof VOCABS)[]).find((k) => VOCABS[k] === ref) ?? encoding;
}

/**
 * Every distinct vocabulary, named as `vocabNameOf` names them, in registry order: r50k_base,
 * p50k_base, cl100k_base, o200k_base, then the open models'. Each is one site asset.
 */
export function listVocabularies(): string[] {
  return [...new Set(listEncodings().map(vocabNameOf))];
}

/**
 * Exact model names → encoding, from tiktoken's `model.py`, plus the models it maps by
 * prefix that readers type most (GPT-5, gpt-oss).
 */
export const MODEL_TO_ENCODING: Readonly<Record<string, string>> = {
  // reasoning
  o1: "o200k_base",
  o3: "o200k_base",
  "o3-mini": "o200k_base",
  "o4-mini": "o200k_base",
  // chat
  "gpt-5": "o200k_base",
  "gpt-5-mini": "o200k_base",
  "gpt-5-nano": "o200k_base",
  "gpt-4.1": "o200k_base",
  "gpt-4.1-mini": "o200k_base",
  "gpt-4.1-nano": "o200k_base",
  "gpt-4.5-preview": "o200k_base",
  "gpt-4o": "o200k_base",
  "gpt-4o-mini": "o200k_base",
  "gpt-4": "cl100k_base",
  "gpt-4-turbo": "cl100k_base",
  "gpt-3.5-turbo": "cl100k_base",
  "gpt-3.5": "cl100k_base",
  "gpt-35-turbo": "cl100k_base",
  // open weights
  "gpt-oss-20b": "o200k_harmony",
  "gpt-oss-120b": "o200k_harmony",
  // base
  "davinci-002": "cl100k_base",
  "babbage-002": "cl100k_base",
  // embeddings
  "text-embedding-ada-002": "cl100k_base",
  "text-embedding-3-small": "cl100k_base",
  "text-embedding-3-large": "cl100k_base",
  // text (deprecated)
  "text-davinci-003": "p50k_base",
  "text-davinci-002": "p50k_base",
  "text-davinci-001": "r50k_base",
  "text-curie-001": "r50k_base",
  "text-babbage-001": "r50k_base",
  "text-ada-001": "r50k_base",
  davinci: "r50k_base",
  curie: "r50k_base",
  babbage: "r50k_base",
  ada: "r50k_base",
  // code (deprecated)
  "code-davinci-002": "p50k_base",
  "code-davinci-001": "p50k_base",
  "code-cushman-002": "p50k_base",
  "code-cushman-001": "p50k_base",
  "davinci-codex": "p50k_base",
  "cushman-codex": "p50k_base",
  // edit (deprecated)
  "text-davinci-edit-001": "p50k_edit",
  "code-davinci-edit-001": "p50k_edit",
  // old embeddings (deprecated)
  "text-similarity-davinci-001": "r50k_base",
  "text-similarity-curie-001": "r50k_base",
  "text-similarity-babbage-001": "r50k_base",
  "text-similarity-ada-001": "r50k_base",
  "text-search-davinci-doc-001": "r50k_base",
  "text-search-curie-doc-001": "r50k_base",
  "text-search-babbage-doc-001": "r50k_base",
  "text-search-ada-doc-001": "r50k_base",
  "code-search-babbage-code-001": "r50k_base",
  "code-search-ada-code-001": "r50k_base",
  // open source
  gpt2: "gpt2",
  "gpt-2": "gpt2",
  // open models' own tokenizers (not tiktoken's table)
  "llama-3": "llama3",
  "llama-3.1": "llama3",
  qwen3: "qwen3",
  "mixtral-8x22b": "mixtral_v0_1",
  "mixtral-8x22b-v0.1": "mixtral_v0_1",
  "claude-2.1": "claude_legacy",
  "claude-2": "claude_legacy",
  "claude-instant-1.2": "claude_legacy",
};

/** Model-name prefixes → encoding, tried in order (e.g. `gpt-4o-2024-05-13`). */
const MODEL_PREFIX_TO_ENCODING: readonly (readonly [string, string])[] = [
  ["o1-", "o200k_base"],
  ["o3-", "o200k_base"],
  ["o4-mini-", "o200k_base"],
  ["gpt-5", "o200k_base"],
  ["gpt-4.5-", "o200k_base"],
  ["gpt-4.1-", "o200k_base"],
  ["chatgpt-4o-", "o200k_base"],
  ["gpt-4o-", "o200k_base"],
  ["gpt-4-", "cl100k_base"],
  ["gpt-3.5-turbo-", "cl100k_base"],
  ["gpt-35-turbo-", "cl100k_base"],
  ["gpt-oss-", "o200k_harmony"],
  ["ft:gpt-4o", "o200k_base"],
  ["ft:gpt-4", "cl100k_base"],
  ["ft:gpt-3.5-turbo", "cl100k_base"],
  ["ft:davinci-002", "cl100k_base"],
  ["ft:babbage-002", "cl100k_base"],
  ["llama-3-", "llama3"],
  ["llama-3.1-", "llama3"],
  ["meta-llama-3-", "llama3"],
  ["meta-llama-3.1-", "llama3"],
  ["qwen3-", "qwen3"],
  ["claude-2", "claude_legacy"],
  ["claude-instant-", "claude_legacy"],
];

/** tiktoken's `encoding_name_for_model`: exact name first, then prefixes; throws when unknown. */
export function encodingNameForModel(model: string): string {
  const exact = Object.hasOwn(MODEL_TO_ENCODING, model) ? MODEL_TO_ENCODING[model] : undefined;
  if (exact) return exact;
  for (const [prefix, name] of MODEL_PREFIX_TO_ENCODING) if (model.startsWith(prefix)) return name;
  throw new Error(
    `Could not map model "${model}" to an encoding. Pass an encoding name instead (one of: ${listEncodings().join(", ")}).`,
  );
}
