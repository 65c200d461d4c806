/**
 * The binary vocabulary assets (src/engine/asset/: binary-format.ts, binary-writer.ts,
 * binary-reader.ts, tiktoken-text.ts, load-binary.ts): each rebuilds its official
 * `.tiktoken` file byte for byte, a damaged asset is refused with a message naming the file,
 * literal tokens and unused ranks survive, and o200k_base stays within its size budget.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { readBinaryVocabHeader } from "../../src/engine/asset/binary-format.ts";
import { encodeVocabBinary, splitOf } from "../../src/engine/asset/binary-writer.ts";
import { loadBinaryVocab, verifyBinaryVocab } from "../../src/engine/asset/load-binary.ts";
import { tiktokenBytesFromBinary, tiktokenTextFromBinary } from "../../src/engine/asset/tiktoken-text.ts";
import { createEncoding } from "../../src/engine/core/encoding.ts";
import { loadEncoding, VOCAB_DIR } from "../../src/engine/node.ts";
import { getEncodingSpec, VOCABS } from "../../src/engine/registry.ts";
import type { VocabRef } from "../../src/engine/types.ts";
import { Vocab } from "../../src/engine/core/vocab.ts";
import { binaryVocab, GENERATOR } from "../../src/data/vocab/write-binary.ts";
import { tinyEncoding, tinyTiktoken } from "./helpers.ts";

const NAMES = ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"] as const;
/** The asset each data loader writes, made once per vocabulary. */
const assets = new Map<string, Uint8Array>();
const asset = (name: (typeof NAMES)[number]) => {
  if (!assets.has(name)) assets.set(name, binaryVocab(name));
  return assets.get(name)!;
};

const utf8 = new TextEncoder();
const sha256 = (text: string | Uint8Array) => createHash("sha256").update(text).digest("hex");
/** A ref for a hand-made file: its name and the sha256 of its text. */
const refOf = (file: string, text: string): VocabRef => ({ file, sha256: sha256(Buffer.from(text, "latin1")) });
const tinyBinary = (text: string, file = "tiny.tiktoken") =>
  encodeVocabBinary(Vocab.fromTiktoken(text), {
    source: refOf(file, text),
    generator: "tests/engine/binary-vocab.test.ts",
  });
/** The kind byte (0 gap, 1 byte, 2 pair, 3 literal) of `rank` in an asset. */
const kindOf = (bytes: Uint8Array, rank: number) => bytes[readBinaryVocabHeader(bytes).headerLength + rank];

for (const name of NAMES) {
  test(`tiktokenBytesFromBinary(binaryVocab("${name}")) equals data/vocab/${name}.tiktoken byte for byte`, () => {
    const bytes = asset(name);
    const original = readFileSync(VOCAB_DIR + VOCABS[name].file);
    const rebuilt = tiktokenBytesFromBinary(bytes);
    assert.equal(rebuilt.length, original.length);
    assert.ok(
      Buffer.from(rebuilt.buffer, rebuilt.byteOffset, rebuilt.length).equals(original),
      `${name}: rebuilt file differs`,
    );
    assert.equal(tiktokenTextFromBinary(bytes), original.toString("latin1"));
  });
}

test("readBinaryVocabHeader(bytes) names the generator script, the source file and its sha256", () => {
  for (const name of NAMES) {
    const header = readBinaryVocabHeader(asset(name));
    const text = readFileSync(VOCAB_DIR + VOCABS[name].file, "latin1");
    assert.deepEqual(
      { version: header.version, generator: header.generator, file: header.file, sha256: header.sha256 },
      {
        version: 1,
        generator: "src/data/vocab/write-binary.ts",
        file: `${name}.tiktoken`,
        sha256: VOCABS[name].sha256,
      },
    );
    assert.equal(GENERATOR, "src/data/vocab/write-binary.ts");
    assert.equal(header.rankCount, Vocab.fromTiktoken(text).rankLimit);
  }
});

