/**
 * Windowing: only the blocks near the visible part of the chips' scroll container are in the
 * DOM, so a megabyte of text costs a few thousand chips, not a million.
 *
 *   scroller ─┬─ .tc-block (drawn)        blocks near the view
 *             ├─ .tc-block.tc-ph (empty)  placeholders, as tall as the block would be
 *             └─ .tc-tail                 a spacer for the text not scanned yet
 *
 * Blocks (src/lib/chip-blocks.ts) not drawn are empty placeholders whose height is measured
 * (once seen) or estimated from their lines, scaled by how wrong the estimates were for
 * measured blocks. An IntersectionObserver (margin: 1.5 container heights) asks for blocks; one
 * animation frame draws blocks (those on screen first) until it has drawn FRAME_UNITS units,
 * and measures them in the next frame, after the browser's own layout, so no frame forces a
 * layout of new chips. Far-away blocks are dropped again; the block holding the focused chip
 * never is. The first block is scanned and drawn at once; the rest of the tokens is scanned in
 * timer slices of SLICE_MS, which append placeholders as blocks close.
 */
import type { ChipBlocks } from "../../lib/chip-blocks.js";
import { el } from "../dom.js";

/** Budget of one animation frame: units drawn (their layout follows in the same frame)… */
const FRAME_UNITS = 120;
/** …and milliseconds of script (also the budget of one slice of scanning). */
const SLICE_MS = 8;

export interface ChipWindow {
  /** Per block, its element in the scroller: the drawn block or its placeholder. */
  readonly blocks: HTMLElement[];
  /** Draw block `b` now (keyboard moves need it synchronously) and give its element. */
  renderBlock(b: number): HTMLElement;
  /** Block `b` exists (scan on as far as needed); false when there is no such block. */
  ensureBlock(b: number): boolean;
  /** Scan every token (the End key needs the last block). */
  scanAll(): void;
}

/**
 * Window `layout`'s blocks into `scroller` (inside `root`), drawing each with `buildBlock`.
 * `pinnedBlock()` is the block holding the focused chip, never dropped.
 */
