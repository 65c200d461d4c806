/**
 * The small helpers every view shares: make an element, format a number or bytes for reading.
 * Text always goes in as `textContent`, never as markup.
 *
 *   el("p", "count", "12 tokens")  → <p class="count">12 tokens</p>
 *   formatNumber(200019)           → "200,019"
 *   hex([0xe9, 0xac, 0xb1])        → "e9 ac b1"   (from src/lib/token-text.ts, for views' convenience)
 */
export { hex } from "../lib/token-text.js";

/** An element with an optional class name and text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * A number as the site writes numbers: en-US digit groups, whatever the reader's locale. An
 * integer is grouped by hand, as `toLocaleString("en-US")` would: that call loads locale data
 * the first time, slowly, and the token chips write their count before their first paint.
 */
export function formatNumber(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString("en-US");
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
