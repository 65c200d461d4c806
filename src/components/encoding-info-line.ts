/**
 * What the site says about an encoding wherever it is offered, from the registry's
 * `encodingInfo` (family, models, licence, what its IDs are exact against) and its spec's size:
 *
 *   encodingInfoLine("llama3")
 *     → Meta Llama · Llama 3, 3.1 (one vocabulary) · 128,256 tokens · Meta Llama 3 / Llama 3.1
 *       Community License · [exact]
 *   encodingInfoLine("claude_legacy")
 *     → Anthropic · … · [exact] · legacy: not accurate for Claude 3 and later
 *
 * The badge's tooltip says what "exact" means: the token IDs are tested to equal those of the
 * reference implementation (tiktoken, or transformers.js for the open models) for every input
 * we tried. The licence links to its text. Everything is set as text, never as markup.
 */
import { getEncodingSpec } from "../engine/index.js";
import { encodingInfo } from "../lib/encoding-info.js";
import { formatNumber } from "./dom.js";

function span(className: string, text: string): HTMLSpanElement {
  const el = document.createElement("span");
  el.className = className;
  el.textContent = text;
  return el;
}

/** The "exact" badge, with what it was tested against in its tooltip. */
export function exactBadge(name: string): HTMLElement {
  const info = encodingInfo(name);
  const badge = span("exact-badge", "exact");
  badge.title = `Token IDs tested identical to ${info.exactAgainst}'s, on prose, code, many languages and random text.`;
  return badge;
}

/** The legacy warning (Claude's old tokenizer), or null for an encoding without one. */
export function encodingWarning(name: string): HTMLElement | null {
  const warning = encodingInfo(name).warning;
  if (!warning) return null;
  const el = document.createElement("strong");
  el.className = "encoding-warning";
  el.textContent = warning;
  return el;
}

/** One line: family · models · vocabulary size · licence · exact badge (· warning). */
export function encodingInfoLine(name: string): HTMLElement {
  const info = encodingInfo(name);
  const line = document.createElement("p");
  line.className = "encoding-info";
  const licence = document.createElement("a");
  licence.href = info.licence.url;
  licence.rel = "noopener noreferrer";
  licence.textContent = info.licence.name;
  licence.title = "Licence of the vocabulary file";
  const parts: Node[] = [
    span("encoding-family", info.family),
    span("encoding-models", info.models),
    span("encoding-size", `${formatNumber(getEncodingSpec(name).nVocab)} tokens`),
    licence,
    exactBadge(name),
  ];
  const warning = encodingWarning(name);
  if (warning) parts.push(warning);
  parts.forEach((p, i) => line.append(...(i ? [" · ", p] : [p])));
  return line;
}

/** A panel's heading: the encoding's name, then its info line. */
export function encodingHeading(name: string, level: "h2" | "h3" = "h2"): HTMLElement {
  const head = document.createElement("header");
  head.className = "encoding-heading";
  const h = document.createElement(level);
  h.textContent = name;
  head.append(h, encodingInfoLine(name));
  return head;
}
