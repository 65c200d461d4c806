/**
 * Tokenizer Explorer, embedded: token views for other people's pages. Framework exports this
 * module as `/embed/tokens.js` (see `dynamicPaths` in observablehq.config.ts).
 *
 *   <script type="module">
 *     import {renderTokens, renderComparison, countTokens} from "https://SITE/embed/tokens.js";
 *     document.querySelector("#demo").append(renderTokens("Hello world!", {encoding: "cl100k_base"}));
 *     console.log(await countTokens("Hello world!"));   // 3 (o200k_base)
 *   </script>
 *
 * - `renderTokens(text, {encoding, view, whitespace})` and `renderComparison(text, {encodings})`
 *   return an element at once; it fills in when the vocabulary has loaded (`element.ready`
 *   settles then). Everything is drawn in the element's own shadow root, whose styles are reset
 *   (`all: initial`): the host page's CSS does not reach in, and ours does not leak out.
 * - Vocabularies are the site's own checked assets, fetched relative to this module's URL, so
 *   the module works from any origin whose host sends `Access-Control-Allow-Origin` for the
 *   site's files. Each is loaded once per page and shared by every view on it.
 * - Tokenizing runs on the page's main thread (a worker from another origin is not allowed):
 *   loading o200k_base takes about a third of a second once; a paragraph then takes under a
 *   millisecond.
 * - Bad options (an unknown encoding or view) give a message inside the element, never a blank
 *   box; text is only ever set as text.
 */
import { getEncodingSpec, listEncodings, listVocabularies, vocabNameOf } from "../engine/index.js";
import type { Encoding } from "../engine/index.js";
import { el, formatNumber } from "../components/dom.js";
import { cutsNotice } from "../components/playground.js";
import { tokenChips } from "../components/token-chips/index.js";
import { vocabCard } from "../components/vocab-card.js";
import { encodingLabel } from "../lib/encoding-info.js";
import { encodingLoader } from "../lib/encoding-loader.js";
import { VOCAB_URLS } from "../lib/site-assets.js";
import { textStats } from "../lib/text-stats.js";
import { tokenCardOf } from "../lib/token-card-data.js";
import { markCutDifferences, tokenTable } from "../lib/token-table.js";

export const ENCODINGS = listEncodings();

export interface RenderOptions {
  /** Default "o200k_base". */
  encoding?: string;
  /** "text" (chips with their text, the default) or "ids". */
  view?: string;
  /** Show spaces, tabs and newlines as · → ↵. */
  whitespace?: boolean;
}

export interface ComparisonOptions {
  /** Two to four encodings; default o200k_base and cl100k_base. */
  encodings?: string[];
  view?: string;
  whitespace?: boolean;
}

/** An embedded view: an element with its own shadow root, and a promise settled once drawn. */
export interface EmbedElement extends HTMLElement {
  ready: Promise<void>;
}

/** The site's vocabulary assets, each loaded once per page (their URLs are absolute: they work from any origin). */
const loader = encodingLoader({ vocabUrls: VOCAB_URLS });

function checkEncoding(name: unknown): string {
  if (typeof name === "string" && ENCODINGS.includes(name)) return name;
  throw new Error(`Unknown encoding ${JSON.stringify(name)}: use one of ${ENCODINGS.join(", ")}.`);
}

/** The encoding, fetched from the site's asset and checked against its sha256, once per page. */
export function fetchEncoding(name: string): Promise<Encoding> {
  return loader.load(checkEncoding(name));
}

/** How many tokens `text` is (special-token text counted as plain text, as tiktoken's encode_ordinary does). */
export async function countTokens(
  text: string,
  { encoding = "o200k_base" }: { encoding?: string } = {},
): Promise<number> {
  return (await fetchEncoding(encoding)).encodeOrdinary(String(text)).length;
}

export const EMBED_CSS = `
/* !important: on the host element, the page's !important rules would beat ours otherwise. */
:host{all:initial!important;display:block!important;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif!important;
color:#1b1e23!important;text-align:left!important;--theme-foreground:#1b1e23!important;--theme-background:#ffffff!important}
@media (prefers-color-scheme:dark){:host{color:#dfdfd6!important;--theme-foreground:#dfdfd6!important;--theme-background:#161616!important}}
.te-status{font-weight:600;margin:0 0 .375rem}
.te-counts{font-weight:400;color:#6b6e73;margin-left:.5rem}
.te-error{color:#b3261e;border:1px solid currentColor;border-radius:6px;padding:.375rem .5rem;margin:0}
.te-loading{color:#6b6e73;margin:0}
.te-panels{display:grid;grid-template-columns:repeat(var(--n,1),minmax(0,1fr));gap:1rem}
@media (max-width:640px){.te-panels{grid-template-columns:minmax(0,1fr)}}
.te-panel h3{font-size:1rem;margin:0 0 .25rem}
.cuts-notice{color:#6b6e73;margin:0 0 .375rem}
.cuts-notice:empty{display:none}
`;

function checkView(view: unknown): "text" | "ids" {
  if (view === undefined || view === null || view === "") return "text";
  if (view === "text" || view === "ids") return view;
  throw new Error(`Unknown view ${JSON.stringify(view)}: use "text" or "ids".`);
}

