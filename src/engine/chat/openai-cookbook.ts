/**
 * OpenAI's published chat counting rules: the cookbook "How to count tokens with tiktoken"
 * (`num_tokens_from_messages` and `num_tokens_for_tools`), as data plus one function.
 *
 * Every message costs 3 tokens, plus the tokens of each of its values encoded as ordinary
 * text (the role string too), plus 1 per `name`; the reply priming costs 3. Each tool costs
 * `func_init` + tokens of "name:description" + per-property constants and lines, and the tool
 * list ends with `func_end` 12. The markers' token IDs are not public: format parts carry
 * counts only; content parts carry their IDs.
 *
 *   The cookbook's six-message example (system messages with names), API-verified:
 *     gpt-4  (cl100k_base) → 129 tokens     gpt-4o (o200k_base) → 124 tokens
 *   Its two-message example with the get_current_weather tool:
 *     gpt-4 → 105 tokens (messages 31 + tools 71 + priming 3)     gpt-4o → 101 tokens
 *   {messages: [{role: "user", content: "Hi"}]} for gpt-4o →
 *     format "⟨message⟩" 3, format "user" 1, content "Hi" 1 ids [12194], format "⟨reply priming⟩" 3 = 8
 */
import type { Encoding } from "../types.js";
import type { ChatMessage, ChatPrompt, ChatRequest, ChatTool, PromptPart } from "./types.js";

/** One model family's counting constants, as the cookbook writes them. */
export interface OpenAiChatRule {
  /** The family the cookbook names, e.g. `"gpt-4o"`. */
  family: string;
  encoding: "cl100k_base" | "o200k_base";
  tokensPerMessage: number;
  tokensPerName: number;
  /** `<|start|>assistant<|message|>`: every reply is primed with 3 tokens. */
  replyPriming: number;
  funcInit: number;
  propInit: number;
  propKey: number;
  enumInit: number;
  enumItem: number;
  funcEnd: number;
}

const COMMON = {
  tokensPerMessage: 3,
  tokensPerName: 1,
  replyPriming: 3,
  propInit: 3,
  propKey: 3,
  enumInit: -3,
  enumItem: 3,
  funcEnd: 12,
} as const;

/** The cookbook's rules, per model family it names. */
export const OPENAI_CHAT_RULES: Readonly<Record<string, OpenAiChatRule>> = {
  "gpt-3.5-turbo": { family: "gpt-3.5-turbo", encoding: "cl100k_base", funcInit: 10, ...COMMON },
  "gpt-4": { family: "gpt-4", encoding: "cl100k_base", funcInit: 10, ...COMMON },
  "gpt-4o": { family: "gpt-4o", encoding: "o200k_base", funcInit: 7, ...COMMON },
  "gpt-4o-mini": { family: "gpt-4o-mini", encoding: "o200k_base", funcInit: 7, ...COMMON },
};

export const OPENAI_COOKBOOK_SOURCE =
  'OpenAI cookbook, "How to count tokens with tiktoken" (num_tokens_from_messages, num_tokens_for_tools)';

/** Options of `openAiChatPrompt`: set for a model the cookbook does not name (its count is then an estimate). */
export interface OpenAiChatOptions {
  exact?: boolean;
  note?: string;
}

/** `text` without one trailing ".", as the cookbook trims descriptions. */
function trimDot(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}

/** A field the cookbook reads directly (`function["description"]`), or an error naming the tool and the field. */
function required(tool: string, field: string, value: unknown): string {
  if (typeof value !== "string") throw new Error(`tool "${tool}" has no ${field}, which OpenAI's counting rule needs`);
  return value;
}

