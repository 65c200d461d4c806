/**
 * Moving around the chips with the keyboard and the pointer, and toggling groups.
 *
 * - **One tab stop** (roving tabindex): the current chip has `tabIndex = 0`, every other -1.
 * - **Keys**: ArrowLeft/ArrowRight move to the previous or next chip (into an expanded group's
 *   tokens), ArrowUp/ArrowDown to the chip on the line above or below that is nearest
 *   horizontally, Home/End to the first and last token, across windowed blocks (window.ts draws
 *   a block as soon as a move needs it). Enter/Space toggle a group; Escape hides the card.
 * - **The card** (card.ts) follows focus and hover: focusing a chip shows it and points the
 *   chip's `aria-describedby` at it; hovering shows it for the hovered chip, leaving goes back to
 *   the focused one. Chips go left to right in token order, as ArrowRight moves.
 */
import type { ChipBlocks } from "../../lib/chip-blocks.js";
import type { ChipCard } from "./card.js";
import type { ChipRenderer } from "./render.js";
import type { ChipWindow } from "./window.js";

export interface ChipFocus {
  /** The block holding the current chip (the one with the tab stop), or -1. */
  pinnedBlock(): number;
}

/**
 * Keyboard and pointer handling for the chips in `scroller` (inside `root`); `expanded` holds
 * the groups shown with their bytes, toggled here and redrawn with `renderer.group`.
 */
export function chipFocus(
  root: HTMLElement,
  scroller: HTMLElement,
  layout: ChipBlocks,
  win: ChipWindow,
  renderer: ChipRenderer,
  card: ChipCard,
  cardId: string,
  expanded: Set<number>,
): ChipFocus {
  const { blocks, renderBlock } = win;
  let current: HTMLElement = blocks[0].querySelector<HTMLElement>(".tc-nav")!;
  current.tabIndex = 0;

  function pinnedBlock(): number {
    const b = current.closest<HTMLElement>(".tc-block");
    return b ? Number(b.dataset.b) : -1;
  }
  function blockOf(e: HTMLElement): number {
    return Number(e.closest<HTMLElement>(".tc-block")!.dataset.b);
  }
  function setCurrent(e: HTMLElement): void {
    if (e === current) return;
    current.tabIndex = -1;
    e.tabIndex = 0;
    current = e;
  }
  function moveTo(e: HTMLElement | null | undefined): void {
    if (!e) return;
    setCurrent(e);
    e.focus();
  }
  function step(from: HTMLElement, dir: 1 | -1): HTMLElement | undefined {
    let b = blockOf(from);
    const navs = Array.from(blocks[b].querySelectorAll<HTMLElement>(".tc-nav"));
    const i = navs.indexOf(from) + dir;
    if (i >= 0 && i < navs.length) return navs[i];
    b += dir;
    if (!win.ensureBlock(b)) return undefined;
    const list = renderBlock(b).querySelectorAll<HTMLElement>(".tc-nav");
    return dir > 0 ? list[0] : list[list.length - 1];
  }
  /**
   * The chip on the next line down (dir 1) or up (-1) nearest below or above `from`'s start:
   * the one that spans that x, else the closest. Walks in token order until past that line.
   * A chip that wraps counts by its first line box.
   */
  function vertical(from: HTMLElement, dir: 1 | -1): HTMLElement | undefined {
    const box = (e: HTMLElement) => e.getClientRects()[0] ?? e.getBoundingClientRect();
    const r = box(from);
    const x = r.left + 1;
    let best: HTMLElement | undefined,
      bestDistance = Infinity,
      lineTop: number | undefined;
    for (let e = step(from, dir), walked = 0; e && walked < 2000; e = step(e, dir), walked++) {
      const q = box(e);
      if (dir > 0 ? q.top < r.bottom - 2 : q.bottom > r.top + 2) continue; // still on from's line
      if (lineTop === undefined) lineTop = q.top;
      else if (Math.abs(q.top - lineTop) > 2) break; // past the line we wanted
      const distance = x < q.left ? q.left - x : x > q.right ? x - q.right : 0;
      if (distance < bestDistance) [best, bestDistance] = [e, distance];
    }
    return best;
  }
  function toggle(head: HTMLElement): void {
    const u = Number(head.dataset.u);
    if (expanded.has(u)) expanded.delete(u);
    else expanded.add(u);
    const old = head.closest(".tc-group")!;
    const wasCurrent = old.contains(current);
    const g = renderer.group(u);
    old.replaceWith(g);
    const newHead = g.querySelector<HTMLElement>(".tc-ghead")!;
    if (wasCurrent) {
      current = newHead;
      newHead.tabIndex = 0;
    }
    newHead.focus();
    card.show(newHead);
  }
  function focusedChip(): HTMLElement | null {
    const active = (root.getRootNode() as Document | ShadowRoot).activeElement as HTMLElement | null;
    return active && scroller.contains(active) && active.classList.contains("tc-nav") ? active : null;
  }

  scroller.addEventListener("keydown", (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>(".tc-nav");
    if (!target) return;
    switch (event.key) {
      case "ArrowRight":
        moveTo(step(target, 1));
        break;
      case "ArrowLeft":
        moveTo(step(target, -1));
        break;
      case "ArrowDown":
        moveTo(vertical(target, 1));
        break;
      case "ArrowUp":
        moveTo(vertical(target, -1));
        break;
      case "Home":
        moveTo(renderBlock(0).querySelector<HTMLElement>(".tc-nav"));
        break;
      case "End": {
        win.scanAll();
        const list = renderBlock(layout.nBlocks() - 1).querySelectorAll<HTMLElement>(".tc-nav");
        moveTo(list[list.length - 1]);
        break;
      }
      case "Enter":
      case " ":
        if (!target.classList.contains("tc-ghead")) return;
        toggle(target);
        break;
      case "Escape":
        card.hide();
        break;
      default:
        return;
    }
    event.preventDefault();
  });
  scroller.addEventListener("click", (event) => {
    const head = (event.target as HTMLElement).closest<HTMLElement>(".tc-ghead");
    if (head) toggle(head);
  });
  scroller.addEventListener("focusin", (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>(".tc-nav");
    if (!target) return;
    setCurrent(target);
    target.setAttribute("aria-describedby", cardId);
    card.show(target);
  });
  scroller.addEventListener("focusout", (event) => {
    (event.target as HTMLElement).removeAttribute?.("aria-describedby");
    const next = event.relatedTarget as Node | null;
    if (!next || !scroller.contains(next)) card.hide();
  });
  let hovered: HTMLElement | null = null;
  scroller.addEventListener("pointerover", (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>(".tc-nav");
    if (!target || target === hovered) return;
    hovered?.classList.remove("tc-hover");
    hovered = target;
    target.classList.add("tc-hover");
    card.show(target);
  });
  scroller.addEventListener("pointerleave", () => {
    hovered?.classList.remove("tc-hover");
    hovered = null;
    const active = focusedChip();
    if (active) card.show(active);
    else card.hide();
  });
  scroller.addEventListener(
    "scroll",
    () => {
      if (!card.shownFor()) return;
      const active = focusedChip();
      if (active && card.shownFor() === active) card.position(active);
      else card.hide();
    },
    { passive: true },
  );

  return { pinnedBlock };
}
