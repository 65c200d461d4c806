/**
 * An open model's chat template: the request rendered by the model's own Jinja `chat_template`
 * (from its tokenizer_config.json, run by @huggingface/jinja as transformers.js runs it), then
 * tokenized once, whole, by our engine, so the IDs are exactly what the model gets.
 *
 *   Llama 3, [{role: "user", content: " Hi "}] renders
 *     "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>" +
 *     "<|start_header_id|>assistant<|end_header_id|>\n\n"
 *   parts: format "<|begin_of_text|>…\n\n" (message 0), content "Hi" (message 0),
 *          format "<|eot_id|>" (message 0), format "<|start_header_id|>assistant…" (priming, -1)
 *
 * Which characters are the reader's: the request is rendered a second time with a unique
 * sentinel in place of each message's content; the text between sentinels is the format's.
 * The real rendering is then read against it: the format's text, then the content as given
 * (or trimmed, as Llama's `| trim` writes it), then the next run of format text. When the
 * two renderings do not line up (a template that branches on the content, e.g. Qwen3's
 * `<tool_response>` and `</think>` handling), each content is looked up in order instead.
 * The reply priming is what `add_generation_prompt: true` adds to the rendering without it
 * (or, for a template that always primes, what it renders for no messages);
 * the tool definitions are what `tools` adds to the rendering without them (in which each
 * tool's JSON, when the template writes it with `tojson`, is content). Between two contents,
 * the previous message's closing is what a rendering of the messages up to it writes after its
 * content (`messageStarts`); the rest is the next message's opening.
 *
 * Special tokens: the rendered text is encoded with every special token recognised, as
 * transformers.js's `apply_chat_template(..., {tokenize: true})` does, so the IDs equal its.
 * When a message's content itself holds special-token text (say "<|eot_id|>"), it becomes a
 * control token there too, and the prompt's `warnings` say so.
 */
import { Template } from "@huggingface/jinja";
import type { Encoding } from "../../engine/index.js";
import type { ChatPrompt, ChatRequest, PromptPart } from "../../engine/index.js";

/** The fields of a tokenizer_config.json that the chat template reads. */
export interface TokenizerConfig {
  chat_template?: string | { name: string; template: string }[];
  bos_token?: string | { content: string } | null;
  eos_token?: string | { content: string } | null;
  [key: string]: unknown;
}

/** A model's chat template: its config, and the file it came from (for `ChatPrompt.source`). */
export interface ChatTemplate {
  source: string;
  config: TokenizerConfig;
}

export interface TemplateOptions {
  /** Qwen3's switch: `false` renders the empty think block that turns reasoning off. */
  enableThinking?: boolean;
}

/** The config's default chat template (a string, or the entry named "default" of a list). */
export function templateText(config: TokenizerConfig): string {
  const t = config.chat_template;
  if (typeof t === "string") return t;
  const found = Array.isArray(t) ? t.find((x) => x.name === "default") : undefined;
  if (!found) throw new Error("the tokenizer_config.json has no chat_template");
  return found.template;
}

/** `{bos_token: "<|begin_of_text|>", ...}`: every `*_token` of the config, as transformers.js passes them. */
function specialTokenVariables(config: TokenizerConfig): Record<string, string | null> {
  const vars: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!key.endsWith("_token")) continue;
    if (typeof value === "string") vars[key] = value;
    else if (value && typeof value === "object" && typeof (value as { content?: unknown }).content === "string") {
      vars[key] = (value as { content: string }).content;
    } else if (value === null) vars[key] = null;
  }
  return vars;
}

/**
 * Render `request` with the template, as transformers.js's `apply_chat_template` does
 * (`add_generation_prompt` defaults to true here: the prompt is the one the reply follows).
 */
export function renderChatTemplate(
  template: ChatTemplate | Template,
  config: TokenizerConfig,
  request: ChatRequest,
  options: TemplateOptions & { addGenerationPrompt?: boolean } = {},
): string {
  const compiled = template instanceof Template ? template : new Template(templateText(template.config));
  const vars: Record<string, unknown> = {
    ...specialTokenVariables(config),
    messages: request.messages,
    add_generation_prompt: options.addGenerationPrompt ?? true,
  };
  if (request.tools && request.tools.length) vars.tools = request.tools;
  if (options.enableThinking !== undefined) vars.enable_thinking = options.enableThinking;
  return compiled.render(vars);
}