/** The parts of the tool definitions under `num_tokens_for_tools` (none without tools). */
function toolParts(encoding: Encoding, tools: readonly ChatTool[], rule: OpenAiChatRule): PromptPart[] {
  const parts: PromptPart[] = [];
  const format = (text: string, tokens: number) => parts.push({ kind: "format", text, message: -1, tokens });
  const line = (text: string) =>
    parts.push({ kind: "content", text, message: -1, tokens: encoding.encodeOrdinary(text).length });
  for (const tool of tools) {
    const fn = tool.function;
    const name = required("(unnamed)", "function.name", fn?.name);
    format("⟨function⟩", rule.funcInit);
    line(`${name}:${trimDot(required(name, "function.description", fn.description))}`);
    const properties = Object.entries(fn.parameters?.properties ?? {});
    if (properties.length === 0) continue;
    format("⟨properties⟩", rule.propInit);
    for (const [key, property] of properties) {
      format("⟨property⟩", rule.propKey);
      const type = required(name, `parameters.properties.${key}.type`, property.type);
      const description = required(name, `parameters.properties.${key}.description`, property.description);
      if (property.enum !== undefined) {
        format("⟨enum⟩", rule.enumInit);
        for (const item of property.enum) {
          format("⟨enum item⟩", rule.enumItem);
          line(String(item));
        }
      }
      line(`${key}:${type}:${trimDot(description)}`);
    }
  }
  if (tools.length > 0) format("⟨end of functions⟩", rule.funcEnd);
  return parts;
}

/** Refuse fields the cookbook's rule does not know (harmony's `channel` and `recipient`). */
function checkMessage(message: ChatMessage, index: number, rule: OpenAiChatRule): void {
  for (const field of ["channel", "recipient"] as const) {
    if (message[field] !== undefined)
      throw new Error(
        `message ${index} has a "${field}", a harmony (gpt-oss) field that ${rule.family}'s counting rule does not know`,
      );
  }
}

/**
 * `request` counted by the cookbook's rule for one model family (`OPENAI_CHAT_RULES`). `encoding`
 * must be the rule's encoding. Message text is text: "<|endoftext|>" in content counts as ordinary text.
 */
export function openAiChatPrompt(
  encoding: Encoding,
  request: ChatRequest,
  rule: OpenAiChatRule,
  options: OpenAiChatOptions = {},
): ChatPrompt {
  if (encoding.name !== rule.encoding)
    throw new Error(`${rule.family}'s counting rule needs ${rule.encoding}, not ${encoding.name}`);
  const parts: PromptPart[] = [];
  const perMessage: { content: number; overhead: number }[] = [];
  request.messages.forEach((message, i) => {
    checkMessage(message, i, rule);
    const role = encoding.encodeOrdinary(message.role).length;
    const content = encoding.encodeOrdinary(message.content);
    parts.push({ kind: "format", text: "⟨message⟩", message: i, tokens: rule.tokensPerMessage });
    parts.push({ kind: "format", text: message.role, message: i, tokens: role });
    parts.push({ kind: "content", text: message.content, message: i, tokens: content.length, ids: content });
    let contentTokens = content.length;
    let overhead = rule.tokensPerMessage + role;
    if (message.name !== undefined) {
      const name = encoding.encodeOrdinary(message.name);
      parts.push({ kind: "format", text: "⟨name⟩", message: i, tokens: rule.tokensPerName });
      parts.push({ kind: "content", text: message.name, message: i, tokens: name.length, ids: name });
      contentTokens += name.length;
      overhead += rule.tokensPerName;
    }
    perMessage.push({ content: contentTokens, overhead });
  });
  const tools = toolParts(encoding, request.tools ?? [], rule);
  parts.push(...tools);
  parts.push({ kind: "format", text: "⟨reply priming⟩", message: -1, tokens: rule.replyPriming });
  const total = parts.reduce((sum, part) => sum + part.tokens, 0);
  return {
    format: "openai-cookbook",
    source: OPENAI_COOKBOOK_SOURCE,
    encoding: encoding.name,
    exact: options.exact ?? true,
    ...(options.note !== undefined ? { note: options.note } : {}),
    parts,
    total,
    perMessage,
    tools: tools.reduce((sum, part) => sum + part.tokens, 0),
    priming: rule.replyPriming,
  };
}
