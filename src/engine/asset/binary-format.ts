/**
 * The TXVB format: a compact binary form of a `.tiktoken` file, for shipping a vocabulary to the
 * browser. This file describes it and reads its header; `binary-writer.ts` writes it,
 * `binary-reader.ts` reads it back into tokens, `tiktoken-text.ts` rebuilds the `.tiktoken`
 * file's text from those, and `load-binary.ts` checks an asset against its pins and loads it.
 *
 * Every token of rank ≥ 256 in the four official files is the concatenation of two tokens of
 * lower rank: BPE made it by merging them. So instead of its bytes we store those two ranks,
 * split into byte planes (all low bytes, then all middle bytes, then all high bytes), which
 * gzip squeezes well: o200k_base is 721 KB gzipped, against 1.69 MB for the `.tiktoken` file.
 * `tiktokenTextFromBinary` rebuilds the exact text of the original file (same bytes, same
 * sha256), and `verifyBinaryVocab` checks that text against the pinned sha256 before use:
 *
 *   const spec = getEncodingSpec("o200k_base");
 *   const text = await verifyBinaryVocab(spec.vocab, await FileAttachment("data/vocab/o200k_base.bin").arrayBuffer());
 *   const encoding = createEncoding(spec, text);
 *
 * ## Format (version 1; integers little-endian)
 *
 *   "TXVB"          4 bytes   magic
 *   version         1 byte    1
 *   g, generator    1 + g     UTF-8 name of the script that made the file (at most 255 bytes)
 *   f, source       1 + f     UTF-8 name of the `.tiktoken` file it was made from
 *   sha256          32 bytes  that file's sha256, raw
 *   N               4 bytes   rank count: one more than the largest rank
 *   kinds           N bytes   one per rank r = 0 … N-1: 0 no token has this rank (a gap),
 *                             1 a single byte, 2 a pair of lower ranks, 3 literal bytes
 *   singles         1 byte per kind-1 rank, in rank order: the token's byte
 *   left            P planes of one byte per kind-2 rank: the left part's rank; first every
 *                   low byte, then every middle byte, then every high byte
 *   right           the same for the right part's rank
 *   literals        per kind-3 rank, in rank order: length (LEB128, ≥ 1), then the bytes
 *
 * P, the bytes a rank needs, is 1 when N ≤ 2^8, 2 when N ≤ 2^16, else 3. In version 1 the
 * file ends right after the literals. A pair's parts must have lower ranks than the pair itself, so a reader
 * rebuilds every token in one pass in rank order. The pair stored for a token is the one BPE
 * merges last when it encodes the token's bytes (what `mergeTrace` shows); when BPE does not
 * reach the token, any split into two lower tokens; when there is none, the token is literal.
 * The official files have no literal token, but the format and the tests cover them.
 *
 * ## Worked example
 *
 * The (made-up) file `demo.tiktoken`, with rank 3 unused:
 *
 *   YQ== 0     "a"     kind 1, byte 0x61
 *   Yg== 1     "b"     kind 1, byte 0x62
 *   YWI= 2     "ab"    kind 2: "a" + "b" = (0, 1)
 *   YWJi 4     "abb"   kind 2: BPE merges "a"+"b" first, then "ab" + "b" = (2, 1)
 *   eHl6 5     "xyz"   kind 3: no split into two tokens, so 3 literal bytes
 *
 * made by a script named "gen" becomes these 75 bytes (N = 6, so P = 1), and
 * `tiktokenTextFromBinary` gives back "YQ== 0\nYg== 1\nYWI= 2\nYWJi 4\neHl6 5\n":
 *
 *   54 58 56 42                       "TXVB"
 *   01                                version 1
 *   03 67 65 6e                       generator "gen"
 *   0d 64 65 6d 6f … 65 6e            source "demo.tiktoken" (13 bytes)
 *   7e 89 d9 31 … aa 0a af a9 fa 4e   sha256 of demo.tiktoken (32 bytes)
 *   06 00 00 00                       N = 6
 *   01 01 02 00 02 03                 kinds of ranks 0–5
 *   61 62                             singles: "a", "b"
 *   00 02                             left ranks of ranks 2 and 4 (low bytes; P = 1)
 *   01 01                             right ranks of ranks 2 and 4
 *   03 78 79 7a                       literal of rank 5: 3 bytes "xyz"
 *
 * ## Version 2: a merge list after the literals
 *
 * A Hugging Face model merges by its list of merges, not by rank (`hf/merges.ts`), so its
 * asset (src/data/vocab/write-open-model.ts) also carries that list. Version 2 is version 1
 * plus, after the literals:
 *
 *   M               LEB128    number of merges
 *   made            M × zigzag LEB128: the ID the merge makes, minus the previous merge's
 *                   (the first minus 0). Lists made by training mostly make IDs in order,
 *                   so this is one byte 02 ("+1") per merge.
 *   split           M × LEB128: the length in bytes of the merge's left part.
 *
 * The token made and where it splits name the merge: its left part is the token of its first
 * `split` bytes, its right part the token of the rest. Qwen3's first two merges, "Ġ" + "Ġ" →
 * "ĠĠ" (ID 256) and "ĠĠ" + "ĠĠ" → "ĠĠĠĠ" (257), are stored as
 *
 *   made   80 04  02     +256 (zigzag 512, LEB128 80 04), then +1 (zigzag 2)
 *   split  01     02     the left parts are 1 and 2 bytes long
 *
 * Llama 3's 280,147 merges take 137 KB gzipped this way.
 *
 * These files are pure TypeScript (no Node module, no DOM): they run in browsers, workers and Node.
 */

