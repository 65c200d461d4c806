/**
 * Node-only loading: read a pinned vocabulary from `data/vocab/`, check its sha256, build
 * the encoding. Browser code never imports this file.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createEncoding } from "./encoding.js";
import { encodingNameForModel, getEncodingSpec } from "./registry.js";
import type { Encoding, VocabRef } from "./types.js";

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

/** The encoding called `name`, read from `data/vocab/` and hash-checked (cached per process). */
export function loadEncoding(name: string): Encoding {
  let enc = cache.get(name);
  if (!enc) {
    const spec = getEncodingSpec(name);
    enc = createEncoding(spec, readVocabText(spec.vocab));
    cache.set(name, enc);
  }
  return enc;
}

/** The encoding a model uses, e.g. `encodingForModel("gpt-4o").name === "o200k_base"`. */
export function encodingForModel(model: string): Encoding {
  return loadEncoding(encodingNameForModel(model));
}