/** "o200k_base: 3 tokens" (with the legacy warning of claude_legacy) and the text's own counts, with role="status". */
function status(encoding: string, tokens: number, text: string): HTMLElement {
  const s = textStats(text);
  const count = `${formatNumber(tokens)} ${tokens === 1 ? "token" : "tokens"}`;
  const p = el("p", "te-status", `${encodingLabel(encoding)}: ${count}`);
  p.setAttribute("role", "status");
  p.append(el("span", "te-counts", `${formatNumber(s.codePoints)} characters, ${formatNumber(s.utf8)} UTF-8 bytes`));
  return p;
}

/** The shadow root of a fresh embed element, with its styles. */
function shell(): { host: EmbedElement; body: HTMLElement } {
  const host = el("div", "tokenizer-explorer-embed") as unknown as EmbedElement;
  const body = el("div", "te-body");
  attachBody(host, body);
  return { host, body };
}

/** Put `body` (and the embed styles) into `host`'s shadow root, made if needed. */
export function attachBody(host: HTMLElement, body: HTMLElement): void {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  root.replaceChildren(el("style", undefined, EMBED_CSS), body);
}

/** Draw the token view of `text` into `body`: loading message, then chips and counts (or the error). */
export async function drawTokens(body: HTMLElement, text: string, options: RenderOptions = {}): Promise<void> {
  body.replaceChildren(el("p", "te-loading", "Loading the tokenizer…"));
  try {
    const view = checkView(options.view);
    const enc = await fetchEncoding(options.encoding ?? "o200k_base");
    const table = tokenTable(enc, String(text), { disallowedSpecial: [] });
    body.replaceChildren(
      status(enc.name, table.length, String(text)),
      tokenChips(String(text), table, { view, whitespace: Boolean(options.whitespace) }),
    );
  } catch (err) {
    body.replaceChildren(el("p", "te-error", (err as Error).message));
  }
}

/** Draw several encodings of `text` side by side into `body`, their differing spans marked. */
export async function drawComparison(body: HTMLElement, text: string, options: ComparisonOptions = {}): Promise<void> {
  body.replaceChildren(el("p", "te-loading", "Loading the tokenizers…"));
  try {
    const view = checkView(options.view);
    const names = options.encodings ?? ["o200k_base", "cl100k_base"];
    if (!Array.isArray(names) || names.length < 1 || names.length > 4)
      throw new Error('Compare one to four encodings, e.g. {encodings: ["o200k_base", "cl100k_base"]}.');
    const encodings = await Promise.all(names.map(fetchEncoding));
    const tables = encodings.map((enc) => tokenTable(enc, String(text), { disallowedSpecial: [] }));
    const cuts = tables.length > 1 ? markCutDifferences(tables) : undefined;
    const panels = el("div", "te-panels");
    panels.style.setProperty("--n", String(tables.length));
    for (const table of tables) {
      const panel = el("section", "te-panel");
      panel.append(
        el("h3", undefined, table.encoding),
        status(table.encoding, table.length, String(text)),
        tokenChips(String(text), table, { view, whitespace: Boolean(options.whitespace) }),
      );
      panels.append(panel);
    }
    body.replaceChildren(cutsNotice({ cuts }), panels);
  } catch (err) {
    body.replaceChildren(el("p", "te-error", (err as Error).message));
  }
}

/** The chips, counts and token card of `text` in one encoding, as an element for any page. */
export function renderTokens(text: string, options: RenderOptions = {}): EmbedElement {
  const { host, body } = shell();
  host.ready = drawTokens(body, text, options);
  return host;
}

/** Two to four encodings of `text` side by side, with the spans they cut differently marked. */
export function renderComparison(text: string, options: ComparisonOptions = {}): EmbedElement {
  const { host, body } = shell();
  host.ready = drawComparison(body, text, options);
  return host;
}

/**
 * Draw the vocabulary explorer's card of one token into `body` (the iframe view's "vocab-card"):
 * it loads every vocabulary (OpenAI's four and the open models'), to give the token's ID in every encoding.
 */
export async function drawCard(
  body: HTMLElement,
  {
    encoding = "o200k_base",
    token,
    siteRoot = "./",
  }: { encoding?: string; token?: string | number | null; siteRoot?: string },
): Promise<void> {
  body.replaceChildren(el("p", "te-loading", "Loading the vocabularies…"));
  try {
    if (token === undefined || token === null || !/^\d+$/.test(String(token)))
      throw new Error(`Give the token's ID as a whole number (token=290), not ${JSON.stringify(token ?? "")}.`);
    const own = await fetchEncoding(encoding);
    const bases = new Map(await Promise.all(listVocabularies().map(async (v) => [v, await fetchEncoding(v)] as const)));
    const others = ENCODINGS.map((name) => ({
      name,
      encoding: bases.get(vocabNameOf(name))!,
      specials: getEncodingSpec(name).specialTokens,
    }));
    body.replaceChildren(vocabCard(tokenCardOf(own, Number(token), others), { siteRoot, newTab: true }));
  } catch (err) {
    body.replaceChildren(el("p", "te-error", (err as Error).message));
  }
}
