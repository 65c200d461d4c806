/**
 * The chat models, as data: which chat format renders a request for each, with which encoding,
 * and (for the open models) which tokenizer_config.json's template.
 *
 *   chatModel("GPT-4o")   → {name: "gpt-4o", format: "openai-cookbook", encoding: "o200k_base"}
 *   chatModel("qwen3")    → {name: "qwen3", format: "template", encoding: "qwen3", template: "qwen3"}
 *   chatModel("gpt-oss-20b") → {name: "gpt-oss-20b", format: "harmony", encoding: "o200k_harmony"}
 *
 * Names are matched case-insensitively; the dated snapshots OpenAI's cookbook names
 * (`gpt-4o-2024-08-06`) are found through the engine's `chatRuleForModel`. An unknown name is an
 * error that lists the known ones.
 */

import { CHAT_RULE_MODELS, chatRuleForModel } from "../../engine/index.js";

/** The open models whose chat template we ship (src/data/build/chat-templates.ts reads them). */
export type ChatTemplateName = "llama3" | "llama3.1" | "qwen3";

export interface ChatModel {
  name: string;
  format: "openai-cookbook" | "harmony" | "template";
  encoding: string;
  template?: ChatTemplateName;
}

/** A model the engine's chat rules know (OpenAI's, gpt-oss), or undefined. */
function ruleModel(name: string): ChatModel | undefined {
  const rule = chatRuleForModel(name);
  if (!rule) return undefined;
  const encoding = rule.format === "harmony" ? rule.encoding : rule.rule.encoding;
  return { name: rule.model, format: rule.format, encoding };
}

/** The open models, rendered by their own chat templates. */
const TEMPLATE_MODELS: readonly ChatModel[] = [
  { name: "llama-3", format: "template", encoding: "llama3", template: "llama3" },
  // Llama 3.1 has its own chat template but Llama 3's vocabulary and split pattern.
  { name: "llama-3.1", format: "template", encoding: "llama3", template: "llama3.1" },
  { name: "qwen3", format: "template", encoding: "qwen3", template: "qwen3" },
];

/**
 * Every chat model, in the order the page and the CLI's error list them: the engine's
 * (`CHAT_RULE_MODELS`: OpenAI's and gpt-oss), then the open models.
 */
export const CHAT_MODELS: readonly ChatModel[] = [
  ...CHAT_RULE_MODELS.map((name) => ruleModel(name)!),
  ...TEMPLATE_MODELS,
];

/** Other spellings people type for the same model. */
const ALIASES: Readonly<Record<string, string>> = {
  llama3: "llama-3",
  "llama3.1": "llama-3.1",
  "llama-3-8b": "llama-3",
  "llama-3.1-8b": "llama-3.1",
  "qwen-3": "qwen3",
};

/** The chat model called `name` (case-insensitive). Throws, listing the known models, for another name. */
export function chatModel(name: string): ChatModel {
  const key = name.trim().toLowerCase();
  const canonical = ALIASES[key] ?? key;
  // The engine's rules also know the dated snapshots the cookbook names (gpt-4o-2024-08-06).
  const model = TEMPLATE_MODELS.find((m) => m.name === canonical) ?? ruleModel(canonical);
  if (!model) {
    throw new Error(
      `unknown chat model ${JSON.stringify(name)}: expected one of ${CHAT_MODELS.map((m) => m.name).join(", ")}`,
    );
  }
  return model;
}

/**
 * What the chat page shows beside a count: the model's context window, its longest reply and
 * its input price (data/chat-models.json, made by src/data/chat-models.json.ts). Any may be
 * missing: the catalog lacks some prices, and Llama's files give no context window.
 */
export interface ChatModelLimits {
  contextWindow?: number;
  maxOutput?: number;
  /** A separate limit on the prompt, where the model has one (GPT-5: 272,000). */
  maxInput?: number;
  /** US dollars per million input tokens, as the catalog lists it. */
  inputPrice?: number;
  /** Where these figures come from. */
  source: string;
}