test("gzip of data/vocab/o200k_base.bin (zlib level 9) is at most 800 KB", () => {
  const size = gzipSync(asset("o200k_base"), { level: 9 }).length;
  assert.ok(size <= 800_000, `o200k_base.bin is ${size} bytes gzipped, over the 800,000-byte budget`);
  // The pair form must stay well under the .tiktoken file itself.
  const tiktoken = gzipSync(readFileSync(VOCAB_DIR + VOCABS.o200k_base.file), { level: 9 }).length;
  assert.ok(size < tiktoken * 0.5, `${size} is not under half of the .tiktoken file's ${tiktoken}`);
});

test("every official token of rank ≥ 256 is stored as a pair; p50k_base's unused rank 50256 as a gap", () => {
  for (const name of NAMES) {
    const bytes = asset(name);
    const { rankCount } = readBinaryVocabHeader(bytes);
    const counts = [0, 0, 0, 0];
    for (let r = 0; r < rankCount; r++) counts[kindOf(bytes, r)]++;
    const gaps = name === "p50k_base" ? 1 : 0;
    assert.deepEqual(counts, [gaps, 256, rankCount - 256 - gaps, 0], name);
  }
  assert.equal(kindOf(asset("p50k_base"), 50256), 0);
  assert.equal(Vocab.fromTiktoken(tiktokenTextFromBinary(asset("p50k_base"))).bytesOf(50256), undefined);
});

test("splitOf(vocab, rank) is the pair BPE joins last: mergeTrace(bytes)'s second-to-last step", () => {
  const enc = loadEncoding("o200k_base");
  const vocab = Vocab.fromTiktoken(readFileSync(VOCAB_DIR + VOCABS.o200k_base.file, "latin1"));
  let checked = 0;
  for (let r = 256; r < vocab.rankLimit; r += 97) {
    const bytes = vocab.bytesOf(r)!;
    const { steps } = enc.mergeTrace(bytes);
    const last = steps[steps.length - 1];
    if (!last || last.rank !== r) continue; // BPE does not reach this token: any split will do
    const before = steps.length >= 2 ? steps[steps.length - 2].parts : Array.from(bytes, (b) => Uint8Array.of(b));
    const expected = [enc.rank(before[last.index]), enc.rank(before[last.index + 1])];
    assert.deepEqual(splitOf(vocab, r), expected, `rank ${r}`);
    checked++;
  }
  assert.ok(checked > 1900, `only ${checked} ranks checked`);
});

test("createEncoding(spec, await verifyBinaryVocab(spec.vocab, bytes) or await loadBinaryVocab(spec.vocab, bytes)) encodes like loadEncoding(name)", async () => {
  const samples = [
    "hello world",
    "Tokenizers split text into pieces called tokens. naïve café, 日本語, 🤖 and <b>markup</b>",
    "    def f(x):\n        return x ** 2  # comment\n\n\n",
    "鬱 \u{1F469}\u200D\u{1F469}\u200D\u{1F467} ſ 'S 'll 123456789",
  ];
  for (const name of ["o200k_base", "cl100k_base"] as const) {
    const spec = getEncodingSpec(name);
    const ref = loadEncoding(name);
    for (const enc of [
      createEncoding(spec, await verifyBinaryVocab(spec.vocab, asset(name))),
      createEncoding(spec, await loadBinaryVocab(spec.vocab, asset(name))),
    ]) {
      for (const s of samples) {
        assert.deepEqual(enc.encode(s), ref.encode(s), `${name}: ${JSON.stringify(s)}`);
        assert.equal(enc.decode(enc.encode(s)), s);
      }
      assert.deepEqual(
        enc.encode("<|endoftext|>", { allowedSpecial: "all" }),
        ref.encode("<|endoftext|>", { allowedSpecial: "all" }),
      );
    }
  }
});

