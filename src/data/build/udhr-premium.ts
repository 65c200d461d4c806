/**
 * The "language tax": what the same text costs in tokens in each language, relative to English
 * (the tokenization "premium" of Petrov et al., "Language Model Tokenizers Introduce Unfairness
 * Between Languages", NeurIPS 2023). The corpus is the UDHR's 30 articles (udhr-corpus.ts):
 * the same content in every language, so any difference in tokens is the tokenizer's.
 *
 *   premium(language, encoding) = tokens(language's articles) / tokens(English's articles)
 *
 * A worked example, article 3 alone:
 *
 *   English  "Everyone has the right to life, liberty and the security of person."
 *            o200k_base: 14 tokens  "Everyone" " has" " the" " right" " to" " life" "," …
 *            cl100k_base: 14 tokens
 *   Armenian "Յուրաքանչյուր ոք ունի ապրելու, ազատության ու անձի անձեռնմխելիության իրավունք։"
 *            o200k_base: 22 tokens  "Յ" "ուր" "աքանչյուր" " ո" "ք" " ունի" " ապր" "ելու" "," …
 *            cl100k_base: 145 tokens (almost one per UTF-8 byte: it has hardly any Armenian merges)
 *   premium  o200k_base 22 / 14 = 1.57; cl100k_base 145 / 14 = 10.36
 *
 * On all 30 articles the same holds: Armenian's premium is 10.738 under cl100k_base, 1.545
 * under o200k_base. The premium is computed on the whole text (articles 1–30 in one string),
 * never averaged over articles.
 *
 * Per language, `premiumRow` gives `chars` (code points), `bytes` (UTF-8), `words`
 * (Intl.Segmenter's word-like segments, one root-locale segmenter for every language so the
 * rule is the same everywhere; it splits Chinese, Japanese, Thai, Lao, Khmer and Burmese with
 * ICU's dictionaries), and for each of r50k_base (GPT-2, GPT-3), cl100k_base (GPT-3.5, GPT-4),
 * o200k_base (GPT-4o), llama3 (Llama 3 and 3.1), qwen3, mixtral_v0_1 (Mixtral 8x22B v0.1) and
 * claude_legacy (Claude 2.1 and older; not accurate for Claude 3 and later): the token count by `encodeOrdinary` (ordinary
 * text, no special tokens), and `<encoding>_premium` = tokens / English's tokens, rounded to 3
 * decimals.
 *
 * p50k_base (Codex, text-davinci-002/003) has no column: it is r50k_base plus tokens for runs
 * of 2–25 spaces (24 tokens, for code), and has the same ranks and pre-tokenizer, so prose without such runs gets
 * exactly r50k_base's tokens. Checked on this corpus: on all 470 texts, p50k_base and r50k_base
 * give the same count (`sameCounts`, run by tests/data/udhr.test.ts on every text).
 *
 * Everything here is a pure function of texts and `Encoding`s: the loader
 * (udhr-premium.csv.ts) passes `loadEncoding(name)` from src/engine/node.ts.
 */
import { codePointCount, utf8Length, type Encoding } from "../../engine/index.js";
import type { UdhrLanguage } from "./udhr-corpus.js";
import { ENGLISH, PREMIUM_ENCODINGS, type PremiumEncoding } from "../../lib/language-tax.js";

/** The encodings with a column, and the language every premium is relative to (src/lib/language-tax.ts). */
export { ENGLISH, PREMIUM_ENCODINGS, type PremiumEncoding };

