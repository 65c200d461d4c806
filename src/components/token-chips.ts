/**
 * The token chips view of the playground: a text as a row of colored chips, one per token.
 *
 *   const table = tokenTable(encoding, text, {allowedSpecial: "all"});
 *   display(tokenChips(text, table, {view: "text", whitespace: true}));
 *
 * A pure function of (text, table, options) that returns DOM, like Framework's components: to
 * switch views, call it again. The element carries its own class-scoped stylesheet (a `<style>`
 * inside it), so it looks the same in a page and in an embed widget's shadow root. Every node
 * is built with `document.createElement` and `textContent`: user text never reaches the DOM as
 * markup.
 *
 * Decisions:
 * - **Colors.** The seven Okabe–Ito colors (black left out), chosen by a hash of the token ID
 *   (`tokenColor`), so a token has the same color wherever it occurs, in both views. Chips are
 *   light tints of the color with a border in a darker shade (dark mode: dark tints, lighter
 *   borders, via `prefers-color-scheme`). Neighbours may share a color (1 in 7), so the color
 *   never carries the boundary alone: every chip has a 1px border, rounded corners and a gap.
 * - **Leading space.** A token whose text starts with a space (U+0020) draws that space on a
 *   darker tint of its color (a notch at the chip's start: "[▌world]"), visible without color
 *   too; in the IDs view such chips have a thick left border.
 * - **Whitespace markers** (`whitespace: true`): `·` space, `→` tab, `↵` newline (the line still
 *   breaks), `␍` carriage return, `⍽` no-break space, `⟨U+3000⟩` for other Unicode spaces,
 *   drawn faint. Off (the default), whitespace is laid out as whitespace (`white-space: pre`),
 *   except that a newline still shows a faint `↵` drawn by CSS (not text, so copying the chips
 *   gives the text back), so that no chip is empty. Newlines that end a token are put after its
 *   chip, so the break leaves no empty chip fragment on the next line.
 * - **Always visible, whatever `whitespace` says**: C0 controls as control pictures (NUL `␀`),
 *   DEL `␡`, C1 controls, bidirectional controls (`⟨U+202E⟩`), zero-width and other invisible
 *   format characters, line/paragraph separators, a literal U+FFFD (`⟨U+FFFD⟩`, so "�" never
 *   appears) and lone surrogates (`⟨D800⟩`). These markers are boxed with a dotted border. A
 *   chip made only of joiners or variation selectors (invisible alone) shows them as markers too.
 *   Chips are `unicode-bidi: isolate`: each chip's text runs in its own direction, but chips
 *   always go left to right in token order (as in the IDs view, and as ArrowRight moves), so
 *   right-to-left text cannot reorder its neighbours.
 * - **Parts of a character.** Tokens that hold only some bytes of a character, and any token
 *   sharing that character, form one group: a single box showing the whole character(s), its
 *   background split between the tokens' colors in proportion to their bytes, with a small count
 *   of tokens. The group is a toggle button (click, Enter or Space): expanded, each token shows
 *   its bytes in hex ("e9 ac") and a label "bytes 1–2 of 3 of 鬱" (one byte: "byte 3 of 3 of
 *   鬱"); whole characters inside such a token still show as text. In the IDs view a group shows
 *   the character as a small label before its tokens' IDs.
 * - **Special tokens**: transparent, a dashed outline in the text color, bold, their own text.
 * - **Token card**: one shared `role="tooltip"` element per view, filled on hover or focus and
 *   referenced with `aria-describedby` from the focused chip. It shows the ID, the text with
 *   whitespace visible, the hex bytes, the length in bytes and characters (code points),
 *   "starts with a space: yes/no", and for a partial token which bytes of which character. For
 *   a group it lists its tokens. Escape hides it; it never takes the pointer.
 * - **Keyboard**: one tab stop (roving tabindex). ArrowLeft/ArrowRight move to the previous or
 *   next chip (into an expanded group's tokens), ArrowUp/ArrowDown to the chip on the line
 *   above or below that is nearest horizontally, Home/End to the first and last token, across
 *   windowed blocks. Enter/Space toggle a group.
 * - **Windowing.** Tokens are grouped into units (a chip, or a group), units into blocks that
 *   end after the first newline once they hold 60 units, so block boundaries fall at line
 *   ends; a line with no newline in 400 units is cut there (it then shows as two lines).
 *   Only blocks near the visible part of the scroll container (`max-height:
 *   var(--tc-max-height, 28rem)`) are in the DOM; the others are empty placeholders whose height
 *   is measured (once seen) or estimated from their lines, scaled by how wrong the estimates
 *   were for measured blocks. An IntersectionObserver (margin: 1.5 container heights) asks for
 *   blocks; one animation frame draws blocks (those on screen first) until it has drawn 120
 *   units, and measures them in the next frame, after the browser's own layout, so no frame
 *   forces a layout of new chips. Far-away blocks are dropped again; the block holding the
 *   focused chip never is. `tokenChips` itself scans tokens only until the first block is
 *   complete and draws it; the rest is scanned in timer slices of ~8 ms, which append
 *   placeholders as blocks close (a spacer stands for the text not scanned yet). Chips sit in
 *   `white-space: pre` with a `<wbr>` between them: lines wrap between chips, never inside one.
 * - **IDs view** (`view: "ids"`): chips show the IDs, same colors and styles, separated by
 *   spaces (so a selection copies as "24912 2375"), with a line break after each token that
 *   ends a line of the text, so the IDs keep the text's lines. "Copy IDs as JSON" writes
 *   `[24912,2375]` with `navigator.clipboard.writeText`; if the browser refuses, the JSON appears
 *   selected in a read-only text box with a message saying to copy it by hand. Messages go to an
 *   `aria-live="polite"` line (not `role="status"`: the page has its own status line).
 */