test("loadBinaryVocab(ref, bytes) gives the Vocab of the .tiktoken file: every rank's bytes, unused ranks unused", async () => {
  for (const name of ["r50k_base", "p50k_base"] as const) {
    const fromText = Vocab.fromTiktoken(readFileSync(VOCAB_DIR + VOCABS[name].file, "latin1"));
    const fromBinary = await loadBinaryVocab(VOCABS[name], asset(name).slice().buffer);
    assert.equal(fromBinary.size, fromText.size);
    assert.equal(fromBinary.rankLimit, fromText.rankLimit);
    assert.equal(fromBinary.maxTokenLength, fromText.maxTokenLength);
    for (let r = 0; r < fromText.rankLimit; r++)
      assert.deepEqual(fromBinary.bytesOf(r), fromText.bytesOf(r), `${name} rank ${r}`);
  }
  assert.equal((await loadBinaryVocab(VOCABS.p50k_base, asset("p50k_base"))).bytesOf(50256), undefined);
});

test("verifyBinaryVocab(ref, bytes) accepts an ArrayBuffer and returns the file's text", async () => {
  const bytes = asset("r50k_base");
  const copy = bytes.slice().buffer;
  assert.equal(
    await verifyBinaryVocab(VOCABS.r50k_base, copy),
    readFileSync(VOCAB_DIR + VOCABS.r50k_base.file, "latin1"),
  );
});

// The same checks and messages whether the asset becomes text or a Vocab, when the asset
// itself is not pinned (a VocabRef without `assetSha256`): the rebuilt text is what is hashed.
const unpinned = ({ file, sha256 }: VocabRef): VocabRef => ({ file, sha256 });
const byText =
  (load: (ref: VocabRef, data: ArrayBuffer | Uint8Array) => Promise<unknown>) =>
  (ref: VocabRef, data: ArrayBuffer | Uint8Array) =>
    load(unpinned(ref), data);
for (const [fn, check] of [
  ["verifyBinaryVocab", verifyBinaryVocab],
  ["loadBinaryVocab", byText(loadBinaryVocab)],
] as const) {
  test(`${fn}(ref, bytes) rejects a corrupted asset, naming the file`, async () => {
    const good = asset("r50k_base");
    const { headerLength, rankCount } = readBinaryVocabHeader(good);
    const ref = VOCABS.r50k_base;
    const flip = (at: number, value?: number) => {
      const bad = good.slice();
      bad[at] = value ?? bad[at] ^ 0x01;
      return bad;
    };
    // A single byte changed: the text rebuilds, but to other bytes.
    await assert.rejects(check(ref, flip(headerLength + rankCount + 10)), {
      message:
        /^Binary vocabulary for r50k_base\.tiktoken rebuilds a file with sha256 [0-9a-f]{64}, but the registry pins 306cd27f.*: the asset is altered or truncated\.$/,
    });
    // The last pair's right part made to point past itself (the high byte of the last right rank).
    await assert.rejects(check(ref, flip(good.length - 1, 0xff)), {
      message:
        /^Binary vocabulary for r50k_base\.tiktoken is corrupt or truncated: rank \d+ is stored as the pair \(\d+, \d+\), which is not two tokens of lower rank\.$/,
    });
    // An unknown kind.
    await assert.rejects(check(ref, flip(headerLength + 300, 7)), {
      message: /r50k_base\.tiktoken is corrupt or truncated: rank 300 has kind 7/,
    });
    // Not a TXVB file at all: the .tiktoken file itself.
    await assert.rejects(check(ref, readFileSync(VOCAB_DIR + ref.file)), {
      message: /^Binary vocabulary for r50k_base\.tiktoken is not a valid TXVB file: it does not start with "TXVB"/,
    });
    await assert.rejects(check(ref, flip(4, 3)), {
      message:
        /r50k_base\.tiktoken is not a valid TXVB file: it is version 3 of the format; this reader knows versions 1 and 2/,
    });
    // The header's sha256 altered: the asset claims another file.
    await assert.rejects(check(ref, flip(headerLength - 10)), {
      message:
        /r50k_base\.tiktoken was made from r50k_base\.tiktoken with sha256 .*the asset is for another vocabulary/,
    });
    // Extra bytes after the last stream.
    const longer = new Uint8Array(good.length + 3);
    longer.set(good);
    await assert.rejects(check(ref, longer), {
      message: /r50k_base\.tiktoken is corrupt or truncated: it has 3 bytes after its last stream/,
    });
  });

  test(`${fn}(ref, bytes) rejects a truncated asset, naming the file`, async () => {
    const good = asset("o200k_base");
    const ref = VOCABS.o200k_base;
    for (const keep of [good.length - 1, Math.floor(good.length / 2), 1000]) {
      await assert.rejects(check(ref, good.subarray(0, keep)), {
        message: new RegExp(
          `^Binary vocabulary for o200k_base\\.tiktoken is corrupt or truncated: it ends after ${keep} bytes`,
        ),
      });
    }
    for (const keep of [0, 3, 20, 60]) {
      await assert.rejects(check(ref, good.subarray(0, keep)), {
        message: new RegExp(
          `^Binary vocabulary for o200k_base\\.tiktoken is not a valid TXVB file: it ends after ${keep} bytes, inside the header`,
        ),
      });
    }
  });

  test(`${fn}(ref, bytes) rejects the asset of another vocabulary`, async () => {
    await assert.rejects(check(VOCABS.o200k_base, asset("cl100k_base")), {
      message:
        /^Binary vocabulary for o200k_base\.tiktoken was made from cl100k_base\.tiktoken with sha256 223921b7.*, but the registry pins o200k_base\.tiktoken with sha256 446a9538.*: the asset is for another vocabulary\.$/,
    });
  });
}

