/**
 * gpt-oss's harmony format (openai/harmony, docs/format.md), tokenized with o200k_harmony and
 * its real special-token IDs. Each message is
 *
 *   <|start|>{role}[<|channel|>{channel}][ to={recipient}]<|message|>{content}<|end|>
 *
 * and the reply is primed with `<|start|>assistant`. A tool's reply is authored by the tool:
 * `<|start|>{name}[ to={recipient}][<|channel|>{channel}]<|message|>` (the doc's
 * `<|start|>functions.get_weather to=assistant<|channel|>commentary<|message|>`). Content is
 * ordinary text; only the markers are special tokens. The messages are rendered as given: the
 * doc's default system message is `harmonySystemMessage(...)`, for the caller to prepend.
 *
 *   [{role: "user", content: "What is 2 + 2?"}] →
 *     format  "<|start|>user<|message|>"  ids [200006, 1428, 200008]
 *     content "What is 2 + 2?"            ids [4827, 382, 220, 17, 659, 220, 17, 30]
 *     format  "<|end|>"                   ids [200007]
 *     format  "<|start|>assistant"        ids [200006, 173781]   → 14 tokens
 */
import type { Encoding } from "../types.js";
import type { ChatMessage, ChatPrompt, ChatRequest, PromptPart } from "./types.js";

export const HARMONY_SOURCE = "openai/harmony, docs/format.md (the harmony response format)";
export const HARMONY_IDENTITY = "You are ChatGPT, a large language model trained by OpenAI.";

/** The options of the doc's system message. */
export interface HarmonySystemOptions {
  /** `Current date: …` (e.g. "2025-06-28"); the line is left out without it. */
  date?: string;
  /** `Knowledge cutoff: …`; the doc's "2024-06" by default. */
  knowledgeCutoff?: string;
  /** `Reasoning: …`; the model's default, "medium", by default. */
  reasoning?: "low" | "medium" | "high";
  /** Add the doc's line for function tools: calls go to the commentary channel. */
  functions?: boolean;
}

/**
 * The doc's system message (identity, knowledge cutoff, date, reasoning effort, valid channels),
 * for the caller to prepend; harmonyChatPrompt never adds it.
 *
 *   harmonySystemMessage({date: "2025-06-28", reasoning: "high"}).content ===
 *     "You are ChatGPT, a large language model trained by OpenAI.\nKnowledge cutoff: 2024-06\n" +
 *     "Current date: 2025-06-28\n\nReasoning: high\n\n# Valid channels: analysis, commentary, final. " +
 *     "Channel must be included for every message."
 */
export function harmonySystemMessage(options: HarmonySystemOptions = {}): ChatMessage {
  const lines = [HARMONY_IDENTITY, `Knowledge cutoff: ${options.knowledgeCutoff ?? "2024-06"}`];
  if (options.date !== undefined) lines.push(`Current date: ${options.date}`);
  lines.push("", `Reasoning: ${options.reasoning ?? "medium"}`, "");
  lines.push("# Valid channels: analysis, commentary, final. Channel must be included for every message.");
  if (options.functions) lines.push("Calls to these tools must go to the commentary channel: 'functions'.");
  return { role: "system", content: lines.join("\n") };
}

/** A format part from segments: special tokens by their IDs, text between them as ordinary text. */
function formatPart(encoding: Encoding, segments: string[], message: number): PromptPart {
  const ids: number[] = [];
  for (const segment of segments) {
    const special = encoding.specialTokens.get(segment);
    if (special !== undefined) ids.push(special);
    else if (segment !== "") ids.push(...encoding.encodeOrdinary(segment));
  }
  return { kind: "format", text: segments.join(""), message, tokens: ids.length, ids };
}

/** The header's segments, between `<|start|>` and `<|message|>`. */
function header(message: ChatMessage, index: number): string[] {
  const to = message.recipient !== undefined ? ` to=${message.recipient}` : "";
  const channel = message.channel !== undefined ? ["<|channel|>", message.channel] : [];
  if (message.role === "tool") {
    if (message.name === undefined)
      throw new Error(`message ${index} is a tool reply without a name: harmony needs the tool's name as its author`);
    return [message.name + to, ...channel];
  }
  if (message.name !== undefined)
    throw new Error(`message ${index} has a "name": harmony gives names only to tool replies`);
  if (channel.length === 0) return [message.role + to];
  return [message.role, channel[0], channel[1] + to];
}

/** `request` rendered in harmony. `encoding` must be o200k_harmony. Tools are refused (not rendered yet). */
export function harmonyChatPrompt(encoding: Encoding, request: ChatRequest): ChatPrompt {
  if (encoding.name !== "o200k_harmony") throw new Error(`harmony needs o200k_harmony, not ${encoding.name}`);
  if (request.tools !== undefined && request.tools.length > 0)
    throw new Error("tools are not rendered for harmony (gpt-oss) yet: put them in a developer message");
  const parts: PromptPart[] = [];
  const perMessage: { content: number; overhead: number }[] = [];
  request.messages.forEach((message, i) => {
    const open = formatPart(encoding, ["<|start|>", ...header(message, i), "<|message|>"], i);
    const ids = encoding.encodeOrdinary(message.content);
    const end = formatPart(encoding, ["<|end|>"], i);
    parts.push(open, { kind: "content", text: message.content, message: i, tokens: ids.length, ids }, end);
    perMessage.push({ content: ids.length, overhead: open.tokens + end.tokens });
  });
  const priming = formatPart(encoding, ["<|start|>", "assistant"], -1);
  parts.push(priming);
  const ids = parts.flatMap((part) => part.ids ?? []);
  return {
    format: "harmony",
    source: HARMONY_SOURCE,
    encoding: encoding.name,
    exact: true,
    parts,
    total: ids.length,
    perMessage,
    tools: 0,
    priming: priming.tokens,
    ids,
  };
}
