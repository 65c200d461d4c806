/**
 * The language-tax data: the UDHR corpus (src/data/build/udhr-corpus.ts), the premium per language
 * (src/data/build/udhr-premium.ts) and the two loaders. Token counts are checked against the WASM
 * oracle, the `tiktoken` package. About 15 s, most of it the CSV loader's run.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { get_encoding, type TiktokenEncoding } from "tiktoken";
import { loadEncoding } from "../../src/engine/node.js";
import type { Encoding } from "../../src/engine/index.js";
import { OPEN_MODELS } from "../../scripts/open-model-engines.ts";
import {
  articlesText,
  exclusionsOf,
  mainScript,
  parseDeclaration,
  readDeclaration,
  udhrEntries,
  udhrExclusions,
  udhrLanguages,
  type UdhrLanguage,
} from "../../src/data/build/udhr-corpus.js";
import {
  CSV_COLUMNS,
  PREMIUM_ENCODINGS,
  csvField,
  premiumRows,
  round3,
  sameCounts,
  textStats,
  toCsv,
  tokenCount,
  type PremiumEncoding,
} from "../../src/data/build/udhr-premium.js";
import { median } from "../../src/lib/median.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const encodings = Object.fromEntries(PREMIUM_ENCODINGS.map((n) => [n, loadEncoding(n)])) as Record<PremiumEncoding, Encoding>;
const languages = udhrLanguages();
const byCode = new Map(languages.map((l) => [l.code, l]));
const lang = (code: string): UdhrLanguage => {
  const l = byCode.get(code);
  assert.ok(l, `${code} is in the corpus`);
  return l;
};
const entry = (code: string) => udhrEntries().find((e) => e.info.code === code)!;

/** RFC 4180 CSV → objects keyed by the header (a reader independent of `toCsv`). */
function csvParse(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records;
  return rows.map((r) => {
    assert.equal(r.length, header.length, `a row of ${header.length} fields: ${r.join(",")}`);
    return Object.fromEntries(header.map((h, k) => [h, r[k]]));
  });
}

/** A declaration in the package's markup, from a compact description (for the rules' tests). */
function declarationHtml(articles: { n: number; heading?: string; paragraphs?: string[]; items?: string[] }[], preamble?: string[]): string {
  const art = articles.map(({ n, heading = `Article ${n}`, paragraphs = [], items }) => {
    const list = items ? `<ol>${items.map((i) => (i === "" ? "<li></li>" : `<li>\n<p>${i}</p>\n</li>`)).join("")}</ol>` : "";
    return `<article data-number="${n}">\n<h2>${heading}</h2>\n${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}${list}\n</article>`;
  });
  const header = preamble ? `<header>\n<h2>Preamble</h2>\n${preamble.map((p) => `<p>${p}</p>`).join("\n")}\n</header>\n` : "";
  return `<!doctype html>\n<html><head><title>T</title></head><body>\n<h1>Title</h1>\n${header}${art.join("\n")}\n</body></html>\n`;
}
const thirty = (f: (n: number) => { n: number; heading?: string; paragraphs?: string[]; items?: string[] } = (n) => ({ n, paragraphs: [`Text of article ${n}.`] })) =>
  Array.from({ length: 30 }, (_, k) => f(k + 1));

// ---- extraction ---------------------------------------------------------------------------

test("parseDeclaration(html) keeps the articles' paragraphs: no title, preamble or headings, one line each", () => {
  const html = declarationHtml(
    [
      { n: 1, heading: "Article 1", paragraphs: ["  First\n   paragraph &#x26; more  ", "Second."] },
      { n: 2, heading: "Article 2", items: ["Item one.", "Item two."] },
    ],
    ["Whereas something,", "Now, therefore,"],
  );
  const parsed = parseDeclaration(html);
  assert.equal(parsed.title, "Title");
  assert.deepEqual(parsed.preamble, ["Whereas something,", "Now, therefore,"]);
  assert.deepEqual(parsed.articles.map((a) => a.headings), [["Article 1"], ["Article 2"]]);
  assert.equal(articlesText(parsed), "First paragraph & more\nSecond.\nItem one.\nItem two.");
});

