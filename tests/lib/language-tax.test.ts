/**
 * The language tax's questions of its rows (src/lib/language-tax.ts), on made-up rows: the
 * premium and tokens per byte, search, and who gained from cl100k_base to o200k_base.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ENGLISH,
  PREMIUM_ENCODINGS,
  englishRow,
  findLanguages,
  measureOf,
  premium,
  premiumChanges,
  type TaxRow,
} from "../../src/lib/language-tax.ts";

/** A row whose premium is `cl100k` under cl100k_base and `o200k` under every other encoding. */
function row(code: string, name: string, cl100k: number, o200k: number, bcp47?: string): TaxRow {
  const r: Record<string, unknown> = {
    code,
    name,
    script: "Latin",
    bcp47,
    chars: 100,
    bytes: 200,
    words: 20,
    latitude: 0,
    longitude: 0,
  };
  for (const e of PREMIUM_ENCODINGS) {
    const p = e === "cl100k_base" ? cl100k : o200k;
    r[`${e}_premium`] = p;
    r[e] = 50 * p;
  }
  return r as TaxRow;
}

const ROWS = [
  row(ENGLISH, "English", 1, 1, "en"),
  row("hye", "Armenian", 10.738, 1.545, "hy"),
  row("kat", "Georgian", 4, 2),
  row("shn", "Shan", 15, 15.03),
  row("fra", "French", 1.3, 1.302, "fr"),
  row("deu", "German", 1.5, 1.6),
];

test("premium(row, encoding) and measureOf(measure, encoding): a row's premium, or tokens per UTF-8 byte", () => {
  const armenian = ROWS[1];
  assert.equal(premium(armenian, "o200k_base"), 1.545);
  assert.equal(measureOf("premium", "cl100k_base")(armenian), 10.738);
  assert.equal(measureOf("perByte", "cl100k_base")(armenian), (50 * 10.738) / 200);
});

test("englishRow(rows) is English's row, and an error without one", () => {
  assert.equal(englishRow(ROWS).name, "English");
  assert.throws(() => englishRow(ROWS.slice(1)), /no row with code "eng"/);
});

test("findLanguages(rows, query) matches part of a name, a whole code or BCP 47 tag, in any case", () => {
  assert.deepEqual(
    findLanguages(ROWS, " armen ").map((d) => d.code),
    ["hye"],
  );
  assert.deepEqual(
    findLanguages(ROWS, "KAT").map((d) => d.code),
    ["kat"],
  );
  assert.deepEqual(
    findLanguages(ROWS, "hy").map((d) => d.code),
    ["hye"],
  );
  assert.deepEqual(
    findLanguages(ROWS, "ka").map((d) => d.code),
    [],
  ); // a code must match whole
  assert.deepEqual(
    findLanguages(ROWS, "an").map((d) => d.code),
    ["hye", "kat", "shn", "deu"],
  );
  assert.deepEqual(findLanguages(ROWS, "  "), []);
});

test("premiumChanges(rows) sorts the gains, and counts who got worse or stayed within 0.5%", () => {
  const { changes, gained, worse, same, worst, labelled } = premiumChanges(ROWS);
  assert.equal(changes.length, ROWS.length);
  assert.equal(changes[1].ratio, 1.545 / 10.738);
  assert.deepEqual(
    gained.map((d) => d.code),
    ["hye", "kat", "eng", "fra", "shn", "deu"],
  );
  assert.deepEqual(
    worse.map((d) => d.code),
    ["deu"],
  );
  assert.deepEqual(
    same.map((d) => d.code),
    ["eng", "shn", "fra"],
  );
  assert.deepEqual(
    worst.map((d) => d.code),
    ["deu"],
  );
  assert.deepEqual([...labelled].sort(), ["deu", "eng", "fra", "hye", "kat", "shn"]);
});
