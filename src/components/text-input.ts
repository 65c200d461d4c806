/**
 * The playground's "Text" box: a textarea that takes a megabyte paste without stalling the page.
 *
 *   const text = view(textInput(SAMPLE, {label: "Text"}));
 *
 * Like an Inputs.textarea, the element has a `value` and fires "input" as the reader types.
 * The difference is what happens to a large text. Chromium lays out a textarea's whole text at
 * once: about 170 ms for 100,000 characters and well over a second for a megabyte, and the page
 * cannot respond meanwhile. So a paste or drop that would make the text longer than `large`
 * (100,000 UTF-16 units by default) does not go into the textarea. The text is kept in full and
 * tokenized in full. In place of the textarea, a summary shows how long the text is and how it
 * begins, with two buttons:
 * - "Edit in the text box" puts it into the textarea after all, so the reader chooses the pause;
 * - "Clear" empties it.
 * Line breaks in such a paste become "\n", as a textarea makes them. Nothing else is changed.
 * Setting `value` to a large text (a permalink, say) shows the summary too.
 */
import { codePointCount } from "../engine/index.js";
import { formatNumber } from "./dom.js";

export const LARGE_TEXT = 100_000;

/** How much of a large text the summary shows. */
const PREVIEW = 400;

export interface TextInputOptions {
  /** The textarea's accessible name. */
  label?: string;
  rows?: number;
  /** Longest text (UTF-16 units) put into the textarea without the reader asking. */
  large?: number;
}

export interface TextInput extends HTMLDivElement {
  value: string;
}

let nextId = 0;

export function textInput(
  initial: string,
  { label = "Text", rows = 9, large = LARGE_TEXT }: TextInputOptions = {},
): TextInput {
  const root = document.createElement("div") as TextInput;
  root.className = "text-input";
  const id = `text-input-${++nextId}`;
  const labelEl = document.createElement("label");
  labelEl.htmlFor = id;
  labelEl.textContent = label;
  const textarea = document.createElement("textarea");
  textarea.id = id;
  textarea.rows = rows;
  textarea.spellcheck = false;
  const summary = document.createElement("div");
  summary.className = "large-text";
  summary.setAttribute("role", "group");
  summary.setAttribute("aria-label", label);
  const about = document.createElement("p");
  const preview = document.createElement("pre");
  preview.className = "large-preview";
  const edit = button("Edit in the text box");
  const clear = button("Clear");
  summary.append(about, preview, edit, " ", clear);
  root.append(labelEl, textarea, summary);

  let value = initial;
  let inTextarea = false; // a large text the reader asked to edit in the textarea
  function show(): void {
    const summarize = value.length > large && !inTextarea;
    textarea.hidden = summarize;
    summary.hidden = !summarize;
    if (summarize) {
      textarea.value = "";
      about.textContent =
        `${label}: ${formatNumber(codePointCount(value))} characters, kept and tokenized in full. ` +
        "It is not put into the text box, because laying out this much text there would stall the page for a second or more.";
      preview.textContent = value.length > PREVIEW ? `${value.slice(0, PREVIEW)}…` : value;
    } else if (textarea.value !== value) {
      textarea.value = value;
    }
  }
  const changed = (next: string) => {
    value = next;
    inTextarea = false;
    show();
    root.dispatchEvent(new Event("input", { bubbles: true }));
  };
  /** The textarea's text with its selection replaced by `inserted`. */
  const withInserted = (inserted: string) =>
    textarea.value.slice(0, textarea.selectionStart) +
    inserted.replace(/\r\n?/g, "\n") +
    textarea.value.slice(textarea.selectionEnd);

  Object.defineProperty(root, "value", {
    get: () => value,
    set: (v: string) => {
      value = String(v);
      inTextarea = false;
      show();
    },
  });
  textarea.addEventListener("input", () => {
    value = textarea.value; // before the event reaches `root`, where Framework reads it
  });
  for (const type of ["paste", "drop"] as const) {
    textarea.addEventListener(type, (event) => {
      const data = type === "paste" ? (event as ClipboardEvent).clipboardData : (event as DragEvent).dataTransfer;
      const inserted = data?.getData("text/plain") ?? "";
      if (textarea.value.length - (textarea.selectionEnd - textarea.selectionStart) + inserted.length <= large) return; // the browser inserts it as usual
      event.preventDefault();
      changed(withInserted(inserted));
    });
  }
  edit.addEventListener("click", () => {
    inTextarea = true;
    show();
    textarea.focus();
  });
  clear.addEventListener("click", () => {
    changed("");
    textarea.focus();
  });
  show();
  return root;
}

function button(text: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  return b;
}
