/**
 * The vocabulary explorer's token card, drawn from `TokenCard` (token-card-data.ts): ID, hex
 * bytes, the text with whitespace made visible, lengths, leading space, the same token's ID in
 * every encoding, its leading-space and case siblings, and a link into the playground.
 * Text from the vocabulary is only ever set as text, never parsed as markup.
 */
import { encodingLabel } from "../lib/encoding-info.js";
import { visibleWhitespace } from "../lib/token-text.js";
import type { TokenCard } from "../lib/token-card-data.js";
import { el, hex } from "./dom.js";

const idOrNot = (id: number | null) => (id === null ? "not a single token there" : String(id));

/** Where the playground shows this text: `./?text=…&encoding=…` (`base`: the site's root, relative to this page). */
function playgroundLink(card: TokenCard, base = "./"): string {
  const q = new URLSearchParams({ text: card.text, encoding: card.encoding });
  if (card.special) q.set("special", "1");
  return `${base}?${q}`;
}

export interface VocabCardOptions {
  /** The site's root relative to the page showing the card (default "./"). */
  siteRoot?: string;
  /** Open the playground link in a new tab (from an embedded view). */
  newTab?: boolean;
}

export function vocabCard(card: TokenCard, { siteRoot = "./", newTab = false }: VocabCardOptions = {}): HTMLElement {
  const root = el("section", "vocab-card");
  root.setAttribute("aria-label", `Token ${card.token} of ${card.encoding}`);
  const title = el("h3", undefined, `${card.encoding} token ${card.token}`);
  if (card.special) title.append(el("span", "vc-tag", "special token"));
  else if (card.fragment) title.append(el("span", "vc-tag", "byte fragment: not text on its own"));
  const dl = el("dl", "vc-facts");
  const row = (term: string, value: string | Node) => {
    const dd = el("dd");
    dd.append(value);
    dl.append(el("dt", undefined, term), dd);
  };
  row("text", card.fragment ? `⟨${hex(card.bytes)}⟩` : `“${card.special ? card.text : visibleWhitespace(card.text)}”`);
  row("bytes", hex(card.bytes));
  row(
    "length",
    `${card.bytes.length} ${card.bytes.length === 1 ? "byte" : "bytes"}${card.fragment ? "" : `, ${card.characters} ${card.characters === 1 ? "character" : "characters"}`}`,
  );
  row("starts with a space", card.startsWithSpace ? "yes" : "no");

  const others = el("table", "vc-others");
  others.createCaption().textContent = card.special
    ? "The same special token in each encoding"
    : "The same bytes in each encoding";
  for (const o of card.others) {
    const tr = others.insertRow();
    tr.insertCell().textContent = encodingLabel(o.encoding);
    const cell = tr.insertCell();
    cell.textContent = idOrNot(o.id);
    if (o.id === null) cell.className = "vc-none";
  }

  const parts: Node[] = [title, dl, others];
  if (card.siblings.length) {
    const sib = el("table", "vc-siblings");
    sib.createCaption().textContent = `Leading-space and case siblings in ${card.encoding}`;
    for (const s of card.siblings) {
      const tr = sib.insertRow();
      tr.insertCell().textContent = `“${visibleWhitespace(s.text)}”`;
      const cell = tr.insertCell();
      cell.textContent = idOrNot(s.id);
      if (s.id === null) cell.className = "vc-none";
      if (s.id === card.token) tr.className = "vc-self";
    }
    parts.push(sib);
  }
  if (!card.fragment) {
    const a = el("a", "vc-link", "Open this token's text in the playground");
    a.href = playgroundLink(card, siteRoot);
    if (newTab) {
      a.target = "_blank";
      a.rel = "noopener";
    }
    const p = el("p");
    p.append(a);
    parts.push(p);
  }
  root.append(...parts);
  return root;
}
