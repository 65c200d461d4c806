/**
 * One model's prompt for a chat request (src/lib/chat/), as a reader checks it: the count, where
 * the rule comes from and whether it is exact, the prompt drawn as runs where the chat format's
 * own text (role markers, separators, rendered tools, the reply priming) looks different from
 * the reader's content, and a table of tokens per message. Text is only ever set as text.
 *
 *   chatPromptView("gpt-4o", prompt, [{role: "system"}, {role: "user"}])
 *     → <section class="chat-prompt">…"gpt-4o: 124 tokens"…</section>
 */
import type { ChatPrompt } from "../engine/index.js";
import type { ChatModelLimits } from "../lib/chat/models.js";
import { visibleWhitespace } from "../lib/token-text.js";
import { el, formatNumber } from "./dom.js";

/** Longest run of one part drawn in full; longer ones show their start and end. */
const SHOWN_PART = 2000;

const tokens = (n: number) => `${formatNumber(n)} ${n === 1 ? "token" : "tokens"}`;

function shown(text: string): string {
  if (text.length <= SHOWN_PART) return text;
  const cut = SHOWN_PART / 2;
  return `${text.slice(0, cut)} … ${formatNumber(text.length - SHOWN_PART)} more characters … ${text.slice(-cut)}`;
}

/** The prompt as runs: format text marked, content plain; each run's tokens in its tooltip. */
function promptRuns(prompt: ChatPrompt): HTMLElement {
  const box = el("div", "chat-runs");
  box.setAttribute("aria-label", `The prompt as ${prompt.encoding} sees it`);
  for (const part of prompt.parts) {
    const run = el(
      "span",
      part.kind === "format" ? "chat-format" : "chat-content",
      visibleWhitespace(shown(part.text)),
    );
    const ids = part.ids ? `: ${part.ids.slice(0, 50).join(", ")}${part.ids.length > 50 ? ", …" : ""}` : "";
    run.title = `${part.kind === "format" ? "chat format" : "content"}, ${tokens(part.tokens)}${ids}`;
    box.append(run);
  }
  return box;
}

function row(cells: (string | number)[], header = false): HTMLTableRowElement {
  const tr = el("tr");
  for (const c of cells) tr.append(el(header ? "th" : "td", "", typeof c === "number" ? formatNumber(c) : c));
  return tr;
}

/** Tokens per message (content and the format around it), then tools, priming and the total. */
function breakdown(prompt: ChatPrompt, messages: readonly { role: string; name?: string }[]): HTMLTableElement {
  const table = el("table", "chat-breakdown");
  const head = el("thead");
  head.append(row(["", "content", "format", "tokens"], true));
  const body = el("tbody");
  prompt.perMessage.forEach((m, i) => {
    const who = messages[i] ? messages[i].role + (messages[i].name ? ` (${messages[i].name})` : "") : "";
    body.append(row([`${i + 1}. ${who}`, m.content, m.overhead, m.content + m.overhead]));
  });
  if (prompt.tools) body.append(row(["tool definitions", "", "", prompt.tools]));
  body.append(row(["reply priming", "", prompt.priming, prompt.priming]));
  const foot = el("tfoot");
  foot.append(row(["total", "", "", prompt.total]));
  table.append(head, body, foot);
  return table;
}

/** US dollars, to the cent, or to four significant digits below a cent. */
function dollars(x: number): string {
  return x >= 0.01 || x === 0 ? `$${x.toFixed(2)}` : `$${x.toPrecision(4)}`;
}

/**
 * The prompt's share of the context window as a bar, what is left for the reply, and the input
 * cost at a per-million price the reader can change (the catalog's, when it has one).
 *
 *   contextView(124, {contextWindow: 128000, maxOutput: 16384, inputPrice: 10, source})
 *     → "124 of 128,000 tokens (0.1%); 127,876 left for the reply (at most 16,384)" and "input: $0.001240"
 */
export function contextView(total: number, limits: ChatModelLimits): HTMLElement {
  const box = el("div", "chat-context");
  const limit = limits.maxInput ?? limits.contextWindow;
  if (limit) {
    const share = Math.min(1, total / limit);
    const bar = el("div", "chat-bar");
    const fill = el("div", total > limit ? "chat-bar-fill chat-over" : "chat-bar-fill");
    fill.style.width = `${(share * 100).toFixed(2)}%`;
    bar.append(fill);
    bar.setAttribute("role", "img");
    const left = limit - total;
    const reply = limits.maxOutput ? ` (at most ${formatNumber(limits.maxOutput)})` : "";
    const text =
      left >= 0
        ? `${formatNumber(total)} of ${formatNumber(limit)} ${limits.maxInput ? "input " : ""}tokens ` +
          `(${(share * 100).toFixed(1)}%); ${formatNumber(left)} left for the reply${reply}`
        : `${formatNumber(total)} tokens: ${formatNumber(-left)} more than the ${formatNumber(limit)} it takes`;
    bar.setAttribute("aria-label", text);
    box.append(bar, el("p", "chat-window", text));
  } else box.append(el("p", "chat-window", "No context window given by its files."));
  const cost = el("p", "chat-cost");
  const price = el("input");
  price.type = "number";
  price.min = "0";
  price.step = "any";
  price.className = "chat-price";
  price.setAttribute("aria-label", "Input price, US dollars per million tokens");
  if (limits.inputPrice !== undefined) price.value = String(limits.inputPrice);
  const out = el("output", "chat-cost-value");
  const update = () => {
    const p = Number(price.value);
    out.textContent =
      price.value === "" || !Number.isFinite(p) || p < 0 ? "type a price" : `input: ${dollars((total * p) / 1e6)}`;
  };
  price.addEventListener("input", update);
  update();
  cost.append("$", price, " per million input tokens → ", out);
  box.append(cost, el("p", "chat-about", `${limits.source}; prices change: check the provider's price list.`));
  return box;
}

export function chatPromptView(
  model: string,
  prompt: ChatPrompt,
  messages: readonly { role: string; name?: string }[],
  limits?: ChatModelLimits,
): HTMLElement {
  const section = el("section", "chat-prompt");
  const status = el("p", "chat-total", `${model}: ${tokens(prompt.total)}`);
  status.setAttribute("role", "status");
  const about = el("p", "chat-about");
  const exact = el("span", prompt.exact ? "exact-badge" : "chat-estimate", prompt.exact ? "exact" : "estimate");
  about.append(`${prompt.encoding} · ${prompt.format} · `, exact, ` · ${prompt.source}`);
  section.append(el("h3", "", model), status, about);
  if (prompt.note) section.append(el("p", "chat-note", prompt.note));
  for (const warning of prompt.warnings ?? []) section.append(el("p", "chat-warning", warning));
  if (limits) section.append(contextView(prompt.total, limits));
  section.append(promptRuns(prompt), breakdown(prompt, messages));
  return section;
}

/** A model that could not render the request: its name and the reason, as text. */
export function chatErrorView(model: string, error: string): HTMLElement {
  const section = el("section", "chat-prompt");
  const status = el("p", "chat-total chat-error", `${model}: ${error}`);
  status.setAttribute("role", "status");
  section.append(el("h3", "", model), status);
  return section;
}
