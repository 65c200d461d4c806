/**
 * Choose one to four encodings, by name or by model: typing "gpt-4o" and pressing Enter
 * ticks o200k_base, "llama-3.1-8b" ticks llama3. An input in Observable's sense: `.value` is
 * the list of names, in registry order, and it fires "input" when that changes.
 *
 * The boxes come in two rows, OpenAI's encodings and the open models' tokenizers; each box's
 * tooltip gives the family, models and size, and Claude's legacy tokenizer carries its warning
 * beside its name (see encoding-info-line.ts).
 */
import {
  encodingNameForModel,
  getEncodingSpec,
  isOpenAIEncoding,
  listEncodings,
  MODEL_TO_ENCODING,
} from "../engine/index.js";
import { encodingInfo } from "../lib/encoding-info.js";
import { formatNumber } from "./dom.js";
import { encodingWarning } from "./encoding-info-line.js";

export const MAX_ENCODINGS = 4;

export function encodingPicker(initial: readonly string[]): HTMLElement & { value: string[] } {
  const names = listEncodings();
  const form = document.createElement("form") as unknown as HTMLFormElement & { value: string[] };
  form.className = "encoding-picker";
  form.setAttribute("aria-label", "Encodings");
  const boxes = new Map<string, HTMLInputElement>();
  const fieldset = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = `Encodings (up to ${MAX_ENCODINGS})`;
  fieldset.append(legend);
  const groups = [
    { title: "OpenAI", names: names.filter(isOpenAIEncoding) },
    { title: "Open models", names: names.filter((n) => !isOpenAIEncoding(n)) },
  ];
  for (const group of groups) {
    const row = document.createElement("div");
    row.className = "picker-group";
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", group.title);
    const title = document.createElement("span");
    title.className = "picker-group-title";
    title.textContent = group.title;
    row.append(title);
    for (const name of group.names) {
      const info = encodingInfo(name);
      const label = document.createElement("label");
      label.title = `${info.family}: ${info.models}; ${formatNumber(getEncodingSpec(name).nVocab)} tokens`;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = "encoding";
      box.value = name;
      box.checked = initial.includes(name);
      boxes.set(name, box);
      label.append(box, " " + name);
      const warning = encodingWarning(name);
      if (warning) label.append(" ", warning);
      row.append(label);
    }
    fieldset.append(row);
  }
  const model = document.createElement("input");
  model.type = "search";
  model.placeholder = "or a model: gpt-4o, gpt-4, llama-3.1, qwen3…";
  model.setAttribute("aria-label", "Model");
  const listId = `models-${Math.random().toString(36).slice(2)}`;
  model.setAttribute("list", listId);
  const datalist = document.createElement("datalist");
  datalist.id = listId;
  for (const m of Object.keys(MODEL_TO_ENCODING)) datalist.append(new Option(m));
  const hint = document.createElement("span"); // not <output>: its implicit role is "status", kept for token counts
  hint.className = "picker-hint";
  hint.setAttribute("aria-live", "polite");
  fieldset.append(model, datalist, hint);
  form.append(fieldset);

  const read = () => names.filter((n) => boxes.get(n)!.checked);
  const sync = () => {
    const chosen = read();
    for (const box of boxes.values()) box.disabled = !box.checked && chosen.length >= MAX_ENCODINGS;
    // At least one encoding stays chosen.
    if (chosen.length === 1) boxes.get(chosen[0])!.disabled = true;
  };
  form.value = read();
  sync();
  form.addEventListener("change", (event) => {
    if (event.target === model) return;
    event.stopPropagation();
    form.value = read();
    sync();
    form.dispatchEvent(new Event("input", { bubbles: true }));
  });
  form.addEventListener("input", (event) => {
    if (event.target !== form) event.stopPropagation(); // only our own "input" reaches the page
    if (event.target === model) hint.textContent = resolve(model.value.trim())?.hint ?? "";
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const found = resolve(model.value.trim());
    if (!found?.encoding) return;
    const box = boxes.get(found.encoding)!;
    if (!box.checked && read().length >= MAX_ENCODINGS) {
      hint.textContent = `${found.hint}: untick one first (${MAX_ENCODINGS} at most)`;
      return;
    }
    box.checked = true;
    form.value = read();
    sync();
    hint.textContent = `${found.hint} ✓`;
    form.dispatchEvent(new Event("input", { bubbles: true }));
  });
  return form;
}

function resolve(query: string): { encoding?: string; hint: string } | undefined {
  if (!query) return undefined;
  if (listEncodings().includes(query)) return { encoding: query, hint: query };
  try {
    const encoding = encodingNameForModel(query);
    return { encoding, hint: `${query} uses ${encoding}` };
  } catch {
    // Claude 3 and later: Anthropic has published no tokenizer for them.
    if (/^claude-(3|[a-z]+-[4-9]|[4-9])/i.test(query))
      return { hint: `${query}: no public tokenizer (claude_legacy is not accurate for Claude 3 and later)` };
    return { hint: `unknown model "${query}"` };
  }
}