/** The CSV's columns, in order: the required ones, then what the map needs. */
export const CSV_COLUMNS = [
  "code", "name", "script", "chars", "bytes", "words",
  "r50k_base", "r50k_base_premium", "cl100k_base", "cl100k_base_premium", "o200k_base", "o200k_base_premium",
  "llama3", "llama3_premium", "qwen3", "qwen3_premium", "mixtral_v0_1", "mixtral_v0_1_premium", "claude_legacy", "claude_legacy_premium",
  "latitude", "longitude", "bcp47",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export interface TextStats {
  /** Code points. */
  chars: number;
  /** UTF-8 bytes. */
  bytes: number;
  /** Word-like segments (Intl.Segmenter, granularity "word", `isWordLike`). */
  words: number;
}

export type PremiumRow = Record<"code" | "name" | "script" | "bcp47", string> &
  Record<Exclude<CsvColumn, "code" | "name" | "script" | "bcp47" | "latitude" | "longitude">, number> &
  Record<"latitude" | "longitude", number | null>;

const segmenter = new Intl.Segmenter("und", { granularity: "word" });

/** Code points, UTF-8 bytes and words of a text. `textStats("Ça va?")` → {chars: 6, bytes: 7, words: 2}. */
export function textStats(text: string): TextStats {
  let words = 0;
  for (const s of segmenter.segment(text)) if (s.isWordLike) words++;
  return { chars: codePointCount(text), bytes: utf8Length(text), words };
}

/** Ordinary tokens of `text` (special-token text, if any, is just text). */
export function tokenCount(encoding: Encoding, text: string): number {
  return encoding.encodeOrdinary(text).length;
}

/** `x` rounded to 3 decimals: 2.41666… → 2.417. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Token counts of one text under each encoding. */
export function tokenCounts(encodings: Record<PremiumEncoding, Encoding>, text: string): Record<PremiumEncoding, number> {
  return Object.fromEntries(PREMIUM_ENCODINGS.map((name) => [name, tokenCount(encodings[name], text)])) as Record<PremiumEncoding, number>;
}

/**
 * One CSV row: the language's statistics and, per encoding, its tokens and premium over
 * `english` (English's token counts under the same encodings).
 */
export function premiumRow(language: UdhrLanguage, counts: Record<PremiumEncoding, number>, english: Record<PremiumEncoding, number>): PremiumRow {
  const row: Partial<PremiumRow> = { code: language.code, name: language.name, script: language.script, ...textStats(language.text) };
  for (const name of PREMIUM_ENCODINGS) {
    row[name] = counts[name];
    row[`${name}_premium`] = round3(counts[name] / english[name]);
  }
  return { ...row, latitude: language.latitude, longitude: language.longitude, bcp47: language.bcp47 } as PremiumRow;
}

/**
 * Every language's row, in the corpus's order. English must be among the languages (its row
 * has premium 1 under every encoding).
 */
export function premiumRows(languages: readonly UdhrLanguage[], encodings: Record<PremiumEncoding, Encoding>, englishCode = ENGLISH): PremiumRow[] {
  const english = languages.find((l) => l.code === englishCode);
  if (!english) throw new Error(`premiumRows: no language with code "${englishCode}" to compare with`);
  const englishCounts = tokenCounts(encodings, english.text);
  return languages.map((l) => premiumRow(l, l === english ? englishCounts : tokenCounts(encodings, l.text), englishCounts));
}

/** Do two encodings give every text the same number of tokens? The texts where they do not. */
export function sameCounts(a: Encoding, b: Encoding, texts: readonly { code: string; text: string }[]): { code: string; a: number; b: number }[] {
  const differ: { code: string; a: number; b: number }[] = [];
  for (const { code, text } of texts) {
    const na = tokenCount(a, text);
    const nb = tokenCount(b, text);
    if (na !== nb) differ.push({ code, a: na, b: nb });
  }
  return differ;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces;
 * null is an empty field (d3's autoType reads it back as null).
 */
export function csvField(value: string | number | null): string {
  const s = value === null ? "" : String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text: a header of `CSV_COLUMNS`, one line per row, "\n" line ends, a final newline. */
export function toCsv(rows: readonly PremiumRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of rows) lines.push(CSV_COLUMNS.map((c) => csvField(row[c])).join(","));
  return lines.join("\n") + "\n";
}