/** A character span of the rendered text owned by the reader's content or by the format. */
interface Span {
  start: number;
  end: number;
  kind: "format" | "content";
  message: number;
  /** "tools" or "priming" for those blocks. */
  block?: "tools" | "priming";
}

const SENTINEL = (i: number) => `\uE000${i}\uE001`;

/** Where each message's content lies in `rendered` ([start, end) or undefined when not found). */
function locateContents(
  rendered: string,
  sentinelRendered: string,
  contents: readonly string[],
): ([number, number] | undefined)[] {
  // The format's runs between the sentinels, when every sentinel appears once and in order.
  const runs: string[] = [];
  let at = 0;
  let aligned = true;
  for (let i = 0; i < contents.length && aligned; i++) {
    const k = sentinelRendered.indexOf(SENTINEL(i), at);
    if (k === -1) aligned = false;
    else {
      runs.push(sentinelRendered.slice(at, k));
      at = k + SENTINEL(i).length;
    }
  }
  runs.push(sentinelRendered.slice(at));
  if (aligned) {
    const spans: [number, number][] = [];
    let cursor = 0;
    for (let i = 0; i < contents.length && aligned; i++) {
      if (!rendered.startsWith(runs[i], cursor)) {
        aligned = false;
        break;
      }
      cursor += runs[i].length;
      const c = contents[i];
      const candidate = [c, c.trim(), c.trimStart(), c.trimEnd()].find((x) => {
        if (!rendered.startsWith(x, cursor)) return false;
        const next = cursor + x.length;
        return i + 1 < contents.length ? rendered.startsWith(runs[i + 1], next) : rendered.endsWith(runs[i + 1]);
      });
      if (candidate === undefined) aligned = false;
      else {
        spans.push([cursor, cursor + candidate.length]);
        cursor += candidate.length;
      }
    }
    if (aligned && cursor + runs[contents.length].length === rendered.length) return spans;
  }
  // The template branched on the content: find each content (or its trimmed form) in order.
  const found: ([number, number] | undefined)[] = [];
  let cursor = 0;
  for (const c of contents) {
    let hit: [number, number] | undefined;
    for (const x of [c, c.trim(), afterThinking(c)]) {
      if (!x) continue;
      const k = rendered.indexOf(x, cursor);
      if (k !== -1) {
        hit = [k, k + x.length];
        break;
      }
    }
    if (hit) cursor = hit[1];
    found.push(hit);
  }
  return found;
}

/** Up to this many messages, each message's own format text is found by rendering prefixes. */
export const MAX_PREFIX_RENDERS = 256;

/**
 * Where message k's own format text starts (k ≥ 1), between content k-1 and content k: after
 * the closing that the sentinel rendering of the first k messages (without priming) writes
 * after content k-1; failing that, where the same text between two other contents split.
 * Undefined where neither tells, or the contents were not located in line.
 */
function messageStarts(
  rendered: string,
  sentinelRendered: string,
  located: readonly ([number, number] | undefined)[],
  renderPrefix: (k: number) => string,
): (number | undefined)[] {
  const starts: (number | undefined)[] = [0];
  /** The run of format text between two contents in the sentinel rendering → where it splits. */
  const splits = new Map<string, number>();
  const runs: (string | undefined)[] = [undefined];
  let at = 0;
  for (let k = 1; k < located.length; k++) {
    const end = sentinelRendered.indexOf(SENTINEL(k - 1), at) + SENTINEL(k - 1).length;
    const next = sentinelRendered.indexOf(SENTINEL(k), end);
    at = end;
    const previous = located[k - 1];
    starts.push(undefined);
    runs.push(undefined);
    if (!previous || !located[k] || next === -1 || located.length > MAX_PREFIX_RENDERS) continue;
    const run = sentinelRendered.slice(end, next);
    if (rendered.slice(previous[1], located[k]![0]) === run) runs[k] = run;
    let prefix: string;
    try {
      prefix = renderPrefix(k);
    } catch {
      continue;
    }
    // What the prefix writes after message k-1's content is that message's closing (the text
    // before may differ: Qwen3 writes a last assistant message with an empty think block).
    const last = prefix.lastIndexOf(SENTINEL(k - 1));
    if (last === -1) continue;
    const closing = prefix.slice(last + SENTINEL(k - 1).length);
    const offset = closing.length;
    if (end + offset > next || !sentinelRendered.startsWith(closing, end)) continue;
    const boundary = previous[1] + offset;
    if (boundary > located[k]![0]) continue;
    if (rendered.slice(previous[1], boundary) === sentinelRendered.slice(end, end + offset)) {
      starts[k] = boundary;
      if (runs[k] !== undefined) splits.set(runs[k]!, offset);
    }
  }
  // Where a prefix did not tell, the same run of text splits where it split between others.
  for (let k = 1; k < located.length; k++) {
    const run = runs[k];
    const offset = run === undefined ? undefined : splits.get(run);
    if (starts[k] === undefined && offset !== undefined) starts[k] = located[k - 1]![1] + offset;
  }
  return starts;
}

