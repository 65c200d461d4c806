/**
 * The token card: one shared `role="tooltip"` element per view, filled on hover or focus and
 * referenced with `aria-describedby` from the focused chip (focus.ts). It never takes the
 * pointer.
 *
 *   ID 2375                          for a token: its ID, the text with whitespace visible, the
 *   text     “·world”                hex bytes, the length in bytes and characters (code
 *   bytes    20 77 6f 72 6c 64       points), whether it starts with a space, and for a partial
 *   length   6 bytes, 6 characters   token which bytes of which character ("bytes 1–2 of 3 of
 *   starts with a space  yes         鬱"). For a group: its text and each of its tokens.
 */
import { codePointCount } from "../../engine/index.js";
import type { ChipBlocks } from "../../lib/chip-blocks.js";
import { byteSegments, partialLabel, visibleWhitespace } from "../../lib/token-text.js";
import { FLAG_CUT_DIFFERS, FLAG_LEADING_SPACE, FLAG_SPECIAL } from "../../lib/token-table.js";
import { el, hex } from "../dom.js";

let cardCount = 0;

/** The card's element, hidden until a chip is hovered or focused. */
export function cardElement(): HTMLElement {
  const card = el("div", "tc-card");
  card.id = `tc-card-${++cardCount}`;
  card.setAttribute("role", "tooltip");
  card.hidden = true;
  return card;
}

export interface ChipCard {
  /** Fill the card for a chip or a group's head, and show it below it. */
  show(target: HTMLElement): void;
  hide(): void;
  /** Move the card below `target` again (the chips scrolled). */
  position(target: HTMLElement): void;
  /** The chip the card is shown for, or null when hidden. */
  shownFor(): HTMLElement | null;
}

/**
 * Drives `card` (made by `cardElement`, inside `root`) for the chips of `layout`; `expanded`
 * says which groups show their bytes (the group card's note says what Enter does).
 */
export function chipCard(
  card: HTMLElement,
  root: HTMLElement,
  layout: ChipBlocks,
  expanded: ReadonlySet<number>,
): ChipCard {
  const { text, table, units } = layout;
  const { ids, start, end, flags } = table;
  let shownFor: HTMLElement | null = null;

  function row(dl: HTMLElement, term: string, value: string): void {
    dl.append(el("dt", undefined, term), el("dd", undefined, value));
  }

  function fillTokenCard(k: number): void {
    const bytes = table.bytes.subarray(table.byteOffset[k], table.byteOffset[k + 1]);
    const partial = table.partial.get(k);
    const special = (flags[k] & FLAG_SPECIAL) !== 0;
    const title = el("div", "tc-card-title", `ID ${ids[k]}`);
    if (special) title.append(el("span", "tc-card-tag", "special token"));
    else if (partial) title.append(el("span", "tc-card-tag", "part of a character"));
    const dl = el("dl", "tc-card-dl");
    let shown: string, chars: number;
    if (partial) {
      shown = "";
      chars = 0;
      for (const seg of byteSegments(bytes)) {
        if ("text" in seg) {
          shown += visibleWhitespace(seg.text);
          chars += codePointCount(seg.text);
        } else {
          shown += `⟨${hex(seg.bytes)}⟩`;
        }
      }
    } else {
      const s = text.slice(start[k], end[k]);
      shown = visibleWhitespace(s);
      chars = codePointCount(s);
    }
    const byteCount = `${bytes.length} ${bytes.length === 1 ? "byte" : "bytes"}`;
    const charCount = `${chars} ${chars === 1 ? "character" : "characters"}`;
    row(dl, "text", `“${shown}”`);
    row(dl, "bytes", hex(bytes));
    row(dl, "length", `${byteCount}, ${charCount}${partial ? " + part" : ""}`);
    row(dl, "starts with a space", flags[k] & FLAG_LEADING_SPACE ? "yes" : "no");
    if (flags[k] & FLAG_CUT_DIFFERS) row(dl, "side by side", "the encodings shown cut this span differently");
    for (const p of partial ?? []) row(dl, "part of", partialLabel(p));
    card.replaceChildren(title, dl);
  }

  function fillGroupCard(head: HTMLElement): void {
    const u = Number(head.dataset.u);
    const k0 = units[u],
      k1 = units[u + 1];
    const s = layout.unitText(u);
    const n = codePointCount(s);
    const title = el("div", "tc-card-title", `“${visibleWhitespace(s)}”`);
    title.append(el("span", "tc-card-tag", `${n} ${n === 1 ? "character" : "characters"} in ${k1 - k0} tokens`));
    const dl = el("dl", "tc-card-dl");
    for (let k = k0; k < k1; k++) {
      const bytes = table.bytes.subarray(table.byteOffset[k], table.byteOffset[k + 1]);
      const labels = (table.partial.get(k) ?? []).map(partialLabel);
      row(dl, `ID ${ids[k]}`, [hex(bytes), ...labels].join(" · "));
    }
    const action = expanded.has(u) ? "hide the bytes" : "show the bytes";
    card.replaceChildren(title, dl, el("div", "tc-card-note", `Enter or click: ${action}`));
  }

  function position(target: HTMLElement): void {
    const r = target.getClientRects()[0] ?? target.getBoundingClientRect();
    const R = root.getBoundingClientRect();
    const w = card.offsetWidth;
    card.style.top = `${Math.round(r.bottom - R.top + 6)}px`;
    card.style.left = `${Math.round(Math.max(0, Math.min(r.left - R.left, R.width - w)))}px`;
  }

  return {
    show(target: HTMLElement): void {
      if (target.classList.contains("tc-ghead")) fillGroupCard(target);
      else fillTokenCard(Number(target.dataset.k));
      card.hidden = false;
      shownFor = target;
      position(target);
    },
    hide(): void {
      card.hidden = true;
      shownFor = null;
    },
    position,
    shownFor: () => shownFor,
  };
}