import type { PartialChar } from "../engine/index.js";
import {CUT_DIFFERS, LEADING_SPACE, PARTIAL, SPECIAL, type TokenTable} from "../lib/token-table.js";

export interface TokenChipsOptions {
  /** `"text"` (default): chips show their text. `"ids"`: chips show token IDs. */
  view?: "text" | "ids";
  /** Show whitespace as markers (`·` `→` `↵`). Default `false`. */
  whitespace?: boolean;
}

// ---- pure helpers ---------------------------------------------------------------------------

/** The Okabe–Ito colorblind-safe palette (without black), with the tints the chips use. */
export const PALETTE = [
  {name: "orange", base: "#e69f00", light: {bg: "#faeac7", border: "#b87f00"}, dark: {bg: "#543f0f", border: "#c28a0a"}},
  {name: "sky blue", base: "#56b4e9", light: {bg: "#daeffa", border: "#4590ba"}, dark: {bg: "#294555", border: "#5aa6d2"}},
  {name: "bluish green", base: "#009e73", light: {bg: "#c7eae0", border: "#007e5c"}, dark: {bg: "#0f3f32", border: "#12a57c"}},
  {name: "yellow", base: "#f0e442", light: {bg: "#fcf9d5", border: "#a89e1f"}, dark: {bg: "#575423", border: "#c9bf3b"}},
  {name: "blue", base: "#0072b2", light: {bg: "#c7e0ee", border: "#005b8e"}, dark: {bg: "#0f3245", border: "#3a8fc4"}},
  {name: "vermillion", base: "#d55e00", light: {bg: "#f6dcc7", border: "#aa4b00"}, dark: {bg: "#4f2c0f", border: "#d0661a"}},
  {name: "reddish purple", base: "#cc79a7", light: {bg: "#f4e2ec", border: "#a36186"}, dark: {bg: "#4d3442", border: "#c27ca3"}},
] as const;

/** Index into `PALETTE` of a token ID's color: a fixed integer hash, the same in every view. */
export function tokenColor(id: number): number {
  let h = Math.imul((id | 0) ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % PALETTE.length;
}

/** Bytes as lower-case hex pairs separated by spaces: `e9 ac b1`. */
export function hex(bytes: ArrayLike<number>): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += (i ? " " : "") + (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  return s;
}

/** `⟨U+202E⟩`: a code point as a visible marker. */
function codeMarker(cp: number): string {
  return `⟨U+${cp.toString(16).toUpperCase().padStart(4, "0")}⟩`;
}

/** One run of a text as the chips draw it. */
export interface VisibleSegment {
  /** `text`: as is; `ws`: a whitespace marker; `mark`: a marker for an invisible or unsafe character. */
  kind: "text" | "ws" | "mark";
  text: string;
  /** A newline marker: the line breaks after it. */
  br?: boolean;
}

/** The marker for one code point, or `undefined` when it is drawn as itself. */
function markerFor(cp: number, loneSurrogate: boolean, whitespace: boolean): VisibleSegment | undefined {
  if (loneSurrogate) return {kind: "mark", text: `⟨${cp.toString(16).toUpperCase()}⟩`};
  if (cp < 0x20 || cp === 0x7f) {
    if (cp === 0x0a) return whitespace ? {kind: "ws", text: "↵", br: true} : undefined;
    if (cp === 0x09) return whitespace ? {kind: "ws", text: "→"} : undefined;
    if (cp === 0x0d) return whitespace ? {kind: "ws", text: "␍"} : undefined;
    return {kind: "mark", text: String.fromCharCode(cp === 0x7f ? 0x2421 : 0x2400 + cp)}; // ␀ … ␟, ␡
  }
  if (cp === 0x20) return whitespace ? {kind: "ws", text: "·"} : undefined;
  if (cp < 0xa0) return cp >= 0x80 ? {kind: "mark", text: codeMarker(cp)} : undefined; // C1 controls, NEL
  if (cp === 0xa0) return whitespace ? {kind: "ws", text: "⍽"} : undefined;
  if (cp === 0xad || cp === 0x61c || cp === 0x180e || cp === 0xfeff || cp === 0xfffd) return {kind: "mark", text: codeMarker(cp)};
  if (cp === 0x200b || (cp >= 0x200e && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || (cp >= 0xfff9 && cp <= 0xfffb)) {
    return {kind: "mark", text: codeMarker(cp)}; // zero-width, bidi, line/paragraph separators, invisible operators
  }
  if (cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x3000) {
    return whitespace ? {kind: "ws", text: codeMarker(cp)} : undefined;
  }
  return undefined;
}

/** Characters that are invisible on their own: joiners, variation selectors, tags, fillers. */
const INVISIBLE_ALONE = /^[\u200c\u200d\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\u{e0000}-\u{e0fff}]+$/u;

/**
 * A text split into runs to draw: plain text, whitespace markers (when `whitespace`), and
 * markers for characters that must always be visible (controls, bidi controls, lone
 * surrogates…). Joining the segments' `text` gives what the chip shows.
 */
export function visibleSegments(s: string, whitespace: boolean): VisibleSegment[] {
  const out: VisibleSegment[] = [];
  let run = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    let cp = c, len = 1, lone = false;
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        len = 2;
      } else {
        lone = true;
      }
    }
    // Fast path: printable ASCII but space never needs a marker.
    const m = c > 0x20 && c < 0x7f ? undefined : markerFor(cp, lone, whitespace);
    if (m) {
      if (i > run) out.push({kind: "text", text: s.slice(run, i)});
      out.push(m);
      run = i + len;
    }
    i += len;
  }
  if (run < s.length) out.push({kind: "text", text: s.slice(run)});
  if (out.length === 1 && out[0].kind === "text" && INVISIBLE_ALONE.test(s)) {
    return Array.from(s, (ch) => ({kind: "mark" as const, text: codeMarker(ch.codePointAt(0)!)}));
  }
  return out;
}