test("udhrLanguages() gives English's 30 articles only: 8,276 code points, no preamble, no headings", () => {
  const eng = lang("eng");
  assert.ok(eng.text.startsWith("All human beings are born free and equal in dignity and rights."));
  assert.ok(eng.text.endsWith("to perform any act aimed at the destruction of any of the rights and freedoms set forth herein."));
  assert.ok(!eng.text.includes("Whereas"), "no preamble");
  assert.ok(!/Article \d/.test(eng.text), "no headings");
  assert.equal(textStats(eng.text).chars, 8276);
  assert.equal(entry("eng").parsed.articles.length, 30);
  assert.equal(eng.text.split("\n").length, entry("eng").parsed.articles.reduce((k, a) => k + a.paragraphs.length, 0));
});

test("articlesText(parsed) treats a translation without a preamble like English: Amharic (27 lack one, 18 kept)", () => {
  const eng = entry("eng").parsed;
  const amh = entry("amh").parsed;
  assert.equal(eng.preamble.length, 10, "English has a preamble of 10 paragraphs");
  assert.equal(amh.preamble.length, 0, "Amharic has none");
  assert.equal(amh.articles.length, 30);
  // Both texts are exactly their articles' paragraphs; English's preamble is not in its text.
  for (const p of [eng, amh]) assert.equal(articlesText(p), p.articles.flatMap((a) => a.paragraphs).join("\n"));
  assert.ok(lang("amh").text.startsWith("የሰው፡ልጅ፡ሁሉ፡ሲወለድ፡ነጻና፡በክብርና፡በመብትም፡እኩልነት፡ያለው፡ነው።"));
  assert.equal(lang("amh").text, articlesText(amh));
  // Counting the preamble would make English about 24% more expensive, and every language
  // without one look cheaper.
  const o200k = encodings.o200k_base;
  const withPreamble = tokenCount(o200k, [...eng.preamble, articlesText(eng)].join("\n"));
  const articles = tokenCount(o200k, articlesText(eng));
  assert.equal(articles, 1524);
  assert.ok(withPreamble / articles > 1.22 && withPreamble / articles < 1.26, `${withPreamble} / ${articles}`);
  const none = udhrEntries().filter((e) => e.parsed.preamble.length === 0);
  assert.equal(none.length, 27);
  assert.equal(none.filter((e) => byCode.has(e.info.code)).length, 18);
});

test("udhrLanguages() normalizes decomposed texts to NFC: Vietnamese drops from 5,414 to 2,348 o200k_base tokens", () => {
  const html = readDeclaration("vie");
  const stored = articlesText(parseDeclaration(html, false));
  assert.notEqual(stored, stored.normalize("NFC"), "Vietnamese is stored decomposed");
  // Its tone marks are combining characters: "ề" is stored as "ê" + U+0300 COMBINING GRAVE ACCENT.
  assert.ok(stored.includes("\u00ea\u0300"));
  const vie = lang("vie");
  assert.equal(vie.text, stored.normalize("NFC"));
  assert.ok(!vie.text.includes("\u00ea\u0300") && vie.text.includes("\u1ec1"), "NFC has the one code point U+1EC1 ề");
  assert.equal(tokenCount(encodings.o200k_base, stored), 5414);
  assert.equal(tokenCount(encodings.o200k_base, vie.text), 2348);
  // 33 texts are stored (partly) decomposed; every text of the corpus is NFC.
  const decomposed = udhrEntries().filter((e) => !e.parsed.storedNfc);
  assert.equal(decomposed.length, 33);
  assert.ok(decomposed.some((e) => e.info.code === "vie") && decomposed.some((e) => e.info.code === "mya"));
  for (const l of languages) assert.equal(l.text, l.text.normalize("NFC"), l.code);
});

// ---- exclusions ---------------------------------------------------------------------------