/** "TXVB" */
export const MAGIC = [0x54, 0x58, 0x56, 0x42];
export const BINARY_VOCAB_VERSION = 1;
/** The version with a merge list (see "Version 2" above). */
export const BINARY_MODEL_VERSION = 2;

/** What each rank is, in the kinds stream. */
export const KIND_GAP = 0,
  KIND_BYTE = 1,
  KIND_PAIR = 2,
  KIND_LITERAL = 3;

/** What a binary vocabulary's header says. */
export interface BinaryVocabHeader {
  version: number;
  /** The script that made the file, e.g. `"src/data/vocab/write-binary.ts"`. */
  generator: string;
  /** The `.tiktoken` file it was made from, e.g. `"o200k_base.tiktoken"`. */
  file: string;
  /** That file's sha256, lower-case hex. */
  sha256: string;
  /** One more than the largest rank. */
  rankCount: number;
  /** Where the streams begin. */
  headerLength: number;
}

/** Bytes a rank below `rankCount` needs (P above). */
export function planesFor(rankCount: number): number {
  if (rankCount <= 1 << 8) return 1;
  if (rankCount <= 1 << 16) return 2;
  if (rankCount <= 1 << 24) return 3;
  throw new Error(`A binary vocabulary holds at most 2^24 ranks, not ${rankCount}.`);
}

/** `data` as a Uint8Array (a view, not a copy). */
export const asBytes = (bytes: ArrayBuffer | Uint8Array) =>
  bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);

/** Read and check a binary vocabulary's header. Throws on anything but a TXVB version 1 or 2 header. */
export function readBinaryVocabHeader(data: ArrayBuffer | Uint8Array): BinaryVocabHeader {
  const bytes = asBytes(data);
  const need = (n: number, what: string) => {
    if (bytes.length < n) throw new Error(`it ends after ${bytes.length} bytes, inside the header (${what})`);
  };
  need(6, "magic");
  if (MAGIC.some((m, i) => bytes[i] !== m))
    throw new Error(
      `it does not start with "TXVB" (it starts with bytes ${Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ")})`,
    );
  const version = bytes[4];
  if (version !== BINARY_VOCAB_VERSION && version !== BINARY_MODEL_VERSION) {
    throw new Error(
      `it is version ${version} of the format; this reader knows versions ${BINARY_VOCAB_VERSION} and ${BINARY_MODEL_VERSION}`,
    );
  }
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let p = 5;
  const g = bytes[p++];
  need(p + g + 1, "generator name");
  const generator = utf8.decode(bytes.subarray(p, p + g));
  p += g;
  const f = bytes[p++];
  need(p + f + 36, "source file name, sha256 and rank count");
  const file = utf8.decode(bytes.subarray(p, p + f));
  p += f;
  const sha256 = Array.from(bytes.subarray(p, p + 32), (b) => b.toString(16).padStart(2, "0")).join("");
  p += 32;
  const rankCount = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(p, true);
  p += 4;
  return { version, generator, file, sha256, rankCount, headerLength: p };
}
