/**
 * OpenAI's encodings as data, the way tiktoken's `openai_public.py` lists them: the four official
 * vocabularies (pinned by sha256), then each encoding's vocabulary, split pattern, special tokens
 * and `n_vocab`. Nothing here loads a file.
 */
import { CL100K, O200K, R50K } from "./patterns.js";
import type { TiktokenSpec, VocabRef } from "../types.js";

/**
 * The four official vocabularies, byte-identical to OpenAI's; provenance in `data/vocab/README.md`.
 * `assetSha256` pins the site's binary asset of each (src/data/vocab/write-binary.ts makes it
 * from the file; `npx tsx scripts/pin-vocab-assets.ts` prints these after a format change, and
 * tests/engine/binary-vocab.test.ts fails until they are updated).
 */
export const VOCABS = {
  r50k_base: {
    file: "r50k_base.tiktoken",
    sha256: "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
    assetSha256: "becaefd4b50ac6287b1b0a47342b15acacff4a6721830ae2b98d17840b524009",
  },
  p50k_base: {
    file: "p50k_base.tiktoken",
    sha256: "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
    assetSha256: "f538c85d591ead063f72a5c19b7ff6f82f1acf139c90920449280700b968bb8e",
  },
  cl100k_base: {
    file: "cl100k_base.tiktoken",
    sha256: "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    assetSha256: "a51d11c82c7965b590c4bad2613517566c2cb343520868294e53c0d8d5af1618",
  },
  o200k_base: {
    file: "o200k_base.tiktoken",
    sha256: "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    assetSha256: "0384a8c77ed4e1800ba864a7c81f8c2701a7f4607af3c871743a408e6dc96795",
  },
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

export const OPENAI_SPECS: readonly TiktokenSpec[] = [
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
