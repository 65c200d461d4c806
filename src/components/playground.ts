/**
 * The playground's read-outs, each a function of its data returning DOM: the counts table
 * with one live status per encoding, the bar chart, and the notice about special-token text.
 */
import { encodingInfo, encodingLabel } from "../lib/encoding-info.js";
import type { TextStats } from "../lib/text-stats.js";
import type { Encoded } from "../workers/tokenizer-client.js";
import { formatNumber } from "./dom.js";

const ratio = (a: number, b: number) => (b ? (a / b).toFixed(2) : "–");

/** "o200k_base: 1,024 tokens", in an element of its own that screen readers announce. */
export function tokenStatus(encoding: string, tokens: number): HTMLElement {
  const el = document.createElement("p");
  el.className = "token-status";
  el.setAttribute("role", "status");
  // Element Timing: the browser reports when this text is first painted (npm run bench:browser).
  el.setAttribute("elementtiming", "token-count");
  const warning = encodingInfo(encoding).warning;
  el.textContent = `${encoding}: ${formatNumber(tokens)} ${tokens === 1 ? "token" : "tokens"}${warning ? ` (${warning})` : ""}`;
  return el;
}

/** Tokens per encoding beside the text's own counts (`await result.stats`). */
export function countsTable(result: Encoded, stats: TextStats): HTMLElement {
  const table = document.createElement("table");
  table.className = "counts";
  const head = table.createTHead().insertRow();
  for (const h of [
    "encoding",
    "tokens",
    "characters",
    "graphemes",
    "UTF-16 units",
    "UTF-8 bytes",
    "words",
    "chars / token",
    "bytes / token",
  ]) {
    const th = document.createElement("th");
    th.textContent = h;
    head.append(th);
  }
  const body = table.createTBody();
  for (const t of result.tables) {
    const row = body.insertRow();
    for (const cell of [
      encodingLabel(t.encoding),
      formatNumber(t.length),
      formatNumber(stats.codePoints),
      formatNumber(stats.graphemes),
      formatNumber(stats.utf16),
      formatNumber(stats.utf8),
      formatNumber(stats.words),
      ratio(stats.codePoints, t.length),
      ratio(stats.utf8, t.length),
    ]) {
      row.insertCell().textContent = cell;
    }
  }
  return table;
}

/**
 * A bar per encoding: how many tokens the same text costs. Plot is imported when the first
 * chart is drawn, so that loading it never delays the first tokens.
 */
export async function countsChart(
  result: Encoded,
  { width = 640 }: { width?: number } = {},
): Promise<SVGSVGElement | HTMLElement> {
  const Plot = await import("@observablehq/plot");
  const data = result.tables.map((t) => ({ encoding: t.encoding, tokens: t.length }));
  const warnings = data.filter((d) => encodingInfo(d.encoding).warning).map((d) => encodingLabel(d.encoding));
  return Plot.plot({
    caption: warnings.length ? warnings.join("; ") : undefined,
    width,
    height: 40 + 28 * data.length,
    marginLeft: 110,
    x: { label: "tokens", grid: true },
    y: { label: null },
    marks: [
      Plot.barX(data, {
        x: "tokens",
        y: "encoding",
        fill: "var(--theme-foreground-focus)",
        sort: { y: "x", reverse: true },
      }),
      Plot.text(data, {
        x: "tokens",
        y: "encoding",
        text: (d: { tokens: number }) => formatNumber(d.tokens),
        dx: 4,
        textAnchor: "start",
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** Says which special-token texts the text contains, and how they are being read. */
export function specialNotice(specials: string[], asSpecial: boolean): HTMLElement {
  const el = document.createElement("p");
  el.className = "special-notice";
  if (!specials.length) return el;
  const list = specials.map((s) => JSON.stringify(s)).join(", ");
  el.textContent = asSpecial
    ? `The text contains special-token text (${list}), encoded as special tokens.`
    : `The text contains special-token text (${list}), encoded as plain text. Tick "special tokens" to encode it as the special tokens instead.`;
  return el;
}

/**
 * Side by side: "The encodings cut 12 of 57 spans differently: their tokens are underlined."
 * Empty (and hidden) with one encoding.
 */
export function cutsNotice(result: Pick<Encoded, "cuts">): HTMLElement {
  const el = document.createElement("p");
  el.className = "cuts-notice";
  const cuts = result.cuts;
  if (!cuts) return el;
  el.textContent = cuts.differing
    ? `The encodings cut ${formatNumber(cuts.differing)} of ${formatNumber(cuts.spans)} ${cuts.spans === 1 ? "span" : "spans"} of the text differently: those tokens are underlined with a wavy line.`
    : `The encodings cut the text the same way: all ${formatNumber(cuts.spans)} ${cuts.spans === 1 ? "token is" : "tokens are"} the same spans.`;
  return el;
}
