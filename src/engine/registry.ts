/**
 * The registry: every encoding the engine knows, by name, and the model → encoding lookup.
 * OpenAI's seven come first (`openai/encodings.ts`, as tiktoken's `openai_public.py` lists
 * them), then the open models' tokenizers the site ships (`hf/open-models.generated.ts`, made
 * from their tokenizer.json files by scripts/make-open-models.ts). Model names: `openai/models.ts`.
 *
 * Nothing here loads a file. `node.ts` (Node: `loadEncoding`) and the site's loaders
 * (`loadEncodingFromAsset`) read the file named by `spec.vocab`, check its sha256, and build
 * the encoding its `kind` says.
 */
import { OPEN_MODEL_SPECS } from "./hf/open-models.generated.js";
import { MODEL_PREFIX_TO_ENCODING, MODEL_TO_ENCODING } from "./openai/models.js";
import { OPENAI_SPECS, VOCABS } from "./openai/encodings.js";
import type { EncodingSpec } from "./types.js";

export { MODEL_TO_ENCODING, VOCABS };

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

/** tiktoken's `encoding_name_for_model`: exact name first, then prefixes; throws when unknown. */
export function encodingNameForModel(model: string): string {
  const exact = Object.hasOwn(MODEL_TO_ENCODING, model) ? MODEL_TO_ENCODING[model] : undefined;
  if (exact) return exact;
  for (const [prefix, name] of MODEL_PREFIX_TO_ENCODING) if (model.startsWith(prefix)) return name;
  throw new Error(
    `Could not map model "${model}" to an encoding. Pass an encoding name instead (one of: ${listEncodings().join(", ")}).`,
  );
}