/**
 * A reasoning reply as templates that drop earlier turns' reasoning write it (Qwen3, DeepSeek):
 * the text after the last "</think>", without its leading newlines.
 */
function afterThinking(content: string): string {
  const k = content.lastIndexOf("</think>");
  return k === -1 ? "" : content.slice(k + "</think>".length).replace(/^\n+/, "");
}

/** Length of the common prefix of a and b, and of their common suffix within what is left. */
function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let suffix = 0;
  while (suffix < max && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  let prefix = 0;
  while (prefix < max - suffix && a[prefix] === b[prefix]) prefix++;
  return { prefix, suffix };
}

/**
 * The prompt `request` becomes under an open model's chat template, tokenized by `encoding`
 * (the model's own tokenizer).
 */
export function templateChatPrompt(
  encoding: Encoding,
  request: ChatRequest,
  template: ChatTemplate,
  options: TemplateOptions = {},
): ChatPrompt {
  const compiled = new Template(templateText(template.config));
  const config = template.config;
  const render = (req: ChatRequest, addGenerationPrompt = true) =>
    renderChatTemplate(compiled, config, req, { ...options, addGenerationPrompt });

  const rendered = render(request);
  const messages = request.messages;
  const sentinelRequest = { ...request, messages: messages.map((m, i) => ({ ...m, content: SENTINEL(i) })) };
  const sentinelRendered = render(sentinelRequest);
  const located = locateContents(
    rendered,
    sentinelRendered,
    messages.map((m) => m.content),
  );
  // The reply priming: what add_generation_prompt adds at the end.
  // A template that always primes (Llama 3's) ignores the flag: its priming is then what it
  // renders for no messages at all, when the prompt ends with that.
  const withoutPriming = render(request, false);
  let primingStart = rendered.length;
  let alwaysPrimes = "";
  if (withoutPriming !== rendered && rendered.startsWith(withoutPriming)) primingStart = withoutPriming.length;
  else if (withoutPriming === rendered) {
    try {
      alwaysPrimes = render({ messages: [] });
    } catch {
      // a template that needs a message (Qwen3 reads messages[0]) has no priming of its own
    }
    if (alwaysPrimes && rendered.endsWith(alwaysPrimes)) primingStart = rendered.length - alwaysPrimes.length;
    else alwaysPrimes = "";
  }
  const starts = messageStarts(rendered, sentinelRendered, located, (k) => {
    const prefix = render({ ...sentinelRequest, messages: sentinelRequest.messages.slice(0, k) }, false);
    return alwaysPrimes && prefix.endsWith(alwaysPrimes) ? prefix.slice(0, -alwaysPrimes.length) : prefix;
  });

  // The tool definitions: what `tools` adds (the middle that differs from the rendering without them).
  let toolsSpan: [number, number] | undefined;
  if (request.tools && request.tools.length) {
    const plain = render({ ...request, tools: [] });
    const { prefix, suffix } = commonEnds(rendered, plain);
    if (rendered.length - suffix > prefix) toolsSpan = [prefix, rendered.length - suffix];
  }
  // Inside it, each tool's definition as the template writes it (`tool | tojson`, Qwen3's way)
  // is the reader's content; a template that writes tools otherwise leaves the block all format.
  const toolContents: [number, number][] = [];
  if (toolsSpan) {
    const tojson = new Template("{{ tool | tojson }}");
    let at = toolsSpan[0];
    for (const tool of request.tools ?? []) {
      const json = tojson.render({ tool });
      const k = rendered.indexOf(json, at);
      if (k === -1 || k + json.length > toolsSpan[1]) break;
      toolContents.push([k, k + json.length]);
      at = k + json.length;
    }
  }

  // Owner of every character: content spans first, then the blocks, the rest is format: of the
  // message it belongs to where prefix renderings tell (up to MAX_PREFIX_RENDERS messages),
  // else of the message whose content follows it (the text after the last content, of the last).
  const spans: Span[] = [];
  let cursor = 0;
  let lastMessage = messages.length ? 0 : -1;
  const pushFormat = (start: number, end: number, message: number) => {
    if (end <= start) return;
    // Split the run around the tools block and the priming.
    const cuts: { start: number; end: number; block?: "tools" | "priming" }[] = [];
    if (toolsSpan) cuts.push({ start: toolsSpan[0], end: toolsSpan[1], block: "tools" });
    cuts.push({ start: primingStart, end: rendered.length, block: "priming" });
    let s = start;
    for (const cut of cuts) {
      const a = Math.max(cut.start, s);
      const b = Math.min(cut.end, end);
      if (b <= a) continue;
      if (a > s) spans.push({ start: s, end: a, kind: "format", message });
      let t = a;
      for (const [c0, c1] of cut.block === "tools" ? toolContents : []) {
        if (c1 <= t || c0 >= b) continue;
        if (c0 > t) spans.push({ start: t, end: c0, kind: "format", message: -1, block: "tools" });
        spans.push({ start: Math.max(c0, t), end: Math.min(c1, b), kind: "content", message: -1, block: "tools" });
        t = Math.min(c1, b);
      }
      if (t < b) spans.push({ start: t, end: b, kind: "format", message: -1, block: cut.block });
      s = b;
    }
    if (s < end) spans.push({ start: s, end, kind: "format", message });
  };
  located.forEach((span, i) => {
    if (!span) return;
    // The run between two contents: the previous message's closing, then this one's opening.
    const start = starts[i];
    if (i > 0 && start !== undefined && start >= cursor) {
      pushFormat(cursor, start, lastMessage);
      pushFormat(start, span[0], i);
    } else pushFormat(cursor, span[0], i);
    if (span[1] > span[0]) spans.push({ start: span[0], end: span[1], kind: "content", message: i });
    cursor = span[1];
    lastMessage = i;
  });
  pushFormat(cursor, rendered.length, lastMessage);

  // One encoding of the whole text; each token goes to the span it starts in, except that a
  // token running out of a content span belongs to the format (the next format span).
  const tokens = encoding.encodeDetailed(rendered, { allowedSpecial: "all" });
  const counts = spans.map(() => [] as number[]);
  let k = 0;
  for (const t of tokens) {
    while (k + 1 < spans.length && spans[k].end <= t.start) k++;
    let j = k;
    if (spans[j].kind === "content" && t.end > spans[j].end) {
      while (j + 1 < spans.length && spans[j].kind === "content") j++;
    }
    counts[j].push(t.id);
  }

  const parts: PromptPart[] = [];
  const perMessage = messages.map(() => ({ content: 0, overhead: 0 }));
  let tools = 0;
  let priming = 0;
  spans.forEach((s, k) => {
    const ids = counts[k];
    const text = rendered.slice(s.start, s.end);
    const last = parts[parts.length - 1];
    if (last && last.kind === s.kind && last.message === s.message && s.message !== -1) {
      last.text += text;
      last.ids!.push(...ids);
      last.tokens += ids.length;
    } else parts.push({ kind: s.kind, text, message: s.message, tokens: ids.length, ids: [...ids] });
    if (s.block === "tools") tools += ids.length;
    else if (s.block === "priming") priming += ids.length;
    else if (s.message >= 0) perMessage[s.message][s.kind === "content" ? "content" : "overhead"] += ids.length;
  });

  const warnings: string[] = [];
  const specials = [...encoding.specialTokens.keys()];
  messages.forEach((m, i) => {
    const hits = specials.filter((sp) => m.content.includes(sp));
    if (hits.length) {
      warnings.push(
        `message ${i + 1} (${m.role}) holds ${hits.map((h) => JSON.stringify(h)).join(", ")}, ` +
          `which the model reads as a control token, not as text (as transformers.js encodes it)`,
      );
    }
  });
  located.forEach((span, i) => {
    if (!span && messages[i].content) {
      warnings.push(`message ${i + 1}'s content is not in the rendered prompt as given: its tokens count as format`);
    }
  });

  const ids = tokens.map((t) => t.id);
  const prompt: ChatPrompt = {
    format: "template",
    source: template.source,
    encoding: encoding.name,
    exact: true,
    parts,
    total: ids.length,
    perMessage,
    tools,
    priming,
    ids,
  };
  if (warnings.length) prompt.warnings = warnings;
  return prompt;
}
