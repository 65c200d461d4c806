/**
 * A token view as a picture, for docs that cannot run JavaScript: a standalone SVG of the chips,
 * as text (src/components/token-export.ts turns it into a download, SVG or PNG).
 *
 *   tokensSvg("Hello world", table of o200k_base)
 *   → <svg xmlns="http://www.w3.org/2000/svg" width="…" height="…" …>
 *       <title>o200k_base: 2 tokens</title>
 *       <g><rect … fill="#faeac7" stroke="#b87f00"/><text …>Hello</text></g>
 *       <g><rect …/><text …>·world</text></g>   (a leading space is drawn as ·)
 *     </svg>
 *
 * One chip per unit, as in the chips view: tokens that share a character are one chip showing
 * that character and how many tokens hold it ("東 ×2"). Whitespace is always drawn as · → ↵,
 * and a chip holding a newline ends its row. Text is escaped, never markup. Widths assume a
 * monospace font, with East Asian wide characters and emoji two columns wide.
 */
import { chipUnits } from "./chip-blocks.js";
import { PALETTE, tokenColor, visibleWhitespace } from "./token-text.js";
import type { TokenTable } from "./token-table.js";

export interface SvgOptions {
  /** Width of the picture in px (rows wrap before it). */
  width?: number;
  /** A caption above the chips, e.g. "o200k_base: 12 tokens" (default). */
  title?: string;
}

const FONT = 14,
  CHAR = 8.4,
  PAD = 4,
  GAP = 3,
  ROW = 26;

const xml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** Columns a string takes in a monospace font: 2 for wide East Asian characters and emoji. */
export function columns(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x300 && c < 0x370) continue; // combining marks take no column of their own
    if (c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0x1f3fb && c <= 0x1f3ff)) continue; // joiners, selectors, skin tones
    n +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1faff) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return n;
}

export function tokensSvg(text: string, table: TokenTable, { width = 720, title }: SvgOptions = {}): string {
  const units = chipUnits(table);
  const caption =
    title ?? `${table.encoding}: ${table.length.toLocaleString("en-US")} ${table.length === 1 ? "token" : "tokens"}`;
  const parts: string[] = [];
  let x = PAD,
    y = 34;
  for (let u = 0; u + 1 < units.length; u++) {
    const k0 = units[u],
      k1 = units[u + 1];
    const raw = text.slice(table.start[k0], table.end[k1 - 1]);
    const newline = raw.includes("\n");
    let label = visibleWhitespace(raw);
    if (k1 - k0 > 1) label += ` ×${k1 - k0}`;
    const w = columns(label) * CHAR + 2 * PAD;
    if (x + w > width - PAD && x > PAD) {
      x = PAD;
      y += ROW;
    }
    const color = PALETTE[tokenColor(table.ids[k0])].light;
    parts.push(
      `<g><title>${xml(`${table.ids.slice(k0, k1).join(", ")}`)}</title><rect x="${x}" y="${y - FONT - 3}" width="${w.toFixed(1)}" height="${FONT + 8}" rx="3" fill="${color.bg}" stroke="${color.border}"/>` +
        `<text x="${(x + PAD).toFixed(1)}" y="${y}">${xml(label)}</text></g>`,
    );
    x += w + GAP;
    if (newline) {
      x = PAD;
      y += ROW;
    }
  }
  const height = y + 12;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${xml(caption)}">
<title>${xml(caption)}</title>
<style>text{font:${FONT}px ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;fill:#1b1e23;white-space:pre}.caption{font:600 13px system-ui,sans-serif}</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text class="caption" x="${PAD}" y="14">${xml(caption)}</text>
${parts.join("\n")}
</svg>`;
}
