/**
 * The BPE page's views, each a function of its data returning DOM:
 *
 *   pieceView(pieces)            the pre-tokenizer's pieces, colored by what cut them, with a
 *                                legend; click (or Enter on) a piece to choose it (`.value`)
 *   stepper(count, {value})      Play / Pause / Back / Step over merges 0…count (`.value`)
 *   mergeSteps(trace, step)      the piece's bytes and its parts after `step` merges, the
 *                                last merge marked with its rank, and the list of merges
 *   mergeChart(trace, {width})   a Plot chart: one row per merge, each part a bar of its bytes
 *
 * Text is only ever set as text.
 */
import type { MergeTrace } from "../engine/index.js";
import type { LabelledPiece } from "../lib/piece-kinds.js";
import { shortKind } from "../lib/piece-kinds.js";
import { partLabel, visibleWhitespace } from "../lib/token-text.js";
import { el, hex } from "./dom.js";

/** Okabe–Ito colors for the kinds of piece (the same kind, the same color, in every encoding). */
const KIND_COLORS: Record<string, string> = {
  contraction: "#cc79a7",
  letters: "#56b4e9",
  "word ending in lowercase": "#56b4e9",
  "capitalized or uppercase word": "#0072b2",
  digits: "#e69f00",
  punctuation: "#d55e00",
  newlines: "#f0e442",
  whitespace: "#999999",
};
export const kindColor = (kind: string) => KIND_COLORS[shortKind(kind)] ?? "#009e73";

export interface PieceView extends HTMLElement {
  value: number | null;
}

export function pieceView(
  pieces: readonly LabelledPiece[],
  { selected = null }: { selected?: number | null } = {},
): PieceView {
  const root = el("div", "piece-view") as unknown as PieceView;
  const legend = el("div", "pv-legend");
  for (const kind of [...new Set(pieces.map((p) => shortKind(p.kind)))]) {
    const item = el("span", "pv-key", kind);
    item.style.setProperty("--c", kindColor(kind));
    legend.append(item, " ");
  }
  const list = el("div", "pv-pieces");
  pieces.forEach((p, i) => {
    const b = el("button", "pv-piece", visibleWhitespace(p.text));
    b.type = "button";
    b.style.setProperty("--c", kindColor(p.kind));
    b.title = `${p.kind}: “${visibleWhitespace(p.text)}”`;
    b.dataset.i = String(i);
    if (i === selected) b.classList.add("pv-selected");
    if (p.text.includes("\n")) list.append(b, el("br"));
    else list.append(b);
  });
  list.addEventListener("click", (event) => {
    const b = (event.target as HTMLElement).closest<HTMLElement>(".pv-piece");
    if (!b) return;
    root.value = Number(b.dataset.i);
    for (const x of list.querySelectorAll(".pv-selected")) x.classList.remove("pv-selected");
    b.classList.add("pv-selected");
    root.dispatchEvent(new Event("input", { bubbles: true }));
  });
  root.value = selected;
  root.append(legend, list);
  return root;
}

export interface Stepper extends HTMLElement {
  value: number;
}

/** Buttons and a slider over 0…count; Play advances one merge every `delay` ms. */
export function stepper(
  count: number,
  { value = count, delay = 700 }: { value?: number; delay?: number } = {},
): Stepper {
  const root = el("div", "stepper") as unknown as Stepper;
  const play = el("button", undefined, "Play");
  const back = el("button", undefined, "◀ Back");
  const step = el("button", undefined, "Step ▶");
  const range = el("input");
  range.type = "range";
  range.min = "0";
  range.max = String(count);
  range.setAttribute("aria-label", "Merges done");
  const out = el("output");
  for (const b of [play, back, step]) b.type = "button";
  let timer: ReturnType<typeof setInterval> | undefined;
  const set = (v: number) => {
    root.value = Math.max(0, Math.min(count, v));
    range.value = String(root.value);
    out.textContent = `${root.value} of ${count} ${count === 1 ? "merge" : "merges"}`;
    root.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
    play.textContent = "Play";
  };
  play.addEventListener("click", () => {
    if (timer) return stop();
    if (root.value >= count) set(0);
    play.textContent = "Pause";
    timer = setInterval(() => (root.value >= count ? stop() : set(root.value + 1)), delay);
  });
  back.addEventListener("click", () => (stop(), set(root.value - 1)));
  step.addEventListener("click", () => (stop(), set(root.value + 1)));
  range.addEventListener("input", (event) => {
    event.stopPropagation();
    stop();
    set(Number(range.value));
  });
  root.value = Math.max(0, Math.min(count, value));
  range.value = String(root.value);
  out.textContent = `${root.value} of ${count} ${count === 1 ? "merge" : "merges"}`;
  root.append(play, " ", back, " ", step, " ", range, " ", out);
  return root;
}

