/**
 * The chips themselves: one block of units (src/lib/chip-blocks.ts) as DOM. Every node is made
 * with `document.createElement` and `textContent`: user text never reaches the DOM as markup.
 *
 *   "Hello world", text view: <span class="tc-chip tc-nav tc-c0">Hello</span><wbr>
 *                             <span class="tc-chip tc-nav tc-c0 tc-ls"><span class="tc-lead"> </span>world</span>
 *   "Hello world", IDs view:  <span class="tc-chip tc-nav tc-c0">24912</span> <span class="… tc-ls">2375</span>
 *
 * - **Leading space.** A token whose text starts with a space (U+0020) draws that space on a
 *   darker tint of its color (a notch at the chip's start: "[▌world]"), visible without color
 *   too; in the IDs view such chips have a thick left border.
 * - **Whitespace markers** (`whitespace: true`): `·` space, `→` tab, `↵` newline (the line still
 *   breaks), `␍` carriage return, `⍽` no-break space, `⟨U+3000⟩` for other Unicode spaces,
 *   drawn faint. Off (the default), whitespace is laid out as whitespace (`white-space: pre`),
 *   except that a newline still shows a faint `↵` drawn by CSS (not text, so copying the chips
 *   gives the text back), so that no chip is empty. Newlines that end a token are put after its
 *   chip, so the break leaves no empty chip fragment on the next line.
 * - **Always visible**, whatever `whitespace` says: controls, bidi controls, invisible format
 *   characters, a literal U+FFFD and lone surrogates, boxed with a dotted border
 *   (`visibleSegments` in src/lib/token-text.ts says which).
 * - **Parts of a character.** Tokens that hold only some bytes of a character, and any token
 *   sharing that character, form one group: a single box showing the whole character(s), its
 *   background split between the tokens' colors in proportion to their bytes, with a small count
 *   of tokens. The group is a toggle button; expanded, each token shows its bytes in hex
 *   ("e9 ac") and a label "bytes 1–2 of 3 of 鬱"; whole characters inside such a token still
 *   show as text. In the IDs view a group shows the character as a small label before its IDs.
 * - **Special tokens**: transparent, a dashed outline in the text color, bold, their own text.
 * - Chips sit in `white-space: pre` with a `<wbr>` between them: lines wrap between chips, never
 *   inside one. In the IDs view chips are separated by spaces (so a selection copies as
 *   "24912 2375"), with a line break after each token that ends a line of the text.
 */
import type { ChipBlocks } from "../../lib/chip-blocks.js";
import { byteSegments, partialLabel, tokenColor, visibleSegments, visibleWhitespace } from "../../lib/token-text.js";
import { FLAG_CUT_DIFFERS, FLAG_LEADING_SPACE, FLAG_SPECIAL } from "../../lib/token-table.js";
import { el, hex } from "../dom.js";

export interface ChipRenderer {
  /** Block b's units as DOM, in a `.tc-block` element. */
  buildBlock(b: number): HTMLElement;
  /** Unit u as a group (collapsed or expanded, as `expanded` says). */
  group(u: number): HTMLSpanElement;
}

