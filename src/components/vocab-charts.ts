/**
 * The vocabulary page's charts, each a function of data/vocab-stats.json (see
 * src/lib/vocab-stats.ts) returning a Plot chart:
 *
 *   byteLengthChart(stats, {width})  how long tokens are, in bytes, per encoding (lines)
 *   scriptShareChart(stats, {width}) which writing systems the tokens' letters belong to
 *   spaceShareChart(stats, {width})  how many tokens start with a space
 *   scriptGainChart(stats, {width})  tokens each script gained from cl100k_base to o200k_base
 *
 * Shares are of each encoding's ordinary tokens (special tokens left out), so that a 50k and a
 * 200k vocabulary compare: e.g. r50k_base's 7,305 five-byte tokens are 14.5% of its 50,256.
 * Plot is imported when the first chart is drawn (as in playground.ts).
 */
import type { ScriptName } from "../lib/token-facets.js";
import type { VocabStatsFile } from "../lib/vocab-stats.js";
import { formatNumber } from "./dom.js";

type Options = { width?: number };
type Chart = SVGSVGElement | HTMLElement;

const pct = (share: number) => `${(100 * share).toFixed(share < 0.01 ? 2 : 1)}%`;

/** Byte lengths beyond this are drawn as one "longer" point. */
export const MAX_CHARTED_LENGTH = 32;

/** How a script is named on the charts ("none" is not a script). */
function scriptLabel(script: ScriptName): string {
  return script === "none"
    ? "no script"
    : script === "mixed"
      ? "mixed scripts"
      : script === "other"
        ? "other scripts"
        : script;
}

const encodingNames = (stats: VocabStatsFile) => Object.keys(stats.encodings);

/** The same color for an encoding on every chart. */
const encodingColor = (stats: VocabStatsFile) => ({ domain: encodingNames(stats), legend: true });

/**
 * One line per encoding: the share of its tokens that are 1, 2, … 32 bytes long, and longer
 * (the last point). Most tokens are 3–7 bytes; o200k_base has more long ones.
 */
export async function byteLengthChart(stats: VocabStatsFile, { width = 640 }: Options = {}): Promise<Chart> {
  const Plot = await import("@observablehq/plot");
  const longer = MAX_CHARTED_LENGTH + 1;
  const data = Object.values(stats.encodings).flatMap((s) => {
    const rows = [];
    for (let length = 1; length <= longer; length++) {
      const count =
        length < longer ? (s.byteLengths[length] ?? 0) : s.byteLengths.slice(longer).reduce((a, b) => a + b, 0);
      rows.push({ encoding: s.encoding, length, count, share: count / s.ordinary });
    }
    return rows;
  });
  const lengthLabel = (n: number) => (n === longer ? `>${MAX_CHARTED_LENGTH}` : String(n));
  return Plot.plot({
    width,
    height: 320,
    ariaLabel: "Token length in bytes: share of each encoding's tokens of each length",
    ariaDescription: Object.values(stats.encodings)
      .map((s) => `${s.encoding}: ${formatNumber(s.ordinary)} tokens, up to ${s.maxByteLength} bytes`)
      .join("; "),
    marginRight: 20,
    x: {
      label: "token length (bytes)",
      domain: [1, longer],
      ticks: [1, 5, 10, 15, 20, 25, 30, longer],
      tickFormat: lengthLabel,
    },
    y: { label: "share of tokens (%)", percent: true, grid: true },
    color: encodingColor(stats),
    marks: [
      Plot.ruleY([0]),
      Plot.line(data, { x: "length", y: "share", stroke: "encoding", strokeWidth: 1.5 }),
      Plot.dot(data, { x: "length", y: "share", fill: "encoding", r: 2 }),
      Plot.tip(
        data,
        Plot.pointer({
          x: "length",
          y: "share",
          title: (d: (typeof data)[number]) =>
            `${d.encoding}\n${formatNumber(d.count)} tokens of ${lengthLabel(d.length)} bytes (${pct(d.share)})`,
        }),
      ),
    ],
  });
}

/** Plot's default categorical scheme (observable10), but for its gray, which means "other scripts". */
const OBSERVABLE10 = [
  "#4269d0",
  "#efb118",
  "#ff725c",
  "#6cc5b0",
  "#3ca951",
  "#ff8ab7",
  "#a463f2",
  "#97bbf5",
  "#9c6b4e",
];

/** Which scripts `scriptShareChart` names; the rest are drawn together as "other scripts". */
function chartedScripts(stats: VocabStatsFile, top = 6): ScriptName[] {
  if (top > OBSERVABLE10.length)
    throw new RangeError(
      `chartedScripts: at most ${OBSERVABLE10.length} scripts have a color of their own (asked for ${top}).`,
    );
  const all = Object.values(stats.encodings);
  const maxShare = (script: ScriptName) => Math.max(...all.map((s) => s.scripts[script] / s.ordinary));
  const scripts = Object.keys(all[0].scripts) as ScriptName[];
  return scripts
    .filter((s) => s !== "other" && s !== "mixed")
    .map((script, k) => ({ script, share: maxShare(script), k }))
    .sort((a, b) => b.share - a.share || a.k - b.k)
    .slice(0, top)
    .map((r) => r.script);
}

/**
 * One bar per encoding, split by the script of its tokens' letters: the `top` scripts with the
 * largest share in any encoding, then the rest as "other scripts". Latin fills nine tenths of
 * GPT-2's vocabulary; o200k_base gives much more room to the others.
 */
