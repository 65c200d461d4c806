/**
 * Shared helper of the data loaders `src/data/vocab/<name>.bin.ts`: reads the official
 * `data/vocab/<name>.tiktoken` (checking its pinned sha256), encodes it in the binary form of
 * `src/engine/asset/binary-vocab.ts` and writes it to stdout, so the site ships it as
 * `FileAttachment("data/vocab/<name>.bin")`. The header of every file it makes names this
 * script (`GENERATOR`) and the source file with its sha256.
 *
 * Before writing, it rebuilds the `.tiktoken` text from the bytes it made and compares it with
 * the original: a file that would not verify in the browser is never written.
 *
 *   npx tsx src/data/vocab/o200k_base.bin.ts > /tmp/o200k_base.bin
 */
import { encodeVocabBinary, tiktokenTextFromBinary } from "../../engine/index.js";
import {readVocabText} from "../../engine/node.js";
import { VOCABS } from "../../engine/index.js";
import { Vocab } from "../../engine/index.js";

/** Written into the header of every file this script makes. */
export const GENERATOR = "src/data/vocab/write-binary.ts";

/** The binary form of one of the four official vocabularies, checked by a round trip. */
export function binaryVocab(name: keyof typeof VOCABS): Uint8Array {
  const ref = VOCABS[name];
  const text = readVocabText(ref);
  const bytes = encodeVocabBinary(Vocab.fromTiktoken(text), {source: ref, generator: GENERATOR});
  if (tiktokenTextFromBinary(bytes) !== text) {
    throw new Error(`${GENERATOR}: the binary form of ${ref.file} does not rebuild the file byte for byte; nothing written.`);
  }
  return bytes;
}

/** Write `binaryVocab(name)` to stdout (what a Framework data loader does). */
export function writeBinaryVocab(name: keyof typeof VOCABS): void {
  process.stdout.write(binaryVocab(name));
}
