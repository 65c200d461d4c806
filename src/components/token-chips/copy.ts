/**
 * The chips' toolbar: "Copy IDs as JSON" and a polite live message.
 *
 *   click → navigator.clipboard.writeText("[24912,2375]") → "Copied 2 IDs as JSON."
 *
 * If the browser refuses, the JSON appears selected in a read-only text box below the toolbar,
 * with a message saying to copy it by hand. Messages go to an `aria-live="polite"` line (not
 * `role="status"`: the page has its own status line).
 */
import type { TokenTable } from "../../lib/token-table.js";
import { el, formatNumber } from "../dom.js";

/** The toolbar for `table`'s chips; the fallback box goes after it, inside `root`. */
export function copyBar(root: HTMLElement, table: TokenTable): HTMLElement {
  const bar = el("div", "tc-bar");
  const copyButton = el("button", "tc-copy", "Copy IDs as JSON");
  copyButton.type = "button";
  const msg = el("span", "tc-msg");
  msg.setAttribute("aria-live", "polite");
  bar.append(copyButton, msg);

  async function copyIds(): Promise<void> {
    const json = JSON.stringify(Array.from(table.ids));
    const n = `${formatNumber(table.length)} ${table.length === 1 ? "ID" : "IDs"}`;
    root.querySelector(".tc-fallback")?.remove();
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(json);
      msg.textContent = `Copied ${n} as JSON.`;
    } catch {
      const box = el("textarea", "tc-fallback");
      box.readOnly = true;
      box.value = json;
      box.setAttribute("aria-label", "Token IDs as JSON");
      bar.after(box);
      box.focus();
      box.select();
      msg.textContent =
        `The browser did not allow copying: the ${n} are selected in the box below, ` +
        "press Ctrl+C (⌘C on a Mac) to copy them.";
    }
  }
  copyButton.addEventListener("click", () => void copyIds());
  return bar;
}