export async function scriptShareChart(
  stats: VocabStatsFile,
  { width = 640, top = 6 }: Options & { top?: number } = {},
): Promise<Chart> {
  const Plot = await import("@observablehq/plot");
  const named = chartedScripts(stats, top);
  const groups = [...named.map(scriptLabel), "other scripts"];
  const data = Object.values(stats.encodings).flatMap((s) => {
    const counts = new Map<string, number>(groups.map((g) => [g, 0]));
    for (const [script, n] of Object.entries(s.scripts) as [ScriptName, number][]) {
      const group = named.includes(script) ? scriptLabel(script) : "other scripts";
      counts.set(group, counts.get(group)! + n);
    }
    return groups.map((group) => ({
      encoding: s.encoding,
      group,
      count: counts.get(group)!,
      share: counts.get(group)! / s.ordinary,
    }));
  });
  return Plot.plot({
    width,
    height: 60 + 44 * encodingNames(stats).length,
    ariaLabel: "Share of each encoding's tokens by the script of their letters",
    ariaDescription: Object.values(stats.encodings)
      .map(
        (s) => `${s.encoding}: ${named.map((n) => `${scriptLabel(n)} ${pct(s.scripts[n] / s.ordinary)}`).join(", ")}`,
      )
      .join("; "),
    marginLeft: 90,
    x: { label: "share of tokens (%)", percent: true, domain: [0, 100] },
    y: { label: null, domain: encodingNames(stats) },
    color: { domain: groups, range: [...OBSERVABLE10.slice(0, named.length), "#9498a0"], legend: true },
    marks: [
      Plot.barX(data, Plot.stackX({ x: "share", y: "encoding", fill: "group", order: groups, insetRight: 0.5 })),
      Plot.text(
        data,
        Plot.stackX({
          x: "share",
          y: "encoding",
          z: "group",
          order: groups,
          text: (d: (typeof data)[number]) => (d.share >= 0.06 ? pct(d.share) : ""),
          fill: "black",
          stroke: "white",
          strokeWidth: 3,
          fontSize: 11,
        }),
      ),
      Plot.tip(
        data,
        Plot.pointerY(
          Plot.stackX({
            x: "share",
            y: "encoding",
            z: "group",
            order: groups,
            title: (d: (typeof data)[number]) =>
              `${d.encoding}, ${d.group}\n${formatNumber(d.count)} tokens (${pct(d.share)})`,
          }),
        ),
      ),
    ],
  });
}

/** One bar per encoding: the share of its tokens that start with a space (" the", " 2026"). */
export async function spaceShareChart(stats: VocabStatsFile, { width = 640 }: Options = {}): Promise<Chart> {
  const Plot = await import("@observablehq/plot");
  const data = Object.values(stats.encodings).map((s) => ({
    encoding: s.encoding,
    count: s.startsWithSpace,
    ordinary: s.ordinary,
    share: s.startsWithSpace / s.ordinary,
  }));
  return Plot.plot({
    width,
    height: 40 + 32 * data.length,
    ariaLabel: "Share of each encoding's tokens that start with a space",
    ariaDescription: data
      .map((d) => `${d.encoding}: ${pct(d.share)} (${formatNumber(d.count)} of ${formatNumber(d.ordinary)})`)
      .join("; "),
    marginLeft: 90,
    marginRight: 150,
    x: { label: "tokens that start with a space (%)", percent: true, domain: [0, 100], grid: true },
    y: { label: null, domain: data.map((d) => d.encoding) },
    color: encodingColor(stats),
    marks: [
      Plot.barX(data, { x: "share", y: "encoding", fill: "encoding" }),
      Plot.text(data, {
        x: "share",
        y: "encoding",
        text: (d: (typeof data)[number]) => `${pct(d.share)} (${formatNumber(d.count)} of ${formatNumber(d.ordinary)})`,
        dx: 4,
        textAnchor: "start",
      }),
      Plot.ruleX([0]),
    ],
  });
}

/**
 * One bar per script: how many more tokens o200k_base has for it than cl100k_base, largest
 * gain first (`stats.o200kVsCl100k`). A script that lost tokens would get a bar to the left.
 */
export async function scriptGainChart(stats: VocabStatsFile, { width = 640 }: Options = {}): Promise<Chart> {
  const Plot = await import("@observablehq/plot");
  const data = stats.o200kVsCl100k.filter((r) => r.gain !== 0).map((r) => ({ ...r, label: scriptLabel(r.script) }));
  const signed = (n: number) => (n > 0 ? "+" : n < 0 ? "−" : "") + formatNumber(Math.abs(n));
  return Plot.plot({
    width,
    height: 40 + 20 * data.length,
    ariaLabel: "Tokens gained by each script from cl100k_base to o200k_base",
    ariaDescription: data
      .map((d) => `${d.label}: ${formatNumber(d.before)} → ${formatNumber(d.after)} (${signed(d.gain)})`)
      .join("; "),
    marginLeft: 100,
    marginRight: 70,
    x: { label: "tokens gained, o200k_base minus cl100k_base", grid: true },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.barX(data, {
        x: "gain",
        y: "label",
        fill: "var(--theme-foreground-focus)",
        filter: (d: (typeof data)[number]) => d.gain > 0,
      }),
      Plot.barX(data, {
        x: "gain",
        y: "label",
        fill: "var(--theme-red)",
        filter: (d: (typeof data)[number]) => d.gain < 0,
      }),
      Plot.text(data, {
        x: "gain",
        y: "label",
        text: (d: (typeof data)[number]) => signed(d.gain),
        dx: 4,
        textAnchor: "start",
      }),
      Plot.tip(
        data,
        Plot.pointerY({
          x: "gain",
          y: "label",
          title: (d: (typeof data)[number]) =>
            `${d.label}\ncl100k_base: ${formatNumber(d.before)} tokens\no200k_base: ${formatNumber(d.after)} tokens (${signed(d.gain)})`,
        }),
      ),
      Plot.ruleX([0]),
    ],
  });
}