test("exclusionsOf(info, parsed) finds each rule in made-up declarations, and none in a complete one", () => {
  const rules = (html: string, stage: 1 | 3 | 4 = 4) => exclusionsOf({ stage }, parseDeclaration(html)).map((x) => x.rule);
  assert.deepEqual(rules(declarationHtml(thirty())), []);
  assert.deepEqual(rules(declarationHtml(thirty()), 1), ["fragment"]);
  assert.deepEqual(rules(declarationHtml(thirty().slice(0, 1)), 3), ["fragment"]);
  assert.deepEqual(rules(declarationHtml(thirty().slice(0, 23))), ["missing articles"]);
  assert.deepEqual(rules(declarationHtml(thirty().filter((a) => a.n !== 1))), ["missing articles"]);
  assert.deepEqual(rules(declarationHtml(thirty((n) => ({ n, paragraphs: n === 5 ? [] : ["Text."] })))), ["missing articles"], "an article with no text");
  assert.deepEqual(rules(declarationHtml(thirty((n) => ({ n, paragraphs: n === 13 ? ["Text.", "&#x26;1"] : ["Text."] })))), ["placeholder"]);
  assert.deepEqual(rules(declarationHtml(thirty((n) => ({ n, paragraphs: n === 30 ? ["@"] : ["Text."] })))), ["placeholder"]);
  assert.deepEqual(rules(declarationHtml(thirty((n) => (n === 23 ? { n, items: ["One.", "Two.", ""] } : { n, paragraphs: ["Text."] })))), ["empty paragraph"]);
  assert.deepEqual(rules(declarationHtml(thirty((n) => (n === 13 ? { n, items: ["O", "Two."] } : { n, paragraphs: ["Text."] })))), ["empty paragraph"]);
  const long = "Everyone has the right to life, liberty and security of person.";
  assert.deepEqual(rules(declarationHtml(thirty((n) => (n === 3 ? { n, heading: long, paragraphs: ["ARTICLE 4"] } : { n, paragraphs: ["Text."] })))), ["text in headings"]);
  // A long heading over a longer paragraph is only a long heading.
  assert.deepEqual(rules(declarationHtml(thirty((n) => ({ n, heading: `Article ${n} (${long})`, paragraphs: [long + " " + long] })))), []);
});

test("udhrExclusions() leaves out 62 of 532 texts: fragments, missing articles, placeholders, empty paragraphs, shifted markup", () => {
  const ex = udhrExclusions();
  assert.equal(ex.length, 62);
  assert.equal(languages.length, 470);
  assert.equal(languages.length + ex.length, udhrEntries().length);
  const byRule: Record<string, number> = {};
  for (const x of ex) byRule[x.rule] = (byRule[x.rule] ?? 0) + 1;
  assert.deepEqual(byRule, { "empty paragraph": 9, placeholder: 39, "missing articles": 6, "text in headings": 3, fragment: 5 });
  const rule = (code: string) => ex.find((x) => x.code === code)?.rule;
  for (const code of ["chv", "khk_mong", "taj", "tgl_tglg", "tzm_tfng"]) assert.equal(rule(code), "fragment", code);
  for (const code of ["052", "csw", "ike", "ojb", "kwi", "ykg"]) assert.equal(rule(code), "missing articles", code);
  for (const code of ["lia", "oss", "san_gran", "057", "065"]) assert.equal(rule(code), "placeholder", code);
  for (const code of ["bem", "cjk", "amr"]) assert.equal(rule(code), "empty paragraph", code);
  for (const code of ["bin", "nym", "umb"]) assert.equal(rule(code), "text in headings", code);
  assert.match(ex.find((x) => x.code === "052")!.reason, /articles 5–11 are not in the text \(23 of 30 articles\)/);
  assert.match(ex.find((x) => x.code === "qxu")!.reason, /^placeholder: .*; text in headings: /, "every broken rule is in the reason");
  for (const code of ["eng", "fra", "amh", "hye", "mya", "vie", "cmn_hans"]) assert.ok(byCode.has(code), `${code} is kept`);
});

// ---- script -------------------------------------------------------------------------------

