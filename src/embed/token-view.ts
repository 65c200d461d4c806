/**
 * `<token-view>`: a custom element that shows how its text becomes tokens. One import registers
 * it; Framework exports this module as `/embed/token-view.js`.
 *
 *   <script type="module" src="https://SITE/embed/token-view.js"></script>
 *   <token-view encoding="cl100k_base" whitespace>Hello world!</token-view>
 *   <token-view compare="o200k_base,cl100k_base">naïve café, 東京</token-view>
 *
 * Attributes: `encoding` (default o200k_base), `view` ("text" or "ids"), `whitespace` (present:
 * show · → ↵), `compare` (a comma list of two to four encodings, shown side by side), and
 * `text` (the exact text; otherwise the element's text content is used, with the newline and
 * indentation that HTML formatting adds around it removed). It redraws when they change.
 * It draws in its own shadow root (styles reset, nothing leaks either way), reads its content
 * only as text, and says what is wrong inside itself when an attribute is.
 */
import { contentText } from "../lib/embed-snippets.js";
import { attachBody, drawComparison, drawTokens } from "./tokens.js";

export class TokenView extends HTMLElement {
  static observedAttributes = ["encoding", "view", "whitespace", "compare", "text"];
  /** Settles once the current drawing is done (for hosts and tests). */
  ready: Promise<void> = Promise.resolve();
  private observer = new MutationObserver(() => this.draw());

  connectedCallback(): void {
    this.observer.observe(this, { childList: true, characterData: true, subtree: true });
    this.draw();
  }

  disconnectedCallback(): void {
    this.observer.disconnect();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.draw();
  }

  /** Each drawing gets a fresh body, so a slower earlier one can only fill a detached element. */
  private draw(): void {
    const body = document.createElement("div");
    attachBody(this, body);
    const text = this.getAttribute("text") ?? contentText(this.textContent ?? "");
    const options = { view: this.getAttribute("view") ?? undefined, whitespace: this.hasAttribute("whitespace") };
    const compare = this.getAttribute("compare");
    this.ready =
      compare !== null
        ? drawComparison(body, text, {
            ...options,
            encodings: compare
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          })
        : drawTokens(body, text, { ...options, encoding: this.getAttribute("encoding") ?? undefined });
  }
}

if (!customElements.get("token-view")) customElements.define("token-view", TokenView);