test("encodeVocabBinary(vocab, options) stores a token with no split into two lower tokens as literal bytes", async () => {
  // "xyz": no "xy" or "yz" token; the 200-byte token needs a two-byte length.
  const long = "q".repeat(200);
  const extra = ["ab", "xyz", "abb", long, "xyzab"];
  const text = tinyTiktoken(extra);
  const bytes = tinyBinary(text);
  assert.deepEqual(
    [256, 257, 258, 259, 260].map((r) => kindOf(bytes, r)),
    [2, 3, 2, 3, 2],
  );
  assert.equal(tiktokenTextFromBinary(bytes), text);
  const verified = await verifyBinaryVocab(refOf("tiny.tiktoken", text), bytes);
  assert.equal(verified, text);
  // The encoding built from it behaves like one built from the text.
  const spec = tinyEncoding(extra).spec;
  const enc = createEncoding(spec, verified);
  for (const s of ["abb xyzab", long + "q", "xyz xy ab"])
    assert.deepEqual(enc.encode(s), tinyEncoding(extra).encode(s));
  // A truncated literal is refused.
  await assert.rejects(verifyBinaryVocab(refOf("tiny.tiktoken", text), bytes.subarray(0, bytes.length - 150)), {
    message:
      /^Binary vocabulary for tiny\.tiktoken is corrupt or truncated: it ends after \d+ bytes, inside the 200-byte literal of rank 259\.$/,
  });
});

test("encodeVocabBinary(vocab, options) keeps unused ranks as gaps, before and after pairs", () => {
  const full = tinyTiktoken(["ab", "cd", "abcd", "x y", "abcdab"]);
  // Drop ranks 257 ("cd") and 259 ("x y"): "abcd" (258) can no longer be "ab" + "cd".
  const text = full
    .split("\n")
    .filter((line) => !/ (257|259)$/.test(line))
    .join("\n");
  const bytes = tinyBinary(text);
  assert.deepEqual(
    [256, 257, 258, 259, 260].map((r) => kindOf(bytes, r)),
    [2, 0, 3, 0, 2],
  );
  assert.equal(readBinaryVocabHeader(bytes).rankCount, 261);
  assert.equal(tiktokenTextFromBinary(bytes), text);
  const vocab = Vocab.fromTiktoken(tiktokenTextFromBinary(bytes));
  assert.equal(vocab.bytesOf(257), undefined);
  assert.equal(vocab.bytesOf(259), undefined);
  assert.deepEqual(splitOf(vocab, 260), [258, 256]);
});

