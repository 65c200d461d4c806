import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { get_encoding } from "tiktoken";
import { loadEncoding } from "../../src/engine/node.js";
import { VOCABS } from "../../src/engine/index.js";
import { tokenText } from "../../src/lib/token-facets.js";
import {
  anomalyNote,
  ANOMALIES_NOTE,
  KNOWN_ANOMALIES,
  knownAnomalies,
  unreachableTokens,
  type GlitchTokensFile,
  type UnreachableReport,
} from "../../src/data/build/glitch-tokens.js";
import { ordinaryTokens } from "../../src/lib/vocab-stats.js";
import { tinyEncoding } from "../engine/helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NAMES = Object.keys(VOCABS) as (keyof typeof VOCABS)[];
const encodings = NAMES.map((name) => loadEncoding(name));
const reports = new Map(encodings.map((e) => [e.name, unreachableTokens(e)]));

test("unreachableTokens(encoding) finds a token that spans the pre-tokenizer's cut", () => {
  // The tiny encoding cuts letters from digits, so "a1" is a token that "a1" never encodes to.
  const enc = tinyEncoding(["ab", "a1"]);
  const report = unreachableTokens(enc);
  assert.deepEqual(report.unreachable, [{ id: 257, text: "a1", encodesAs: [97, 49] }]);
  assert.equal(report.unreachableCount, 1);
  assert.equal(report.ordinary, 258);
  assert.equal(report.fragments, 128, "bytes 0x80–0xff alone are not text");
  assert.equal(report.text, 130);
});

test("unreachableTokens(encoding) lists o200k_base's unreachable tokens, and none of the older vocabularies'", () => {
  assert.deepEqual(
    NAMES.map((n) => reports.get(n)!.unreachableCount),
    [0, 0, 0, 12],
  );
  assert.deepEqual(
    reports.get("o200k_base")!.unreachable.map((t) => t.id),
    [3413, 3914, 24091, 48235, 63100, 65447, 99494, 125141, 147008, 175653, 182292, 193819],
  );
  assert.deepEqual(reports.get("o200k_base")!.unreachable[0], { id: 3413, text: " I'", encodesAs: [357, 6] });
});

test("unreachableTokens(encoding) agrees with tiktoken on every text token of the four vocabularies", () => {
  // tiktoken's WASM build re-encodes each token's text: those that do not come back as
  // themselves must be exactly the listed ones, each encoding as listed.
  for (const enc of encodings) {
    const tk = get_encoding(enc.name as keyof typeof VOCABS);
    try {
      const report = reports.get(enc.name)!;
      const expected: UnreachableReport["unreachable"] = [];
      let text = 0;
      for (const [id, bytes] of ordinaryTokens(enc)) {
        const decoded = tokenText(bytes);
        if (!decoded.valid) continue;
        text++;
        const ids = Array.from(tk.encode_ordinary(decoded.text));
        if (ids.length !== 1 || ids[0] !== id) expected.push({ id, text: decoded.text, encodesAs: ids });
      }
      assert.deepEqual(report.unreachable, expected, enc.name);
      assert.equal(report.text, text, enc.name);
      for (const t of report.unreachable) {
        assert.equal(tokenText(enc.tokenBytes(t.id)).text, t.text, `${enc.name} ${t.id}: its own text`);
        assert.notDeepEqual(t.encodesAs, [t.id], `${enc.name} ${t.id}`);
      }
    } finally {
      tk.free();
    }
  }
});

test("unreachableTokens(encoding) counts fragments apart: ordinary = text + fragments", () => {
  for (const [name, r] of reports) {
    assert.equal(r.text + r.fragments, r.ordinary, name);
    assert.ok(r.fragments > 256 / 2, `${name}: at least the 128 bytes 0x80–0xff`);
  }
  assert.deepEqual(NAMES.map((n) => reports.get(n)!.fragments), [344, 344, 773, 1562]);
});

test('knownAnomalies(encodings) gives r50k_base\'s " SolidGoldMagikarp" as [43453]', () => {
  const [magikarp] = knownAnomalies(encodings);
  assert.equal(magikarp.text, " SolidGoldMagikarp");
  assert.deepEqual(magikarp.ids.r50k_base, [43453]);
  assert.deepEqual(magikarp.ids.p50k_base, [43453]);
  assert.equal(magikarp.ids.cl100k_base.length, 5);
  assert.equal(magikarp.note, "One token in r50k_base and p50k_base (43453); 5 tokens in cl100k_base and 5 in o200k_base.");
});

test("knownAnomalies(encodings) are single tokens of r50k_base, and their IDs are tiktoken's", () => {
  const anomalies = knownAnomalies(encodings);
  assert.deepEqual(anomalies.map((a) => a.text), [...KNOWN_ANOMALIES]);
  for (const a of anomalies) {
    assert.equal(a.ids.r50k_base.length, 1, `${JSON.stringify(a.text)} is one r50k_base token`);
    for (const name of NAMES) {
      const tk = get_encoding(name);
      try {
        assert.deepEqual(a.ids[name], Array.from(tk.encode_ordinary(a.text)), `${JSON.stringify(a.text)} in ${name}`);
      } finally {
        tk.free();
      }
    }
  }
  const davidjl = anomalies.find((a) => a.text === " davidjl")!;
  assert.equal(davidjl.note, "One token in r50k_base and p50k_base (23282), and in cl100k_base (99944); 2 tokens in o200k_base.");
});

test("anomalyNote(ids) says where a string is one token and how many it takes elsewhere", () => {
  assert.equal(anomalyNote({ a: [7], b: [7], c: [9] }), "One token in a and b (7), and in c (9).");
  assert.equal(anomalyNote({ a: [1, 2], b: [1, 2, 3] }), "2 tokens in a and 3 in b.");
  assert.equal(anomalyNote({ a: [5], b: [1, 2], c: [3, 4], d: [6, 7, 8] }), "One token in a (5); 2 tokens in b, 2 in c and 3 in d.");
});

test("src/data/glitch-tokens.json.ts prints the unreachable tokens and the anomalies as JSON", () => {
  const out = execFileSync(process.execPath, ["--import", "tsx", "src/data/glitch-tokens.json.ts"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
  const file = JSON.parse(out) as GlitchTokensFile;
  assert.equal(file.generator, "src/data/glitch-tokens.json.ts");
  assert.deepEqual(Object.keys(file.encodings), NAMES);
  for (const name of NAMES) assert.deepEqual(file.encodings[name], reports.get(name), name);
  assert.equal(file.anomaliesNote, ANOMALIES_NOTE);
  assert.deepEqual(file.anomalies, knownAnomalies(encodings));
  assert.deepEqual(file.anomalies[0].ids.r50k_base, [43453]);
});