/** The parts after `step` merges (step 0: the single bytes). */
function partsAt(trace: MergeTrace, step: number): Uint8Array[] {
  return step === 0 ? Array.from(trace.bytes, (b) => Uint8Array.of(b)) : trace.steps[step - 1].parts;
}

export function mergeSteps(trace: MergeTrace, step: number): HTMLElement {
  const root = el("div", "merge-steps");
  root.append(el("p", "ms-bytes", `Bytes: ${hex(trace.bytes)} (${trace.bytes.length})`));
  const parts = partsAt(trace, step);
  const merged = step > 0 ? trace.steps[step - 1] : undefined;
  const row = el("div", "ms-parts");
  row.setAttribute("aria-label", `The parts after ${step} merges`);
  parts.forEach((p, i) => {
    const chip = el("span", `ms-part${merged && i === merged.index ? " ms-merged" : ""}`, partLabel(p));
    row.append(chip);
  });
  root.append(row);
  root.append(
    el(
      "p",
      "ms-now",
      merged
        ? `Merge ${step}: “${partLabel(parts[merged.index])}” has rank ${merged.rank}, the lowest of the adjacent pairs that are tokens.`
        : "Before any merge: one part per byte.",
    ),
  );
  if (step === trace.steps.length) {
    const done =
      trace.wholePiece !== undefined
        ? `The whole piece is one token (${trace.wholePiece}), which tiktoken takes directly.`
        : `No adjacent pair is a token any more: the piece is ${trace.ids.length} ${trace.ids.length === 1 ? "token" : "tokens"}, ${trace.ids.join(", ")}.`;
    root.append(el("p", "ms-done", done));
  }
  const list = el("ol", "ms-list");
  trace.steps.forEach((s, i) => {
    const li = el("li", i < step ? "ms-past" : "ms-future", `rank ${s.rank}: “${partLabel(s.parts[s.index])}”`);
    list.append(li);
  });
  root.append(list);
  return root;
}

/** One row per state (0 = bytes), each part a bar as wide as its bytes; the part just merged is dark. */
export async function mergeChart(
  trace: MergeTrace,
  { width = 640 }: { width?: number } = {},
): Promise<SVGSVGElement | HTMLElement> {
  const Plot = await import("@observablehq/plot");
  const rows: { state: number; x1: number; x2: number; label: string; merged: boolean }[] = [];
  for (let state = 0; state <= trace.steps.length; state++) {
    let x = 0;
    partsAt(trace, state).forEach((p, i) => {
      rows.push({
        state,
        x1: x,
        x2: x + p.length,
        label: partLabel(p),
        merged: state > 0 && i === trace.steps[state - 1].index,
      });
      x += p.length;
    });
  }
  return Plot.plot({
    width,
    height: 40 + 24 * (trace.steps.length + 1),
    marginLeft: 70,
    x: { label: "byte →", domain: [0, trace.bytes.length] },
    y: { label: null, tickFormat: (d: number) => (d === 0 ? "bytes" : `merge ${d}`), reverse: false },
    color: { domain: [false, true], range: ["#daeffa", "#0072b2"] },
    marks: [
      Plot.rectX(rows, { x1: "x1", x2: "x2", y: "state", fill: "merged", stroke: "white", insetLeft: 1 }),
      Plot.text(rows, {
        x: (d: { x1: number; x2: number }) => (d.x1 + d.x2) / 2,
        y: "state",
        text: "label",
        fill: (d: { merged: boolean }) => (d.merged ? "white" : "black"),
        fontSize: 11,
      }),
    ],
    ariaLabel: `How the ${trace.bytes.length} bytes join, merge by merge`,
  });
}
