/**
 * Buttons that download a token view as a picture, SVG or PNG, for docs that cannot run
 * JavaScript; the SVG is src/lib/token-svg.ts's `tokensSvg`, the PNG that SVG drawn on a canvas.
 *
 *   exportButtons(text, table)  → [Download SVG] [Download PNG]   (o200k_base-tokens.svg / .png)
 */
import { tokensSvg, type SvgOptions } from "../lib/token-svg.js";
import type { TokenTable } from "../lib/token-table.js";
import { formatNumber } from "./dom.js";

/** Draw an SVG onto a canvas and give it back as PNG (browser only). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(img.width * scale);
  canvas.height = Math.ceil(img.height * scale);
  const ctx = canvas.getContext("2d")!;
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("The PNG could not be made."))), "image/png"),
  );
}

function download(blob: Blob, name: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** A picture of more tokens than this would be too big to be of use. */
export const MAX_EXPORT_TOKENS = 5000;

/** "Download SVG" and "Download PNG" buttons for one encoding's view of `text`. */
export function exportButtons(text: string, table: TokenTable, options: SvgOptions = {}): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "export-buttons";
  if (table.length > MAX_EXPORT_TOKENS) {
    bar.textContent = `Pictures are made of at most ${formatNumber(MAX_EXPORT_TOKENS)} tokens.`;
    return bar;
  }
  const button = (label: string, make: () => Promise<Blob>, name: string) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", async () => download(await make(), name));
    return b;
  };
  const svg = () => tokensSvg(text, table, options);
  bar.append(
    button("Download SVG", async () => new Blob([svg()], { type: "image/svg+xml" }), `${table.encoding}-tokens.svg`),
    " ",
    button("Download PNG", () => svgToPng(svg()), `${table.encoding}-tokens.png`),
  );
  return bar;
}