test("encodeVocabBinary(tokens, options) gives the worked example of binary-format.ts's top comment", () => {
  const text = "YQ== 0\nYg== 1\nYWI= 2\nYWJi 4\neHl6 5\n";
  const tokens = [
    utf8.encode("a"),
    utf8.encode("b"),
    utf8.encode("ab"),
    undefined,
    utf8.encode("abb"),
    utf8.encode("xyz"),
  ];
  const ref = refOf("demo.tiktoken", text);
  const bytes = encodeVocabBinary(tokens, { source: ref, generator: "gen" });
  const hex = (s: string) => Uint8Array.from(s.trim().split(/\s+/), (h) => parseInt(h, 16));
  const expected = [
    hex("54 58 56 42 01 03 67 65 6e 0d"),
    utf8.encode("demo.tiktoken"),
    hex(ref.sha256.replace(/../g, "$& ")),
    hex("06 00 00 00  01 01 02 00 02 03  61 62  00 02  01 01  03 78 79 7a"),
  ];
  assert.deepEqual(bytes, Uint8Array.from(expected.flatMap((a) => [...a])));
  assert.equal(bytes.length, 75);
  assert.ok(ref.sha256.startsWith("7e89d931") && ref.sha256.endsWith("aa0aafa9fa4e"), "the comment shows this sha256");
  assert.equal(tiktokenTextFromBinary(bytes), text);
});

test("encodeVocabBinary(tokens, options) refuses duplicate or empty tokens and a malformed sha256", () => {
  const source = { file: "x.tiktoken", sha256: "0".repeat(64) };
  assert.throws(
    () => encodeVocabBinary([utf8.encode("a"), utf8.encode("a")], { source, generator: "g" }),
    /same bytes twice \(ranks 0 and 1\)/,
  );
  assert.throws(
    () => encodeVocabBinary([utf8.encode("a"), new Uint8Array(0)], { source, generator: "g" }),
    /Rank 1 is an empty token/,
  );
  assert.throws(
    () => encodeVocabBinary([utf8.encode("a")], { source: { file: "x", sha256: "ABC" }, generator: "g" }),
    /not a lower-case hex sha256/,
  );
});

test("VOCABS[name].assetSha256 pins the bytes binaryVocab(name) makes (after a format change: npx tsx scripts/pin-vocab-assets.ts)", () => {
  for (const name of Object.keys(VOCABS) as (keyof typeof VOCABS)[]) {
    assert.equal(createHash("sha256").update(binaryVocab(name)).digest("hex"), VOCABS[name].assetSha256, name);
  }
});

test("loadBinaryVocab(ref with assetSha256, bytes) checks the asset's own bytes first and reports any change as that", async () => {
  const good = asset("r50k_base");
  const ref = VOCABS.r50k_base;
  const pinned =
    /^Binary vocabulary for r50k_base\.tiktoken has sha256 [0-9a-f]{64}, but the registry pins becaefd4.*: the asset is altered, truncated or from another build\.$/;
  const { headerLength, rankCount } = readBinaryVocabHeader(good);
  for (const at of [headerLength + rankCount + 10, good.length - 1, headerLength + 300, 4]) {
    const bad = good.slice();
    bad[at] ^= 0x01;
    await assert.rejects(loadBinaryVocab(ref, bad), { message: pinned }, `byte ${at} changed`);
  }
  await assert.rejects(loadBinaryVocab(ref, good.subarray(0, good.length - 1)), { message: pinned });
  await assert.rejects(loadBinaryVocab(ref, asset("p50k_base")), { message: pinned });
  // And the pinned path builds the same table as the text path.
  const a = await loadBinaryVocab(ref, good),
    b = await loadBinaryVocab(unpinned(ref), good);
  for (const rank of [0, 255, 256, 1000, 50255]) assert.deepEqual(a.bytesOf(rank), b.bytesOf(rank), `rank ${rank}`);
});