/**
 * The text with whitespace and invisible characters made visible, on one line:
 * `visibleWhitespace(" a\tb\n")` is `"·a→b↵"`, `visibleWhitespace("\0")` is `"␀"`.
 */
export function visibleWhitespace(s: string): string {
  let out = "";
  for (const seg of visibleSegments(s, true)) out += seg.text;
  return out;
}

/** `"bytes 1–2 of 3 of 鬱"`, or `"byte 3 of 3 of 鬱"` for a single byte. */
export function partialLabel(p: PartialChar): string {
  const from = p.byteStart + 1, to = p.byteEnd;
  const char = visibleWhitespace(p.char);
  return from === to ? `byte ${from} of ${p.byteLength} of ${char}` : `bytes ${from}–${to} of ${p.byteLength} of ${char}`;
}

/** Length of the valid, complete UTF-8 sequence at `b[i]`, or 0. */
function utf8Length(b: ArrayLike<number>, i: number): number {
  const n = b.length, x = b[i];
  const cont = (j: number, lo = 0x80, hi = 0xbf) => j < n && b[j] >= lo && b[j] <= hi;
  if (x < 0x80) return 1;
  if (x >= 0xc2 && x <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (x >= 0xe0 && x <= 0xef) {
    const ok = x === 0xe0 ? cont(i + 1, 0xa0) : x === 0xed ? cont(i + 1, 0x80, 0x9f) : cont(i + 1);
    return ok && cont(i + 2) ? 3 : 0;
  }
  if (x >= 0xf0 && x <= 0xf4) {
    const ok = x === 0xf0 ? cont(i + 1, 0x90) : x === 0xf4 ? cont(i + 1, 0x80, 0x8f) : cont(i + 1);
    return ok && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

export type ByteSegment = {text: string} | {bytes: Uint8Array};

const utf8 = new TextDecoder();

/**
 * A token's bytes as runs of whole characters (`{text}`) and of bytes that are only part of a
 * character (`{bytes}`): `[e9 ac]` → `[{bytes: e9 ac}]`, `[61 e9]` → `[{text: "a"}, {bytes: e9}]`.
 */
export function byteSegments(bytes: Uint8Array): ByteSegment[] {
  const out: ByteSegment[] = [];
  let start = 0, inText = true;
  for (let i = 0; i < bytes.length; ) {
    const len = utf8Length(bytes, i);
    if ((len > 0) !== inText) {
      if (i > start) out.push(inText ? {text: utf8.decode(bytes.subarray(start, i))} : {bytes: bytes.slice(start, i)});
      start = i;
      inText = len > 0;
    }
    i += len || 1;
  }
  if (bytes.length > start) out.push(inText ? {text: utf8.decode(bytes.subarray(start))} : {bytes: bytes.slice(start)});
  return out;
}

/** Number of code points of `s` (a lone surrogate counts as one). */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff)) n++;
  }
  return n;
}

