/**
 * The snippets that embed a view, each in a read-only box with a copy button: what the
 * playground's "Embed this" opens, and what the /embed page's generator shows.
 *
 *   embedPanel("https://tokens.example/", {text: "Hi", encodings: ["o200k_base"], view: "chips"})
 */
import {
  elementSnippet,
  iframeSnippet,
  moduleSnippet,
  notebookSnippet,
  type EmbedState,
} from "../lib/embed-snippets.js";

export function embedPanel(site: string, state: EmbedState): HTMLElement {
  const root = document.createElement("div");
  root.className = "embed-panel";
  const kinds: [string, string][] = [
    ["An iframe (no script of ours on your page)", iframeSnippet(site, state)],
    ["The <token-view> element", elementSnippet(site, state)],
    ["A JavaScript module", moduleSnippet(site, state)],
    ["An Observable notebook (two cells)", notebookSnippet(site, state)],
  ];
  if (state.view === "vocab-card") kinds.splice(1); // only the iframe view shows a vocabulary card
  for (const [label, code] of kinds) {
    const block = document.createElement("div");
    block.className = "embed-snippet";
    const head = document.createElement("div");
    head.className = "embed-snippet-head";
    const title = document.createElement("strong");
    title.textContent = label;
    const copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = "Copy";
    copy.setAttribute("aria-label", `Copy: ${label}`);
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(code);
        copy.textContent = "Copied";
      } catch {
        copy.textContent = "Select and copy by hand";
      }
      setTimeout(() => (copy.textContent = "Copy"), 1500);
    });
    head.append(title, " ", copy);
    const box = document.createElement("textarea");
    box.readOnly = true;
    box.spellcheck = false;
    box.value = code;
    box.rows = Math.min(10, code.split("\n").length + 1);
    box.setAttribute("aria-label", label);
    block.append(head, box);
    root.append(block);
  }
  return root;
}
