/**
 * Copy-paste snippets that embed a token view in another page (the /embed page's generator and
 * the playground's "Embed this"). Pure string functions: `site` is the absolute URL of the
 * site's root, e.g. "https://tokens.example/".
 *
 *   iframeSnippet("https://tokens.example/", {text: "Hi", encodings: ["o200k_base"], view: "chips"})
 *   → <iframe src="https://tokens.example/embed/view?text=Hi&encoding=o200k_base&view=chips" …></iframe>
 *     <script>…sets the iframe's height from the view's "tokenizer-explorer:height" message…</script>
 *   elementSnippet(…) → <script type="module" src="…/embed/token-view.js"></script>
 *                       <token-view encoding="o200k_base">Hi</token-view>
 *   moduleSnippet(…)  → an import of /embed/tokens.js and a renderTokens call
 *   notebookSnippet(…) → the same as two Observable notebook cells
 */
export type EmbedView = "chips" | "ids" | "compare" | "vocab-card";

export interface EmbedState {
  text: string;
  encodings: string[];
  view: EmbedView;
  whitespace?: boolean;
  /** For "vocab-card". */
  token?: number;
}

/** Text safe inside HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * The text inside a `<token-view>` as its author meant it: without the first line break and the
 * indentation every line shares, and without the spaces before the closing tag.
 *
 *   "\n    def f():\n        return 1\n  " → "def f():\n    return 1"
 */
export function contentText(raw: string): string {
  let text = raw.replace(/^[ \t]*\r?\n/, "").replace(/\r?\n[ \t]*$/, "");
  const lines = text.split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  if (common) text = lines.map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)![0].length))).join("\n");
  return text;
}

/** The iframe view's address for `state`. */
export function viewUrl(site: string, state: EmbedState): string {
  const q = new URLSearchParams();
  if (state.view !== "vocab-card") q.set("text", state.text);
  q.set("encoding", state.encodings.join(","));
  q.set("view", state.view);
  if (state.whitespace) q.set("ws", "1");
  if (state.view === "vocab-card" && state.token !== undefined) q.set("token", String(state.token));
  return new URL(`embed/view?${q}`, site).href;
}

const describe = (state: EmbedState) =>
  state.view === "vocab-card"
    ? `Token ${state.token} of ${state.encodings[0]}`
    : `How ${state.encodings.join(" and ")} tokenize this text`;

export function iframeSnippet(site: string, state: EmbedState): string {
  const origin = new URL(site).origin;
  return `<iframe src="${escapeHtml(viewUrl(site, state))}" title="${escapeHtml(describe(state))}" loading="lazy" style="width: 100%; height: 180px; border: 0"></iframe>
<script>
  // The view says how tall it is; this fits the iframe to it.
  addEventListener("message", (event) => {
    if (event.origin !== ${JSON.stringify(origin)} || event.data?.type !== "tokenizer-explorer:height") return;
    for (const frame of document.querySelectorAll("iframe")) if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";
  });
</script>`;
}

export function elementSnippet(site: string, state: EmbedState): string {
  const attrs = [
    state.view === "compare" || state.encodings.length > 1
      ? `compare="${escapeHtml(state.encodings.join(","))}"`
      : `encoding="${escapeHtml(state.encodings[0])}"`,
    state.view === "ids" ? 'view="ids"' : "",
    state.whitespace ? "whitespace" : "",
  ].filter(Boolean);
  // Content is read back through contentText; when that would change the text, use text="…".
  const asContent = contentText(state.text) === state.text && !/[\r]/.test(state.text);
  if (!asContent)
    attrs.push(
      `text="${escapeHtml(state.text).replace(/\n/g, "&#10;").replace(/\t/g, "&#9;").replace(/\r/g, "&#13;")}"`,
    );
  return `<script type="module" src="${escapeHtml(new URL("embed/token-view.js", site).href)}"></script>
<token-view ${attrs.join(" ")}>${asContent ? escapeHtml(state.text) : ""}</token-view>`;
}

const jsOptions = (state: EmbedState) =>
  state.view === "compare" || state.encodings.length > 1
    ? `{encodings: ${JSON.stringify(state.encodings)}${state.whitespace ? ", whitespace: true" : ""}}`
    : `{encoding: ${JSON.stringify(state.encodings[0])}${state.view === "ids" ? ', view: "ids"' : ""}${state.whitespace ? ", whitespace: true" : ""}}`;
const renderCall = (state: EmbedState) =>
  state.view === "compare" || state.encodings.length > 1 ? "renderComparison" : "renderTokens";

export function moduleSnippet(site: string, state: EmbedState): string {
  return `<div id="tokens"></div>
<script type="module">
  import {${renderCall(state)}} from ${JSON.stringify(new URL("embed/tokens.js", site).href)};
  document.querySelector("#tokens").append(${renderCall(state)}(${JSON.stringify(state.text)}, ${jsOptions(state)}));
</script>`;
}

export function notebookSnippet(site: string, state: EmbedState): string {
  return `tokenizer = import(${JSON.stringify(new URL("embed/tokens.js", site).href)})

tokenizer.${renderCall(state)}(${JSON.stringify(state.text)}, ${jsOptions(state)})`;
}
