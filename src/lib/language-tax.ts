/**
 * The language tax's data, as the /languages page reads it: which encodings it compares, one
 * row per language (src/data/udhr-premium.json.ts, built by src/data/build/udhr-premium.ts),
 * and the few questions the page asks of the rows. No DOM: the charts are
 * src/components/language-tax-charts.ts.
 *
 *   row = {code: "hye", name: "Armenian", script: "Armenian", chars: 8783, bytes: 16379, …,
 *          cl100k_base: 16375, cl100k_base_premium: 10.738, o200k_base: 2354, o200k_base_premium: 1.545, …}
 *   premium(row, "o200k_base")              → 1.545 (its tokens ÷ English's, same articles)
 *   findLanguages(rows, "armenian")         → [row]  (by name, ISO 639-3 code or BCP 47 tag)
 *   premiumChanges(rows).gained[0]          → the language whose premium fell most from
 *                                             cl100k_base to o200k_base
 */

/** The encodings with a column: OpenAI's, oldest first, then the open models the site ships. */
export const PREMIUM_ENCODINGS = [
  "r50k_base",
  "cl100k_base",
  "o200k_base",
  "llama3",
  "qwen3",
  "mixtral_v0_1",
  "claude_legacy",
] as const;
export type PremiumEncoding = (typeof PREMIUM_ENCODINGS)[number];

/** The language every premium is relative to (ISO 639-3). */
export const ENGLISH = "eng";

/** One language's row: its text's size, and per encoding its tokens and its premium over English. */
export type TaxRow = {
  code: string;
  name: string;
  script: string;
  bcp47?: string | null;
  /** Code points, UTF-8 bytes and words of its 30 articles. */
  chars: number;
  bytes: number;
  words: number;
  /** Where the udhr package places the language (NaN when it does not). */
  latitude: number;
  longitude: number;
} & Record<PremiumEncoding | `${PremiumEncoding}_premium`, number>;

/** What the dot plot measures: the premium, or tokens per UTF-8 byte. */
export type TaxMeasure = "premium" | "perByte";

/** A language's premium under `encoding`: its tokens ÷ English's tokens for the same articles. */
export function premium(row: TaxRow, encoding: PremiumEncoding): number {
  return row[`${encoding}_premium`];
}

/** The dot plot's value of a row: its premium, or its tokens per UTF-8 byte. */
export function measureOf(measure: TaxMeasure, encoding: PremiumEncoding): (row: TaxRow) => number {
  return (d) => (measure === "premium" ? premium(d, encoding) : d[encoding] / d.bytes);
}

/** English's row. */
export function englishRow(rows: readonly TaxRow[]): TaxRow {
  const english = rows.find((d) => d.code === ENGLISH);
  if (!english) throw new Error(`englishRow: no row with code "${ENGLISH}"`);
  return english;
}

/** The languages a search finds: its name contains the query, or its code or BCP 47 tag is it (any case). */
export function findLanguages(rows: readonly TaxRow[], query: string): TaxRow[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return rows.filter(
    (d) => d.name.toLowerCase().includes(q) || d.code.toLowerCase() === q || (d.bcp47 ?? "").toLowerCase() === q,
  );
}

/** A row with how its premium changed from cl100k_base to o200k_base (below 1: it got cheaper). */
export type TaxChange = TaxRow & { ratio: number };

export interface PremiumChanges {
  /** Every row, with its ratio. */
  changes: TaxChange[];
  /** Every row, the biggest gain (lowest ratio) first. */
  gained: TaxChange[];
  /** Premium up by more than 0.5%. */
  worse: TaxChange[];
  /** Premium within 0.5%. */
  same: TaxChange[];
  /** The four that got worst. */
  worst: TaxChange[];
  /** Codes of the languages the slope chart names: the eight biggest gains and the four worst. */
  labelled: Set<string>;
}

/** From cl100k_base to o200k_base: who gained, who lost, who stayed the same. */
export function premiumChanges(rows: readonly TaxRow[]): PremiumChanges {
  const changes = rows.map((d) => ({ ...d, ratio: d.o200k_base_premium / d.cl100k_base_premium }));
  const gained = [...changes].sort((a, b) => a.ratio - b.ratio);
  const worse = changes.filter((d) => d.ratio > 1.005);
  const same = changes.filter((d) => Math.abs(d.ratio - 1) <= 0.005);
  const worst = [...worse].sort((a, b) => b.ratio - a.ratio).slice(0, 4);
  const labelled = new Set([...gained.slice(0, 8), ...worst].map((d) => d.code));
  return { changes, gained, worse, same, worst, labelled };
}
