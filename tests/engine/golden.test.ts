/**
 * Our engine against tests/golden/<encoding>.json, the token IDs that the tiktoken WASM
 * oracle gave for the checked-in corpora (written by scripts/make-golden.ts, never by our
 * engine). Regenerate with `npm run golden` after changing a corpus or upgrading tiktoken.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadEncoding } from "../../src/engine/node.js";
import { getEncodingSpec } from "../../src/engine/registry.js";
import type { EncodeOptions } from "../../src/engine/types.js";
import type { GoldenFile } from "../../scripts/make-golden.js";
import {
  CORPORA,
  firstDifference,
  isWellFormed,
  readCorpus,
  readEdgeCases,
  ROOT,
  show,
  WASM_ENCODINGS,
} from "./support.js";

const tiktokenVersion = (
  JSON.parse(readFileSync(`${ROOT}node_modules/tiktoken/package.json`, "utf8")) as { version: string }
).version;
const edgeCases = readEdgeCases();

function readGolden(name: string): GoldenFile {
  return JSON.parse(readFileSync(`${ROOT}tests/golden/${name}.json`, "utf8")) as GoldenFile;
}

/** Every case whose IDs differ, as one line each (empty when all match). */
function mismatches<C extends { source: string; text: string; ids: number[] }>(
  cases: C[],
  encode: (c: C) => number[],
): string[] {
  const out: string[] = [];
  for (const c of cases) {
    let diff: string | undefined;
    try {
      diff = firstDifference(encode(c), c.ids);
    } catch (err) {
      diff = `threw ${(err as Error).message}`;
    }
    if (diff) out.push(`${c.source} ${show(c.text, 60)}: ${diff}`);
  }
  return out;
}

for (const name of WASM_ENCODINGS) {
  const golden = readGolden(name);
  const spec = getEncodingSpec(name);
  const enc = loadEncoding(name);

  test(`tests/golden/${name}.json header: generatedBy, tiktoken version, vocab sha256, nVocab, pattern and special tokens match the registry`, () => {
    assert.equal(golden.generatedBy, "scripts/make-golden.ts");
    assert.equal(golden.encoding, name);
    assert.equal(
      golden.tiktokenVersion,
      tiktokenVersion,
      `golden file made with tiktoken ${golden.tiktokenVersion}, installed ${tiktokenVersion}: run npm run golden`,
    );
    assert.match(golden.vocabSha256, /^[0-9a-f]{64}$/);
    assert.equal(golden.vocabSha256, spec.vocab.sha256, "the oracle's vocabulary is not the file the registry pins");
    assert.equal(golden.nVocab, spec.nVocab);
    assert.equal(golden.nVocab, enc.nVocab);
    assert.equal(golden.pattern, spec.pattern, "the registry's pattern is not the one the oracle runs");
    assert.deepEqual(golden.specialTokens, { ...spec.specialTokens });
  });

  test(`tests/golden/${name}.json covers the current corpora: chunks concatenate to each corpus file, every edge case is there`, () => {
    for (const corpus of CORPORA) {
      const chunks = golden.cases.filter((c) => c.source.startsWith(`${corpus}#`));
      assert.ok(chunks.length >= 10, `${corpus}: only ${chunks.length} chunks`);
      assert.equal(
        chunks.map((c) => c.text).join(""),
        readCorpus(corpus),
        `${corpus}.txt changed since the golden file was made: run npm run golden`,
      );
    }
    const edge = golden.cases.filter((c) => c.source.startsWith("edge#")).map((c) => c.text);
    assert.deepEqual(edge, edgeCases, "edge-cases.json changed since the golden file was made: run npm run golden");
    assert.ok(golden.specialCases.length >= 10);
  });

  for (const corpus of [...CORPORA, "edge"] as const) {
    test(`encodeOrdinary(text) reproduces every ${corpus} case of tests/golden/${name}.json`, () => {
      const cases = golden.cases.filter((c) => c.source.startsWith(`${corpus}#`));
      assert.ok(cases.length > 0);
      assert.deepEqual(
        mismatches(cases, (c) => enc.encodeOrdinary(c.text)),
        [],
      );
    });
  }

  test(`encode(text, {allowedSpecial, disallowedSpecial}) reproduces every special case of tests/golden/${name}.json`, () => {
    const failures = mismatches(
      golden.specialCases.map((c, i) => ({
        ...c,
        source: `special#${i} ${JSON.stringify([c.allowedSpecial, c.disallowedSpecial])}`,
      })),
      (c) => {
        const options: EncodeOptions = { allowedSpecial: c.allowedSpecial, disallowedSpecial: c.disallowedSpecial };
        return enc.encode(c.text, options);
      },
    );
    assert.deepEqual(failures, []);
    // and the special tokens really were found: every "all" case holds at least one special ID
    for (const c of golden.specialCases.filter((x) => x.allowedSpecial === "all")) {
      assert.ok(
        c.ids.some((id) => enc.isSpecial(id)),
        show(c.text),
      );
    }
  });

  test(`decode(ids) gives back the text of every well-formed case of tests/golden/${name}.json`, () => {
    const failures: string[] = [];
    for (const c of [...golden.cases, ...golden.specialCases.map((s, i) => ({ ...s, source: `special#${i}` }))]) {
      if (!isWellFormed(c.text)) continue;
      const back = enc.decode(c.ids);
      if (back !== c.text) failures.push(`${c.source}: ${show(c.text, 60)} decoded as ${show(back, 60)}`);
    }
    assert.deepEqual(failures, []);
  });
}
