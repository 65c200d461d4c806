/**
 * The small helpers every view shares: make an element, format a number or bytes for reading.
 * Text always goes in as `textContent`, never as markup.
 *
 *   el("p", "count", "12 tokens")  → <p class="count">12 tokens</p>
 *   formatNumber(200019)           → "200,019"
 *   hex([0xe9, 0xac, 0xb1])        → "e9 ac b1"
 */

/** An element with an optional class name and text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A count as the site writes counts: en-US digit groups, whatever the reader's locale. */
export function formatNumber(n: number): string {
  return n.toLocaleString("en-US");
}

/** Bytes as lower-case hex pairs separated by spaces: `e9 ac b1`. */
export function hex(bytes: ArrayLike<number>): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += (i ? " " : "") + (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  return s;
}
