/**
 * The token count of a text under one encoding, and its token IDs, as DOM.
 *
 * The text is only ever handed to the encoder and never reaches the DOM as markup: every
 * node is built with `document.createElement` and filled with `textContent`.
 */
import type {Encoding} from "../bpe/types.js";

/** How many token IDs to list before summarizing the rest (keeps the page fast on long texts). */
export const MAX_LISTED_IDS = 2000;

/** "o200k_base: 12 tokens" (singular for one token). */
export function formatTokenCount(encodingName: string, count: number): string {
  return `${encodingName}: ${count.toLocaleString("en-US")} ${count === 1 ? "token" : "tokens"}`;
}

/**
 * A `<div>` holding a live status line ("o200k_base: 12 tokens", role="status") and the token
 * IDs. Special-token text such as "<|endoftext|>" is encoded as ordinary text, as a token
 * counter for pasted text should (`encode` would throw on it).
 */
export function tokenCount(encoding: Encoding, text: string): HTMLDivElement {
  const ids = encoding.encodeOrdinary(text);

  const root = document.createElement("div");
  root.className = "token-count";

  const status = document.createElement("p");
  status.className = "token-count__status";
  status.setAttribute("role", "status");
  status.textContent = formatTokenCount(encoding.name, ids.length);
  root.append(status);

  const label = document.createElement("p");
  label.className = "token-count__label";
  label.id = "token-ids-label";
  label.textContent = "Token IDs";
  root.append(label);

  const list = document.createElement("pre");
  list.className = "token-count__ids";
  list.setAttribute("aria-labelledby", label.id);
  list.tabIndex = 0; // the list scrolls: let keyboard users reach it
  const shown = ids.length > MAX_LISTED_IDS ? ids.slice(0, MAX_LISTED_IDS) : ids;
  let listed = shown.join(", ");
  if (ids.length > shown.length) listed += `, … and ${(ids.length - shown.length).toLocaleString("en-US")} more`;
  list.textContent = ids.length ? listed : "(no tokens)";
  root.append(list);

  return root;
}
