/**
 * The token chips view of the playground: a text as a row of colored chips, one per token.
 *
 *   const table = tokenTable(encoding, text, {allowedSpecial: "all"});
 *   display(tokenChips(text, table, {view: "text", whitespace: true}));
 *
 * A pure function of (text, table, options) that returns DOM, like Framework's components: to
 * switch views, call it again. The element carries its own class-scoped stylesheet (a `<style>`
 * inside it), so it looks the same in a page and in an embed widget's shadow root.
 *
 *   <div class="tc tc-text">
 *     <style>          style.ts   the stylesheet; colors from src/lib/token-text.ts's PALETTE
 *     <div .tc-bar>    copy.ts    "Copy IDs as JSON" and a live message
 *     <div .tc-scroll> render.ts  the chips, block by block (units and blocks: src/lib/chip-blocks.ts)
 *                      window.ts  only the blocks near the view are drawn
 *                      focus.ts   one tab stop, arrow keys, hover, group toggles
 *     <div .tc-card>   card.ts    the token card, on hover or focus
 *
 * Decisions:
 * - **Colors.** The seven Okabe–Ito colors (black left out), chosen by a hash of the token ID
 *   (`tokenColor`), so a token has the same color wherever it occurs, in both views. Chips are
 *   light tints of the color with a border in a darker shade (dark mode: dark tints, lighter
 *   borders). Neighbours may share a color (1 in 7), so the color never carries the boundary
 *   alone: every chip has a 1px border, rounded corners and a gap.
 * - **Right-to-left text.** Chips are `unicode-bidi: isolate`: each chip's text runs in its own
 *   direction, but chips always go left to right in token order (as in the IDs view, and as
 *   ArrowRight moves), so right-to-left text cannot reorder its neighbours.
 * - **IDs view** (`view: "ids"`): chips show the IDs, same colors and styles, with the text's
 *   line breaks.
 */
import type { TokenTable } from "../../lib/token-table.js";
import { ChipBlocks } from "../../lib/chip-blocks.js";
import { el, formatNumber } from "../dom.js";
import { cardElement, chipCard } from "./card.js";
import { copyBar } from "./copy.js";
import { chipFocus, type ChipFocus } from "./focus.js";
import { chipRenderer } from "./render.js";
import { chipsStyle } from "./style.js";
import { chipWindow } from "./window.js";

export { TOKEN_CHIPS_CSS } from "./style.js";
export { chipUnits } from "../../lib/chip-blocks.js";
export {
  PALETTE,
  byteSegments,
  hex,
  partialLabel,
  tokenColor,
  visibleSegments,
  visibleWhitespace,
  type ByteSegment,
  type VisibleSegment,
} from "../../lib/token-text.js";

export interface TokenChipsOptions {
  /** `"text"` (default): chips show their text. `"ids"`: chips show token IDs. */
  view?: "text" | "ids";
  /** Show whitespace as markers (`·` `→` `↵`). Default `false`. */
  whitespace?: boolean;
}

/**
 * The tokens of `text` (as laid out in `table`) as chips. See the top of this file, and of
 * each file it names, for what the chips, groups, card and keyboard do.
 */
export function tokenChips(text: string, table: TokenTable, options: TokenChipsOptions = {}): HTMLElement {
  const view = options.view === "ids" ? "ids" : "text";
  const whitespace = options.whitespace === true;
  const n = table.length;

  const root = el("div", `tc tc-${view}`);
  root.dataset.view = view;
  root.append(chipsStyle(), copyBar(root, table));

  const scroller = el("div", "tc-scroll");
  scroller.setAttribute("role", "group");
  const count = `${formatNumber(n)} ${n === 1 ? "token" : "tokens"}`;
  scroller.setAttribute("aria-label", `${count}${view === "ids" ? ", as IDs" : ""}`);
  root.append(scroller);

  const card = cardElement();
  root.append(card);

  if (n === 0) {
    scroller.append(el("span", "tc-empty", "(no tokens)"));
    return root;
  }

  const layout = new ChipBlocks(text, table, view, whitespace);
  const expanded = new Set<number>(); // units of the groups that show their bytes
  const renderer = chipRenderer(layout, expanded);
  // Assigned once, below: chipWindow, made first, reads it through its callback.
  // eslint-disable-next-line prefer-const
  let focus: ChipFocus | undefined;
  const win = chipWindow(root, scroller, layout, renderer.buildBlock, () => (focus ? focus.pinnedBlock() : -1));
  focus = chipFocus(root, scroller, layout, win, renderer, chipCard(card, root, layout, expanded), card.id, expanded);
  return root;
}