/** Does token k share a character with token k - 1 (so that both are in one unit)? */
const joinsPrevious = (table: TokenTable, k: number) => k > 0 && table.start[k] < table.end[k - 1];

/**
 * Units: token index where each chip or group starts, plus `table.length` at the end. Tokens
 * that share a character (their spans overlap) form one unit: partial tokens that split a
 * character's bytes, and the tokens of a normalized character (with NFKC, Claude's legacy
 * tokenizer reads "½" as "1⁄2": three whole tokens that all cover "½").
 */
export function chipUnits(table: TokenTable): Int32Array {
  const n = table.length;
  const units = new Int32Array(n + 1);
  let u = 0;
  for (let k = 0; k < n; k++) if (!joinsPrevious(table, k)) units[u++] = k;
  units[u] = n;
  return units.slice(0, u + 1);
}

// ---- stylesheet -------------------------------------------------------------------------------

const colorVars = (mode: "light" | "dark") =>
  PALETTE.map((c, i) => `--tc-bg-${i}:${c[mode].bg};--tc-bd-${i}:${c[mode].border};`).join("");

/** The component's stylesheet; every rule is scoped to `.tc`. */
export const TOKEN_CHIPS_CSS = `
.tc{position:relative;${colorVars("light")}
--tc-fg:var(--theme-foreground,#1b1e23);--tc-bg:var(--theme-background,#fff);
--tc-faint:var(--theme-foreground-faint,#8b8e93);--tc-line:var(--theme-foreground-faintest,#d9dadc);
--tc-mark:#b3261e;--tc-focus:var(--theme-foreground-focus,#3b5fc0);
font:14px/1.5 var(--sans-serif,system-ui,-apple-system,"Segoe UI",sans-serif);color:var(--tc-fg)}
@media (prefers-color-scheme:dark){.tc{${colorVars("dark")}
--tc-fg:var(--theme-foreground,#dfdfd6);--tc-bg:var(--theme-background,#161616);
--tc-faint:var(--theme-foreground-faint,#7b7b76);--tc-line:var(--theme-foreground-faintest,#3a3a38);--tc-mark:#ff8a80}}
${PALETTE.map((_, i) => `.tc-c${i}{--bg:var(--tc-bg-${i});--bd:var(--tc-bd-${i})}`).join("\n")}
.tc-bar{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem;margin:0 0 .375rem}
.tc-copy{font:inherit;font-size:13px;padding:.125rem .5rem;border:1px solid var(--tc-line);border-radius:4px;background:transparent;color:inherit;cursor:pointer}
.tc-copy:hover{border-color:var(--tc-faint)}
.tc-msg{font-size:13px;color:var(--tc-faint)}
.tc-fallback{display:block;width:100%;box-sizing:border-box;height:5rem;margin:0 0 .375rem;font:12px/1.4 var(--monospace,ui-monospace,monospace)}
.tc-scroll{max-height:var(--tc-max-height,28rem);overflow:auto;overflow-anchor:auto;box-sizing:border-box;
border:1px solid var(--tc-line);border-radius:6px;padding:.375rem .5rem;
font:13.5px/2 var(--monospace,ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace);
white-space:pre-wrap;overflow-wrap:anywhere;tab-size:4;font-variant-ligatures:none}
.tc-ph{display:block}
.tc-empty{color:var(--tc-faint);font-family:var(--sans-serif,system-ui,sans-serif)}
.tc-chip,.tc-ghead{white-space:pre;unicode-bidi:isolate;border:1px solid var(--bd,var(--tc-line));background:var(--bg,transparent);
border-radius:3px;padding:1px 2px;margin:0 1px;-webkit-box-decoration-break:clone;box-decoration-break:clone;cursor:default}
.tc-chip:focus,.tc-ghead:focus{outline:none}
.tc-chip:focus-visible,.tc-ghead:focus-visible,.tc-chip.tc-hover,.tc-ghead.tc-hover{outline:2px solid var(--tc-focus);outline-offset:1px}
.tc-lead{background:var(--bd);background:color-mix(in srgb,var(--bd) 28%,transparent);border-radius:2px}
.tc-ids .tc-ls{box-shadow:inset 3px 0 0 var(--bd)}
.tc-nl::before{content:"↵";color:var(--tc-faint)}
.tc-ws{color:var(--tc-faint)}
.tc-mark{color:var(--tc-mark);font-size:.85em;border:1px dotted currentColor;border-radius:2px;padding:0 1px;margin:0 1px}
.tc-diff{text-decoration:underline wavy var(--tc-mark) 1px;text-underline-offset:4px;text-decoration-skip-ink:none}
.tc-special{--bg:transparent;border:1.5px dashed var(--tc-fg);font-weight:600;padding:1px 4px}
.tc-group{unicode-bidi:isolate}
.tc-ghead{cursor:pointer;border-style:solid;border-color:var(--tc-fg);border-color:color-mix(in srgb,var(--tc-fg) 55%,transparent)}
.tc-gn{font:600 9px/1 var(--sans-serif,system-ui,sans-serif);vertical-align:super;color:var(--tc-faint);margin-left:1px}
.tc-open>.tc-ghead{border-top-right-radius:0;border-bottom-right-radius:0;margin-right:0}
.tc-sub{margin:0;border-radius:0;border-left-width:0}
.tc-sub:last-child{border-top-right-radius:3px;border-bottom-right-radius:3px;margin-right:1px}
.tc-hex{font-size:.9em}
.tc-plabel{font:11px var(--sans-serif,system-ui,sans-serif);color:var(--tc-faint);margin-left:.375em}
.tc-glabel{font-size:.85em;color:var(--tc-faint);margin-right:2px}
.tc-gids{border-bottom:1.5px dotted var(--tc-faint);padding-bottom:2px}
.tc-card{position:absolute;z-index:20;pointer-events:none;box-sizing:border-box;max-width:min(26rem,100%);
padding:.5rem .625rem;border:1px solid var(--tc-line);border-radius:6px;background:var(--tc-bg);
box-shadow:0 4px 14px rgb(0 0 0 / .14);font-size:13px;line-height:1.45}
.tc-card[hidden]{display:none}
.tc-card-title{font-weight:600;margin-bottom:.25rem}
.tc-card-tag{font-weight:400;font-size:12px;color:var(--tc-faint);margin-left:.5rem}
.tc-card-dl{display:grid;grid-template-columns:auto 1fr;gap:.125rem .75rem;margin:0}
.tc-card-dl dt{color:var(--tc-faint)}
.tc-card-dl dd{margin:0;font-family:var(--monospace,ui-monospace,monospace);white-space:pre-wrap;overflow-wrap:anywhere}
.tc-card-note{margin-top:.25rem;font-size:12px;color:var(--tc-faint)}
`;