export function chipWindow(
  root: HTMLElement,
  scroller: HTMLElement,
  layout: ChipBlocks,
  buildBlock: (b: number) => HTMLElement,
  pinnedBlock: () => number,
): ChipWindow {
  const blocks: HTMLElement[] = [];
  const rendered: number[] = [];
  const tail = el("div", "tc-tail");
  scroller.append(tail);

  function placeholder(b: number, height: number): HTMLElement {
    const div = el("div", "tc-block tc-ph");
    div.dataset.b = String(b);
    div.style.height = `${Math.round(height)}px`;
    return div;
  }

  /** Block b has closed: a placeholder for it before the tail. */
  function closed(b: number): void {
    rendered.push(0);
    const ph = placeholder(b, layout.calibrated(b));
    blocks.push(ph);
    tail.before(ph);
    io?.observe(ph);
  }

  /** Scan up to `count` more tokens; the tail shrinks to what is left, and goes at the end. */
  function scan(count: number): void {
    layout.scan(count, closed);
    if (layout.done) tail.remove();
    else tail.style.height = `${Math.round(layout.tailHeight())}px`;
  }

  function swap(b: number, next: HTMLElement): void {
    const old = blocks[b];
    io?.unobserve(old);
    old.replaceWith(next);
    blocks[b] = next;
    io?.observe(next);
  }

  function renderBlock(b: number): HTMLElement {
    if (!rendered[b]) {
      swap(b, buildBlock(b));
      rendered[b] = 1;
      toMeasure.add(b);
      schedule();
    }
    return blocks[b];
  }

  function unrenderBlock(b: number, height: number): void {
    if (!rendered[b] || b === pinnedBlock()) return;
    if (height > 0) layout.record(b, height);
    swap(b, placeholder(b, layout.measured[b] || layout.calibrated(b)));
    rendered[b] = 0;
  }

  // Render queue, worked off in animation-frame slices.
  const urgent = new Set<number>(); // blocks on screen
  const queue = new Set<number>(); // blocks near it
  const toMeasure = new Set<number>();
  let scheduled = false;
  function schedule(): void {
    if (scheduled || typeof requestAnimationFrame !== "function") return;
    scheduled = true;
    requestAnimationFrame(work);
  }
  /** Shown once and removed since: the element was thrown away (a new one replaced it). */
  let wasConnected = false;
  function discarded(): boolean {
    if (root.isConnected) wasConnected = true;
    else if (wasConnected) {
      io?.disconnect();
      ro?.disconnect();
      return true;
    }
    return false;
  }
  /**
   * One animation frame's work: first measure the blocks drawn in earlier frames (the browser
   * has laid them out since, so this forces no layout), then draw queued blocks, blocks on
   * screen first, up to FRAME_UNITS units and SLICE_MS of script; their layout is the
   * browser's, at the end of this frame.
   */
  function work(): void {
    scheduled = false;
    if (discarded() || !root.isConnected) return; // not shown (yet): the observer asks again once it is
    let measuredSome = false;
    for (const b of toMeasure) {
      if (rendered[b]) {
        layout.record(b, blocks[b].offsetHeight);
        measuredSome = true;
      }
    }
    toMeasure.clear();
    if (measuredSome) {
      // Better estimates for placeholders after the last rendered block (never above the
      // viewport, so nothing on screen moves).
      let last = 0;
      for (let b = 0; b < layout.nBlocks(); b++) if (rendered[b]) last = b;
      for (let b = last + 1; b < layout.nBlocks(); b++) {
        if (layout.measured[b]) continue;
        const h = `${Math.round(layout.calibrated(b))}px`;
        if (blocks[b].style.height !== h) blocks[b].style.height = h;
      }
    }
    const t0 = performance.now();
    let drawn = 0;
    for (const list of [urgent, queue]) {
      for (const b of list) {
        if (drawn >= FRAME_UNITS || performance.now() - t0 > SLICE_MS) break;
        list.delete(b);
        if (rendered[b]) continue;
        renderBlock(b);
        drawn += layout.blockStarts[b + 1] - layout.blockStarts[b];
      }
    }
    if (!layout.done) tail.style.height = `${Math.round(layout.tailHeight())}px`;
    if (urgent.size || queue.size || toMeasure.size) schedule();
  }

  let io: IntersectionObserver | undefined;
  let ro: ResizeObserver | undefined;
  if (typeof IntersectionObserver === "function") {
    io = new IntersectionObserver(
      (entries) => {
        const view = scroller.getBoundingClientRect();
        for (const entry of entries) {
          const b = Number((entry.target as HTMLElement).dataset.b);
          if (blocks[b] !== entry.target) continue;
          if (entry.isIntersecting) {
            const r = entry.boundingClientRect;
            if (!rendered[b]) (r.bottom >= view.top && r.top <= view.bottom ? urgent : queue).add(b);
          } else {
            queue.delete(b);
            urgent.delete(b);
            if (rendered[b]) unrenderBlock(b, entry.boundingClientRect.height);
          }
        }
        schedule();
      },
      { root: scroller, rootMargin: "150% 0px" },
    );
  }

  if (typeof ResizeObserver === "function") {
    let lastWidth = 0;
    ro = new ResizeObserver(() => {
      const w = scroller.clientWidth;
      if (!w || Math.abs(w - lastWidth) < 1) return;
      lastWidth = w;
      layout.resize(w);
      for (let b = 0; b < layout.nBlocks(); b++) {
        if (rendered[b]) toMeasure.add(b);
        else blocks[b].style.height = `${Math.round(layout.estimate(b))}px`;
      }
      schedule();
    });
    ro.observe(scroller);
  }

  // The first block now, the rest in timer slices of at most SLICE_MS.
  while (!layout.done && layout.nBlocks() === 0) scan(512);
  renderBlock(0);
  function scanSlice(): void {
    if (layout.done || discarded()) return;
    const t0 = performance.now();
    while (!layout.done && performance.now() - t0 < SLICE_MS) scan(4096);
    if (!layout.done) setTimeout(scanSlice, 0);
  }
  if (!layout.done) setTimeout(scanSlice, 0);

  return {
    blocks,
    renderBlock,
    ensureBlock(b: number): boolean {
      while (!layout.done && layout.nBlocks() <= b) scan(4096);
      return b >= 0 && b < layout.nBlocks();
    },
    scanAll(): void {
      while (!layout.done) scan(1 << 16);
    },
  };
}
