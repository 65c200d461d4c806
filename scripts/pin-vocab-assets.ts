/**
 * Prints the sha256 of each binary vocabulary asset as src/data/vocab/write-binary.ts makes it,
 * for the `assetSha256` pins in src/engine/openai/encodings.ts (`VOCABS`). Run after changing the binary
 * format or its generator; tests/engine/binary-vocab.test.ts fails until the pins match.
 *
 *   npx tsx scripts/pin-vocab-assets.ts
 */
import { createHash } from "node:crypto";
import { VOCABS } from "../src/engine/index.ts";
import { binaryVocab } from "../src/data/vocab/write-binary.ts";

for (const name of Object.keys(VOCABS) as (keyof typeof VOCABS)[]) {
  console.log(`${name}: assetSha256 "${createHash("sha256").update(binaryVocab(name)).digest("hex")}"`);
}