// ---- the component ----------------------------------------------------------------------------

/**
 * Units per block: a block ends after a newline once it has MIN units, and always at MAX (a
 * block is block-level, so a line without a newline in MAX tokens breaks there).
 */
const BLOCK_MIN = 60;
const BLOCK_MAX = 400;
/** Budget of one animation frame: units drawn (their layout follows in the same frame)… */
const FRAME_UNITS = 120;
/** …and milliseconds of script (also the budget of one slice of scanning). */
const SLICE_MS = 8;
const FONT_PX = 13.5;
const LINE_PX = FONT_PX * 2;
const CHAR_PX = FONT_PX * 0.6;

let cardCount = 0;

/** `1234567` → `"1,234,567"` (not `toLocaleString`: its first call loads locale data, slowly). */
function thousands(x: number): string {
  return String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The tokens of `text` (as laid out in `table`) as chips. See the top of this file for what
 * the chips, groups, card and keyboard do.
 */
export function tokenChips(text: string, table: TokenTable, options: TokenChipsOptions = {}): HTMLElement {
  const view = options.view === "ids" ? "ids" : "text";
  const whitespace = options.whitespace === true;
  const {ids, start, end, flags} = table;
  const n = table.length;

  const root = el("div", `tc tc-${view}`);
  root.dataset.view = view;
  root.append(el("style", undefined, TOKEN_CHIPS_CSS));

  // Toolbar: copy button and a polite live message.
  const bar = el("div", "tc-bar");
  const copyButton = el("button", "tc-copy", "Copy IDs as JSON");
  copyButton.type = "button";
  const msg = el("span", "tc-msg");
  msg.setAttribute("aria-live", "polite");
  bar.append(copyButton, msg);
  root.append(bar);

  const scroller = el("div", "tc-scroll");
  scroller.setAttribute("role", "group");
  scroller.setAttribute("aria-label", `${thousands(table.length)} ${table.length === 1 ? "token" : "tokens"}${view === "ids" ? ", as IDs" : ""}`);
  root.append(scroller);

  const card = el("div", "tc-card");
  card.id = `tc-card-${++cardCount}`;
  card.setAttribute("role", "tooltip");
  card.hidden = true;
  root.append(card);

  copyButton.addEventListener("click", () => void copyIds());

  if (n === 0) {
    scroller.append(el("span", "tc-empty", "(no tokens)"));
    return root;
  }

  // ---- units and blocks, found incrementally ----
  // The element is returned once the first block is found and drawn; the rest of the tokens
  // are scanned in short timer slices, each adding placeholders for the blocks it closes.
  const units = new Int32Array(n + 1); // token index where unit u starts (units[nUnits] = n at the end)
  let nUnits = 0;
  const blockStarts: number[] = [0]; // unit index where block b starts; closed blocks: blockStarts.length - 1
  const nBlocks = () => blockStarts.length - 1;
  let scanned = 0; // tokens scanned
  let unitsInBlock = 0;
  let endsLine = false; // the last scanned token ends with a newline
  let done = false;
  const unitText = (u: number) => text.slice(start[units[u]], end[units[u + 1] - 1]);
  const isGroup = (u: number) => units[u + 1] - units[u] > 1 || (flags[units[u]] & PARTIAL) !== 0;

  /** Scan up to `count` more tokens (same grouping as `chipUnits`). */
  function scan(count: number): void {
    const stop = Math.min(n, scanned + count);
    for (let k = scanned; k < stop; k++) {
      if (!joinsPrevious(table, k)) {
        units[nUnits] = k;
        if (unitsInBlock >= BLOCK_MAX || (unitsInBlock >= BLOCK_MIN && endsLine)) closeBlock();
        nUnits++;
        unitsInBlock++;
      }
      endsLine = text.charCodeAt(end[k] - 1) === 10;
    }
    scanned = stop;
    if (scanned === n && !done) {
      units[nUnits] = n;
      closeBlock();
      done = true;
      tail.remove();
    } else {
      tail.style.height = `${Math.round(tailHeight())}px`;
    }
  }

  // Per block: widths of its lines in character cells, chip borders and gaps spread over them.
  const lineCells: Float64Array[] = [];
  const digits = (x: number) => (x < 10 ? 1 : x < 100 ? 2 : x < 1000 ? 3 : x < 10000 ? 4 : x < 100000 ? 5 : 6);
  function blockLines(b: number): Float64Array {
    const u0 = blockStarts[b], u1 = blockStarts[b + 1];
    if (view === "ids") {
      const lines: number[] = [];
      let cells = 0;
      for (let k = units[u0]; k < units[u1]; k++) {
        cells += digits(ids[k]) + 2;
        if (text.charCodeAt(end[k] - 1) === 10) {
          lines.push(cells);
          cells = 0;
        }
      }
      if (cells > 0 || !lines.length) lines.push(cells);
      return Float64Array.from(lines);
    }
    const c0 = start[units[u0]], c1 = end[units[u1] - 1];
    const perChar = 1 + (u1 - u0) / Math.max(1, c1 - c0);
    const lines: number[] = [];
    for (let p = c0; p < c1; ) {
      const nl = text.indexOf("\n", p);
      const stop = nl < 0 || nl >= c1 ? c1 : nl;
      lines.push((stop - p + (stop < c1 && whitespace ? 1 : 0)) * perChar);
      p = stop + 1;
    }
    return Float64Array.from(lines.length ? lines : [0]);
  }

  let widthCells = 80;
  const estimate = (b: number) => {
    let rows = 0;
    for (const c of lineCells[b]) rows += Math.max(1, Math.ceil(c / widthCells));
    return rows * LINE_PX;
  };
  const rendered: number[] = [];
  const measured: number[] = []; // 0: never measured
  let sumMeasured = 0, sumEstimated = 0;
  const scale = () => (sumEstimated > 0 ? sumMeasured / sumEstimated : 1);
  const calibrated = (b: number) => Math.max(LINE_PX, estimate(b) * scale());
  let scannedEstimate = 0; // sum of the closed blocks' estimates
  /** Height of the text not scanned yet, at the scanned part's (estimated) height per character. */
  function tailHeight(): number {
    const chars = scanned > 0 ? end[scanned - 1] : 0;
    return chars > 0 ? ((text.length - chars) * scannedEstimate * scale()) / chars : 0;
  }
  const blocks: HTMLElement[] = [];
  const tail = el("div", "tc-tail");
  scroller.append(tail);
  const expanded = new Set<number>();

  function closeBlock(): void {
    const b = nBlocks();
    blockStarts.push(nUnits);
    unitsInBlock = 0;
    lineCells.push(blockLines(b));
    scannedEstimate += estimate(b);
    rendered.push(0);
    measured.push(0);
    const ph = placeholder(b, calibrated(b));
    blocks.push(ph);
    tail.before(ph);
    io?.observe(ph);
  }

  // ---- rendering ----
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
    const special = (flags[k] & SPECIAL) !== 0;
    const c = el("span", `tc-chip tc-nav tc-c${tokenColor(ids[k])}${special ? " tc-special" : ""}${flags[k] & CUT_DIFFERS ? " tc-diff" : ""}${extra}`);
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
    if (flags[k] & LEADING_SPACE && s.charCodeAt(0) === 0x20) {
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
    const k0 = units[u], k1 = units[u + 1];
    const g = el("span", "tc-group");
    g.dataset.u = String(u);
    if (view === "ids") {
      g.classList.add("tc-gids");
      const label = el("span", "tc-glabel");
      appendVisible(label, unitText(u));
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
    for (let k = k0; k < k1; k++) if (flags[k] & CUT_DIFFERS) differs = true;
    const head = el("span", differs ? "tc-ghead tc-nav tc-diff" : "tc-ghead tc-nav");
    head.dataset.u = String(u);
    head.tabIndex = -1;
    head.setAttribute("role", "button");
    head.setAttribute("aria-expanded", String(open));
    head.setAttribute("aria-label", `${visibleWhitespace(unitText(u))}: ${k1 - k0} tokens, ${open ? "bytes shown" : "show bytes"}`);
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
    appendVisible(t, unitText(u));
    const n = el("span", "tc-gn", String(k1 - k0));
    n.setAttribute("aria-hidden", "true");
    head.append(t, n);
    g.append(head);
    if (open) for (let k = k0; k < k1; k++) g.append(subChip(k));
    return g;
  }

  function renderUnit(u: number, into: DocumentFragment): void {
    if (isGroup(u)) {
      into.append(group(u));
    } else if (view === "ids") {
      const k = units[u];
      const c = chip(k, flags[k] & LEADING_SPACE ? " tc-ls" : "");
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

  function placeholder(b: number, height: number): HTMLElement {
    const div = el("div", "tc-block tc-ph");
    div.dataset.b = String(b);
    div.style.height = `${Math.round(height)}px`;
    return div;
  }

  function swap(b: number, next: HTMLElement): void {
    const old = blocks[b];
    io?.unobserve(old);
    old.replaceWith(next);
    blocks[b] = next;
    io?.observe(next);
  }

  /** Render block `b` now (keyboard moves need it synchronously). */
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
    if (height > 0) record(b, height);
    swap(b, placeholder(b, measured[b] || calibrated(b)));
    rendered[b] = 0;
  }

  function record(b: number, height: number): void {
    if (!measured[b]) {
      sumMeasured += height;
      sumEstimated += estimate(b);
    }
    measured[b] = height;
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
        record(b, blocks[b].offsetHeight);
        measuredSome = true;
      }
    }
    toMeasure.clear();
    if (measuredSome) {
      // Better estimates for placeholders after the last rendered block (never above the
      // viewport, so nothing on screen moves).
      let last = 0;
      for (let b = 0; b < nBlocks(); b++) if (rendered[b]) last = b;
      for (let b = last + 1; b < nBlocks(); b++) {
        if (measured[b]) continue;
        const h = `${Math.round(calibrated(b))}px`;
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
        drawn += blockStarts[b + 1] - blockStarts[b];
      }
    }
    if (!done) tail.style.height = `${Math.round(tailHeight())}px`;
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
      {root: scroller, rootMargin: "150% 0px"},
    );
  }

  if (typeof ResizeObserver === "function") {
    let lastWidth = 0;
    ro = new ResizeObserver(() => {
      const w = scroller.clientWidth;
      if (!w || Math.abs(w - lastWidth) < 1) return;
      lastWidth = w;
      widthCells = Math.max(8, Math.floor((w - 16) / CHAR_PX));
      // Measurements were for another width: start again from estimates.
      measured.fill(0);
      sumMeasured = sumEstimated = 0;
      scannedEstimate = 0;
      for (let b = 0; b < nBlocks(); b++) scannedEstimate += estimate(b);
      for (let b = 0; b < nBlocks(); b++) {
        if (rendered[b]) toMeasure.add(b);
        else blocks[b].style.height = `${Math.round(estimate(b))}px`;
      }
      schedule();
    });
    ro.observe(scroller);
  }

  // The first block now, the rest in timer slices of at most SLICE_MS.
  while (!done && nBlocks() === 0) scan(512);
  renderBlock(0);
  function scanSlice(): void {
    if (done || discarded()) return;
    const t0 = performance.now();
    while (!done && performance.now() - t0 < SLICE_MS) scan(4096);
    if (!done) setTimeout(scanSlice, 0);
  }
  if (!done) setTimeout(scanSlice, 0);
  /** Block `b` exists (scan on as far as needed); false when there is no such block. */
  function ensureBlock(b: number): boolean {
    while (!done && nBlocks() <= b) scan(4096);
    return b >= 0 && b < nBlocks();
  }

  // ---- roving focus, keyboard ----
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
    if (!ensureBlock(b)) return undefined;
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
    let best: HTMLElement | undefined, bestDistance = Infinity, lineTop: number | undefined;
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
    const g = group(u);
    old.replaceWith(g);
    const newHead = g.querySelector<HTMLElement>(".tc-ghead")!;
    if (wasCurrent) {
      current = newHead;
      newHead.tabIndex = 0;
    }
    newHead.focus();
    showCard(newHead);
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
        while (!done) scan(1 << 16);
        const list = renderBlock(nBlocks() - 1).querySelectorAll<HTMLElement>(".tc-nav");
        moveTo(list[list.length - 1]);
        break;
      }
      case "Enter":
      case " ":
        if (!target.classList.contains("tc-ghead")) return;
        toggle(target);
        break;
      case "Escape":
        hideCard();
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
    target.setAttribute("aria-describedby", card.id);
    showCard(target);
  });
  scroller.addEventListener("focusout", (event) => {
    (event.target as HTMLElement).removeAttribute?.("aria-describedby");
    const next = event.relatedTarget as Node | null;
    if (!next || !scroller.contains(next)) hideCard();
  });
  let hovered: HTMLElement | null = null;
  scroller.addEventListener("pointerover", (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>(".tc-nav");
    if (!target || target === hovered) return;
    hovered?.classList.remove("tc-hover");
    hovered = target;
    target.classList.add("tc-hover");
    showCard(target);
  });
  scroller.addEventListener("pointerleave", () => {
    hovered?.classList.remove("tc-hover");
    hovered = null;
    const active = focusedChip();
    if (active) showCard(active);
    else hideCard();
  });
  scroller.addEventListener(
    "scroll",
    () => {
      if (card.hidden) return;
      const active = focusedChip();
      if (active && shownFor === active) positionCard(active);
      else hideCard();
    },
    {passive: true},
  );
  function focusedChip(): HTMLElement | null {
    const active = (root.getRootNode() as Document | ShadowRoot).activeElement as HTMLElement | null;
    return active && scroller.contains(active) && active.classList.contains("tc-nav") ? active : null;
  }

  // ---- the card ----
  let shownFor: HTMLElement | null = null;
  function hideCard(): void {
    card.hidden = true;
    shownFor = null;
  }
  function row(dl: HTMLElement, term: string, value: string): void {
    dl.append(el("dt", undefined, term), el("dd", undefined, value));
  }
  function fillTokenCard(k: number): void {
    const bytes = table.bytes.subarray(table.byteOffset[k], table.byteOffset[k + 1]);
    const partial = table.partial.get(k);
    const special = (flags[k] & SPECIAL) !== 0;
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
          chars += codePoints(seg.text);
        } else {
          shown += `⟨${hex(seg.bytes)}⟩`;
        }
      }
    } else {
      const s = text.slice(start[k], end[k]);
      shown = visibleWhitespace(s);
      chars = codePoints(s);
    }
    row(dl, "text", `“${shown}”`);
    row(dl, "bytes", hex(bytes));
    row(dl, "length", `${bytes.length} ${bytes.length === 1 ? "byte" : "bytes"}, ${chars} ${chars === 1 ? "character" : "characters"}${partial ? " + part" : ""}`);
    row(dl, "starts with a space", flags[k] & LEADING_SPACE ? "yes" : "no");
    if (flags[k] & CUT_DIFFERS) row(dl, "side by side", "the encodings shown cut this span differently");
    for (const p of partial ?? []) row(dl, "part of", partialLabel(p));
    card.replaceChildren(title, dl);
  }
  function fillGroupCard(head: HTMLElement): void {
    const u = Number(head.dataset.u);
    const k0 = units[u], k1 = units[u + 1];
    const s = unitText(u);
    const n = codePoints(s);
    const title = el("div", "tc-card-title", `“${visibleWhitespace(s)}”`);
    title.append(el("span", "tc-card-tag", `${n} ${n === 1 ? "character" : "characters"} in ${k1 - k0} tokens`));
    const dl = el("dl", "tc-card-dl");
    for (let k = k0; k < k1; k++) {
      const bytes = table.bytes.subarray(table.byteOffset[k], table.byteOffset[k + 1]);
      const labels = (table.partial.get(k) ?? []).map(partialLabel);
      row(dl, `ID ${ids[k]}`, [hex(bytes), ...labels].join(" · "));
    }
    const note = el("div", "tc-card-note", expanded.has(u) ? "Enter or click: hide the bytes" : "Enter or click: show the bytes");
    card.replaceChildren(title, dl, note);
  }
  function showCard(target: HTMLElement): void {
    if (target.classList.contains("tc-ghead")) fillGroupCard(target);
    else fillTokenCard(Number(target.dataset.k));
    card.hidden = false;
    shownFor = target;
    positionCard(target);
  }
  function positionCard(target: HTMLElement): void {
    const r = target.getClientRects()[0] ?? target.getBoundingClientRect();
    const R = root.getBoundingClientRect();
    const w = card.offsetWidth;
    card.style.top = `${Math.round(r.bottom - R.top + 6)}px`;
    card.style.left = `${Math.round(Math.max(0, Math.min(r.left - R.left, R.width - w)))}px`;
  }

  // ---- copy ----
  async function copyIds(): Promise<void> {
    const json = JSON.stringify(Array.from(ids));
    const n = `${thousands(table.length)} ${table.length === 1 ? "ID" : "IDs"}`;
    root.querySelector(".tc-fallback")?.remove();
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(json);
      msg.textContent = `Copied ${n} as JSON.`;
    } catch {
      const box = el("textarea", "tc-fallback");
      box.readOnly = true;
      box.value = json;
      box.setAttribute("aria-label", "Token IDs as JSON");
      bar.after(box);
      box.focus();
      box.select();
      msg.textContent = `The browser did not allow copying: the ${n} are selected in the box below, press Ctrl+C (⌘C on a Mac) to copy them.`;
    }
  }

  return root;
}