/** Draws units of `layout`; a group whose unit index is in `expanded` shows its tokens' bytes. */
export function chipRenderer(layout: ChipBlocks, expanded: ReadonlySet<number>): ChipRenderer {
  const { text, table, view, whitespace, units } = layout;
  const { ids, start, end, flags } = table;

  /** A newline's mark when whitespace markers are off: drawn by CSS, so it is not text. */
  function newlineMark(): HTMLSpanElement {
    const m = el("span", "tc-nl");
    m.setAttribute("aria-hidden", "true");
    return m;
  }

  function appendVisible(parent: HTMLElement, s: string): void {
    const segs = visibleSegments(s, whitespace);
    if (segs.length === 1 && segs[0].kind === "text" && !s.includes("\n")) {
      parent.append(segs[0].text);
      return;
    }
    for (const seg of segs) {
      if (seg.kind === "text") {
        // Markers off: a newline still gets a (CSS-drawn) mark, so that no chip fragment is empty.
        const lines = seg.text.split("\n");
        lines.forEach((line, i) => {
          if (i > 0) parent.append(newlineMark(), "\n");
          if (line) parent.append(line);
        });
      } else {
        parent.append(el("span", seg.kind === "ws" ? "tc-ws" : "tc-mark", seg.text));
        if (seg.br) parent.append("\n");
      }
    }
  }

  function chip(k: number, extra = ""): HTMLSpanElement {
    const special = flags[k] & FLAG_SPECIAL ? " tc-special" : "";
    const differs = flags[k] & FLAG_CUT_DIFFERS ? " tc-diff" : "";
    const c = el("span", `tc-chip tc-nav tc-c${tokenColor(ids[k])}${special}${differs}${extra}`);
    c.dataset.k = String(k);
    c.tabIndex = -1;
    return c;
  }

  /**
   * A text chip, and the newlines it ends with: those go after the chip (its mark stays
   * inside), so that the line break does not leave an empty chip fragment on the next line.
   */
  function textChip(k: number): [HTMLSpanElement, string] {
    const c = chip(k);
    let s = text.slice(start[k], end[k]);
    let trailing = 0;
    while (trailing < s.length && s.charCodeAt(s.length - 1 - trailing) === 10) trailing++;
    s = s.slice(0, s.length - trailing);
    if (flags[k] & FLAG_LEADING_SPACE && s.charCodeAt(0) === 0x20) {
      c.classList.add("tc-ls");
      c.append(el("span", whitespace ? "tc-lead tc-ws" : "tc-lead", whitespace ? "·" : " "));
      s = s.slice(1);
    }
    appendVisible(c, s);
    if (start[k] === end[k]) {
      // A token that covers no text: the "▁" Mixtral's normalizer prepends. Shown, never blank.
      c.append(el("span", "tc-mark", "▁"));
      c.title = "A space the tokenizer adds before the text: it covers none of it.";
    }
    for (let i = 0; i < trailing; i++) c.append(whitespace ? el("span", "tc-ws", "↵") : newlineMark());
    return [c, "\n".repeat(trailing)];
  }

  /** One token of an expanded group: its whole characters as text, the rest as hex, and a label. */
  function subChip(k: number): HTMLSpanElement {
    const c = chip(k, " tc-sub");
    for (const seg of byteSegments(table.bytes.subarray(table.byteOffset[k], table.byteOffset[k + 1]))) {
      if ("text" in seg) appendVisible(c, seg.text);
      else c.append(el("span", "tc-hex", hex(seg.bytes)));
    }
    for (const p of table.partial.get(k) ?? []) c.append(el("span", "tc-plabel", partialLabel(p)));
    return c;
  }

  function group(u: number): HTMLSpanElement {
    const k0 = units[u],
      k1 = units[u + 1];
    const g = el("span", "tc-group");
    g.dataset.u = String(u);
    if (view === "ids") {
      g.classList.add("tc-gids");
      const label = el("span", "tc-glabel");
      appendVisible(label, layout.unitText(u));
      g.append(label);
      for (let k = k0; k < k1; k++) {
        if (k > k0) g.append(" ");
        const c = chip(k);
        c.textContent = String(ids[k]);
        g.append(c);
      }
      return g;
    }
    const open = expanded.has(u);
    if (open) g.classList.add("tc-open");
    let differs = false;
    for (let k = k0; k < k1; k++) if (flags[k] & FLAG_CUT_DIFFERS) differs = true;
    const head = el("span", differs ? "tc-ghead tc-nav tc-diff" : "tc-ghead tc-nav");
    head.dataset.u = String(u);
    head.tabIndex = -1;
    head.setAttribute("role", "button");
    head.setAttribute("aria-expanded", String(open));
    const state = open ? "bytes shown" : "show bytes";
    head.setAttribute("aria-label", `${visibleWhitespace(layout.unitText(u))}: ${k1 - k0} tokens, ${state}`);
    // Background split between the tokens' colors, in proportion to their bytes.
    const total = table.byteOffset[k1] - table.byteOffset[k0];
    const stops: string[] = [];
    for (let k = k0; k < k1; k++) {
      const a = ((table.byteOffset[k] - table.byteOffset[k0]) / total) * 100;
      const b = ((table.byteOffset[k + 1] - table.byteOffset[k0]) / total) * 100;
      stops.push(`var(--tc-bg-${tokenColor(ids[k])}) ${a.toFixed(1)}% ${b.toFixed(1)}%`);
    }
    head.style.background = `linear-gradient(90deg, ${stops.join(", ")})`;
    const t = el("span", "tc-gtext");
    appendVisible(t, layout.unitText(u));
    const n = el("span", "tc-gn", String(k1 - k0));
    n.setAttribute("aria-hidden", "true");
    head.append(t, n);
    g.append(head);
    if (open) for (let k = k0; k < k1; k++) g.append(subChip(k));
    return g;
  }

  function renderUnit(u: number, into: DocumentFragment): void {
    if (layout.isGroup(u)) {
      into.append(group(u));
    } else if (view === "ids") {
      const k = units[u];
      const c = chip(k, flags[k] & FLAG_LEADING_SPACE ? " tc-ls" : "");
      c.textContent = String(ids[k]);
      into.append(c);
    } else {
      const [c, after] = textChip(units[u]);
      into.append(c);
      if (after) into.append(after);
    }
  }

  function buildBlock(b: number): HTMLElement {
    const div = el("div", "tc-block");
    div.dataset.b = String(b);
    const frag = document.createDocumentFragment();
    const { blockStarts } = layout;
    for (let u = blockStarts[b]; u < blockStarts[b + 1]; u++) {
      if (u > blockStarts[b]) {
        // IDs: a space between chips, a line break after a token that ends a line of the text.
        if (view === "ids") frag.append(text.charCodeAt(end[units[u] - 1] - 1) === 10 ? "\n" : " ");
        else frag.append(document.createElement("wbr"));
      }
      renderUnit(u, frag);
    }
    div.append(frag);
    return div;
  }

  return { buildBlock, group };
}