test("mainScript(text) names the most frequent script, and agrees with every BCP 47 script subtag in the corpus", () => {
  assert.equal(mainScript("Всеки човек има право"), "Cyrillic");
  assert.equal(mainScript("人人生而自由，在尊严和权利上一律平等。"), "Han");
  assert.equal(mainScript("Tokyo 東京 is in Japan"), "Latin", "the most frequent, not mixed");
  assert.equal(mainScript("123, 456."), "none");
  assert.equal(lang("jpn").script, "Kana");
  for (const [code, script] of [["ccp", "Chakma"], ["div", "Thaana"], ["fuf_adlm", "Adlam"], ["chr_cased", "Cherokee"], ["iii", "Yi"], ["hye", "Armenian"], ["mya", "Myanmar"], ["amh", "Ethiopic"]])
    assert.equal(lang(code).script, script, code);
  const ISO15924: Record<string, string> = { Latn: "Latin", Cyrl: "Cyrillic", Arab: "Arabic", Adlm: "Adlam", Java: "Javanese", Lana: "Tai Tham", Hant: "Han", Hani: "Han" };
  let checked = 0;
  for (const l of languages) {
    const subtag = /-([A-Z][a-z]{3})(?:-|$)/.exec(l.bcp47)?.[1];
    if (!subtag) continue;
    assert.equal(l.script, ISO15924[subtag], `${l.code} (${l.bcp47})`);
    checked++;
  }
  assert.equal(checked, 21);
});

// ---- premium ------------------------------------------------------------------------------

test("premiumRows(languages, encodings) matches tiktoken (WASM) and, for the open models, transformers.js: Armenian, Burmese, Vietnamese, French, Chinese, Amharic", async () => {
  const codes = ["eng", "hye", "mya", "vie", "fra", "cmn_hans", "amh"];
  const rows = premiumRows(codes.map(lang), encodings);
  // The open models' reference, @lenml/tokenizers, as the benchmark loads it (scripts/open-model-engines.ts).
  const REFERENCE: Record<string, string> = { llama3: "llama3", qwen3: "qwen3", mixtral_v0_1: "mixtral-v0.1", claude_legacy: "claude (legacy)" };
  for (const name of PREMIUM_ENCODINGS) {
    let count: (text: string) => number, done = () => {};
    if (REFERENCE[name]) {
      const reference = await OPEN_MODELS.find((m) => m.name === REFERENCE[name])!.load();
      count = (text) => reference.theirs(text).length;
    } else {
      const oracle = get_encoding(name as TiktokenEncoding);
      count = (text) => oracle.encode_ordinary(text).length;
      done = () => oracle.free();
    }
    try {
      const counts = codes.map((c) => count(lang(c).text));
      rows.forEach((row, k) => {
        assert.equal(row[name], counts[k], `${row.code} ${name}`);
        assert.equal(row[`${name}_premium`], round3(counts[k] / counts[0]), `${row.code} ${name}_premium`);
      });
    } finally {
      done();
    }
  }
  const row = (code: string) => rows.find((r) => r.code === code)!;
  assert.deepEqual([row("eng").r50k_base_premium, row("eng").cl100k_base_premium, row("eng").o200k_base_premium], [1, 1, 1]);
  // The orientation figures: Armenian ~10.7x → ~1.5x, Burmese ~15.7x → ~4.2x.
  assert.deepEqual([row("hye").cl100k_base_premium, row("hye").o200k_base_premium], [10.738, 1.545]);
  assert.deepEqual([row("mya").cl100k_base_premium, row("mya").o200k_base_premium], [15.701, 4.204]);
  assert.deepEqual([row("vie").cl100k_base_premium, row("vie").o200k_base_premium], [2.778, 1.541]);
  assert.deepEqual([row("amh").cl100k_base_premium, row("amh").o200k_base_premium], [9.998, 6.749]);
  assert.deepEqual([row("cmn_hans").cl100k_base_premium, row("cmn_hans").o200k_base_premium], [1.676, 1.141]);
  assert.deepEqual([row("fra").cl100k_base_premium, row("fra").o200k_base_premium], [1.578, 1.323]);
});

test("sameCounts(p50k_base, r50k_base, texts) is empty on all 470 texts: p50k_base needs no column", () => {
  assert.deepEqual(sameCounts(loadEncoding("p50k_base"), encodings.r50k_base, languages), []);
  // It can differ: on runs of spaces p50k_base has tokens that r50k_base lacks.
  assert.equal(sameCounts(loadEncoding("p50k_base"), encodings.r50k_base, [{ code: "x", text: "a" + " ".repeat(8) + "b" }]).length, 1);
});

