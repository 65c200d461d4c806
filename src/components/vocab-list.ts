/**
 * A windowed list of tokens: one row per ID (its ID, its text with whitespace made visible, its
 * length in bytes), for any number of IDs. Only the rows in view (and a few around them) are in
 * the DOM, so all 200,019 rows of o200k_base are reachable by scrolling and cost ~40 elements.
 *
 *   const list = vocabList(index, found.ids, {selected: 43453});
 *   list.value   // the chosen ID (click, or arrow keys then Enter); "input" fires when it changes
 *
 * A listbox to assistive technology: one tab stop; ArrowUp/ArrowDown/PageUp/PageDown/Home/End
 * move the active row (scrolling it into view), Enter or a click chooses it.
 */
import { visibleWhitespace } from "../lib/token-text.js";
import { hex } from "./dom.js";
import { FRAGMENT, SPECIAL } from "../lib/token-facets.js";
import { bytesOf, textOf, type VocabIndex } from "../lib/vocab-search.js";

export const ROW_HEIGHT = 28;
const OVERSCAN = 10;

export interface VocabListOptions {
  /** The ID chosen at first (scrolled into view when it is in the list). */
  selected?: number | null;
  /** Height of the scroll area in px (less when fewer rows fill it). */
  height?: number;
}

export interface VocabList extends HTMLDivElement {
  value: number | null;
}

/** How a token reads in one line: whitespace as · → ↵, a fragment as its hex bytes. */
function tokenLabel(index: VocabIndex, id: number): string {
  const f = index.facets[id];
  if (f & FRAGMENT) return `⟨${hex(bytesOf(index, id))}⟩`;
  if (f & SPECIAL) return textOf(index, id);
  return visibleWhitespace(textOf(index, id));
}

export function vocabList(
  index: VocabIndex,
  ids: Int32Array,
  { selected = null, height = 420 }: VocabListOptions = {},
): VocabList {
  const root = document.createElement("div") as VocabList;
  root.className = "vocab-list";
  root.setAttribute("role", "listbox");
  root.setAttribute("aria-label", `Matching tokens of ${index.encoding}`);
  root.tabIndex = 0;
  root.style.height = `${Math.min(height, Math.max(1, ids.length) * ROW_HEIGHT + 2)}px`;
  const spacer = document.createElement("div");
  spacer.className = "vl-spacer";
  spacer.style.height = `${ids.length * ROW_HEIGHT}px`;
  root.append(spacer);

  let value = selected;
  let active = Math.max(0, selected == null ? 0 : ids.indexOf(selected));
  Object.defineProperty(root, "value", { get: () => value, set: (v: number | null) => ((value = v), render()) });

  const rows = new Map<number, HTMLElement>(); // position in `ids` → row element
  function row(pos: number): HTMLElement {
    const id = ids[pos];
    const r = document.createElement("div");
    r.className = "vl-row";
    r.setAttribute("role", "option");
    r.id = `vl-${index.encoding}-${id}`;
    r.dataset.pos = String(pos);
    r.style.top = `${pos * ROW_HEIGHT}px`;
    const idCell = document.createElement("span");
    idCell.className = "vl-id";
    idCell.textContent = String(id);
    const text = document.createElement("span");
    const f = index.facets[id];
    text.className = `vl-text${f & SPECIAL ? " vl-special" : ""}${f & FRAGMENT ? " vl-fragment" : ""}`;
    text.textContent = tokenLabel(index, id);
    const len = document.createElement("span");
    len.className = "vl-len";
    const n = index.byteStart[id + 1] - index.byteStart[id];
    len.textContent = `${n} ${n === 1 ? "byte" : "bytes"}`;
    r.append(idCell, text, len);
    return r;
  }

  function render(): void {
    const first = Math.max(0, Math.floor(root.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(ids.length - 1, Math.ceil((root.scrollTop + root.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    for (const [pos, r] of rows) {
      if (pos < first || pos > last) {
        r.remove();
        rows.delete(pos);
      }
    }
    for (let pos = first; pos <= last; pos++) {
      let r = rows.get(pos);
      if (!r) {
        r = row(pos);
        rows.set(pos, r);
        spacer.append(r);
      }
      r.setAttribute("aria-selected", String(ids[pos] === value));
      r.classList.toggle("vl-active", pos === active);
    }
    if (ids.length) root.setAttribute("aria-activedescendant", `vl-${index.encoding}-${ids[active]}`);
    else root.removeAttribute("aria-activedescendant");
  }

  function scrollToRow(pos: number): void {
    const top = pos * ROW_HEIGHT;
    if (top < root.scrollTop) root.scrollTop = top;
    else if (top + ROW_HEIGHT > root.scrollTop + root.clientHeight)
      root.scrollTop = top + ROW_HEIGHT - root.clientHeight;
  }

  function choose(pos: number): void {
    if (pos < 0 || pos >= ids.length) return;
    active = pos;
    value = ids[pos];
    render();
    root.dispatchEvent(new Event("input", { bubbles: true }));
  }

  root.addEventListener("scroll", render, { passive: true });
  root.addEventListener("click", (event) => {
    const r = (event.target as HTMLElement).closest<HTMLElement>(".vl-row");
    if (r) choose(Number(r.dataset.pos));
  });
  root.addEventListener("keydown", (event) => {
    if (!ids.length) return;
    const page = Math.max(1, Math.floor(root.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: ids.length - 1,
    };
    if (event.key in moves) {
      active = Math.min(ids.length - 1, Math.max(0, moves[event.key]));
      scrollToRow(active);
      render();
    } else if (event.key === "Enter" || event.key === " ") {
      choose(active);
    } else return;
    event.preventDefault();
  });
  // Drawn once it is in the page and has a size.
  if (typeof ResizeObserver === "function") new ResizeObserver(() => render()).observe(root);
  requestAnimationFrame(() => {
    if (selected != null && ids.includes(selected)) scrollToRow(active);
    render();
  });
  return root;
}
