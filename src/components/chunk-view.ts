/**
 * The chunking page's views: `chunkBlocks(text, chunks, bounds)` draws each chunk as a colored
 * block, its overlap with the previous chunk hatched, its tokens marked by alternating shades.
 * Text is only ever set as text.
 */
import type { Chunk } from "../lib/chunking.js";
import { PALETTE, visibleWhitespace } from "../lib/token-text.js";
import { formatNumber } from "./dom.js";

export function chunkBlocks(text: string, chunks: readonly Chunk[], bounds: readonly number[][]): HTMLElement {
  const root = document.createElement("div");
  root.className = "chunk-blocks";
  bounds.forEach((starts, i) => {
    const c = chunks[i];
    const block = document.createElement("div");
    block.className = "chunk";
    block.style.setProperty("--c", PALETTE[i % PALETTE.length].light.bg);
    block.style.setProperty("--b", PALETTE[i % PALETTE.length].light.border);
    const head = document.createElement("div");
    head.className = "chunk-head";
    head.textContent = `chunk ${i + 1}: ${c.tokens} tokens${c.fresh > c.start ? `, the first ${formatNumber(c.fresh - c.start)} characters repeat chunk ${i}` : ""}`;
    const body = document.createElement("div");
    body.className = "chunk-text";
    const ends = [...starts.slice(1), c.end - c.start];
    starts.forEach((s, k) => {
      if (k > 0 && s === starts[k - 1]) return; // tokens sharing a character: one span
      const span = document.createElement("span");
      const abs = c.start + s;
      span.className = `tok${k % 2 ? " tok-odd" : ""}${abs < c.fresh ? " tok-overlap" : ""}`;
      span.textContent = visibleWhitespace(text.slice(abs, c.start + ends[k]));
      body.append(span);
    });
    block.append(head, body);
    root.append(block);
  });
  return root;
}