test("textStats(text), round3(x), csvField(value): the small pieces", () => {
  assert.deepEqual(textStats("Ça va?"), { chars: 6, bytes: 7, words: 2 });
  assert.deepEqual(textStats("人人生而自由"), { chars: 6, bytes: 18, words: textStats("人人生而自由").words });
  assert.ok(textStats("人人生而自由").words >= 2, "Chinese is split into words by ICU's dictionary");
  assert.equal(round3(2.41666), 2.417);
  assert.equal(csvField("Crioulo, Upper Guinea (008)"), '"Crioulo, Upper Guinea (008)"');
  assert.equal(csvField('a "b"'), '"a ""b"""');
  assert.equal(csvField("Yaneshaʼ"), "Yaneshaʼ");
  assert.equal(csvField(null), "");
  assert.equal(csvField(-0.12), "-0.12");
});

// ---- the loaders --------------------------------------------------------------------------

test("udhr-premium.csv.ts prints one row per kept language, columns in order, within 60 s", () => {
  const start = performance.now();
  const out = execFileSync(process.execPath, ["--import", "tsx", "src/data/udhr-premium.csv.ts"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
  const seconds = (performance.now() - start) / 1000;
  assert.ok(seconds < 60, `${seconds.toFixed(1)} s`);
  assert.equal(out.split("\n")[0], CSV_COLUMNS.join(","));
  assert.equal(
    CSV_COLUMNS.slice(0, 12).join(","),
    "code,name,script,chars,bytes,words,r50k_base,r50k_base_premium,cl100k_base,cl100k_base_premium,o200k_base,o200k_base_premium",
  );
  const rows = csvParse(out);
  assert.equal(rows.length, 470);
  assert.deepEqual(rows.map((r) => r.code), languages.map((l) => l.code));
  const eng = rows.find((r) => r.code === "eng")!;
  assert.deepEqual([eng.r50k_base_premium, eng.cl100k_base_premium, eng.o200k_base_premium], ["1", "1", "1"]);
  assert.equal(rows.find((r) => r.code === "008")!.name, "Crioulo, Upper Guinea (008)", "a quoted name reads back whole");
  assert.deepEqual([rows.find((r) => r.code === "023")!.latitude, rows.find((r) => r.code === "023")!.longitude], ["", ""], "unknown location");
  // The same rows as the pure functions give (checked against tiktoken above).
  const some = ["eng", "hye", "mya", "vie"].map(lang);
  assert.equal(toCsv(premiumRows(some, encodings)).split("\n").slice(1, 5).join("\n"), ["eng", "hye", "mya", "vie"].map((c) => out.split("\n").find((line) => line.startsWith(c + ","))).join("\n"));
  // Medians over the 470 texts: cl100k_base about 2.4x, o200k_base about 1.9x.
  const med = (k: string) => median(rows.map((r) => Number(r[k])));
  assert.equal(round3(med("cl100k_base_premium")), 2.381);
  assert.equal(round3(med("o200k_base_premium")), 1.896);
  assert.equal(round3(med("r50k_base_premium")), 2.685);
});

test("udhr-excluded.json.ts prints {generator, excluded, notes} with every left-out text and its reason", () => {
  const out = execFileSync(process.execPath, ["--import", "tsx", "src/data/udhr-excluded.json.ts"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
  const file = JSON.parse(out) as { generator: string; excluded: { code: string; name: string; rule: string; reason: string }[]; notes: string[]; counts: { included: number } };
  assert.equal(file.generator, "src/data/udhr-excluded.json.ts");
  assert.deepEqual(file.excluded, udhrExclusions());
  assert.equal(file.counts.included, 470);
  for (const x of file.excluded) assert.ok(x.code && x.name !== undefined && x.reason.startsWith(x.rule + ":"), x.code);
  assert.ok(file.notes.some((n) => n.includes("Vietnamese: 5414 o200k_base tokens as stored, 2348 in NFC")));
  assert.ok(file.notes.some((n) => n.startsWith("p50k_base has no column: on all 470 texts")));
});
