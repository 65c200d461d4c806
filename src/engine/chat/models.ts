/**
 * Model names → their chat format: the cookbook's rule (exact for the families it names, an
 * estimate by the nearest family for later OpenAI models) or harmony for gpt-oss.
 *
 *   chatRuleForModel("GPT-4o")      → {format: "openai-cookbook", rule: gpt-4o, exact: true}
 *   chatRuleForModel("gpt-4-0613")  → {format: "openai-cookbook", rule: gpt-4, exact: true}   (a snapshot it names)
 *   chatRuleForModel("gpt-5")       → {format: "openai-cookbook", rule: gpt-4o, exact: false, note: "…estimate…"}
 *   chatRuleForModel("gpt-oss-20b") → {format: "harmony", encoding: "o200k_harmony"}
 *   chatRuleForModel("llama-3")     → undefined (no rule here: its chat template, in src/lib/chat/)
 */
import { OPENAI_CHAT_RULES, type OpenAiChatRule } from "./openai-cookbook.js";

export type ChatRule =
  | { format: "openai-cookbook"; model: string; rule: OpenAiChatRule; exact: boolean; note?: string }
  | { format: "harmony"; model: string; encoding: "o200k_harmony" };

/** The dated snapshots the cookbook's num_tokens_from_messages names → their family's rule (exact). */
const SNAPSHOTS: Readonly<Record<string, string>> = {
  "gpt-3.5-turbo-0125": "gpt-3.5-turbo",
  "gpt-4-0314": "gpt-4",
  "gpt-4-32k-0314": "gpt-4",
  "gpt-4-0613": "gpt-4",
  "gpt-4-32k-0613": "gpt-4",
  "gpt-4o-mini-2024-07-18": "gpt-4o-mini",
  "gpt-4o-2024-08-06": "gpt-4o",
};

/** OpenAI models the cookbook does not name → the family whose rule estimates them. */
const ESTIMATED_BY: Readonly<Record<string, string>> = {
  "gpt-4-turbo": "gpt-4",
  "gpt-4.1": "gpt-4o",
  "gpt-4.1-mini": "gpt-4o",
  "gpt-4.1-nano": "gpt-4o",
  "gpt-4.5-preview": "gpt-4o",
  "gpt-5": "gpt-4o",
  "gpt-5-mini": "gpt-4o",
  "gpt-5-nano": "gpt-4o",
  o1: "gpt-4o",
  o3: "gpt-4o",
  "o3-mini": "gpt-4o",
  "o4-mini": "gpt-4o",
};

const HARMONY_MODELS = new Set(["gpt-oss-20b", "gpt-oss-120b"]);

/**
 * Every model name this module has a rule for, in the order a list shows them: the cookbook's
 * families, the models it estimates, then gpt-oss (the dated snapshots are left out).
 */
export const CHAT_RULE_MODELS: readonly string[] = [
  ...Object.keys(OPENAI_CHAT_RULES),
  ...Object.keys(ESTIMATED_BY),
  ...HARMONY_MODELS,
];

/** The chat format of `model` (case-insensitive), or undefined when this module has no rule for it. */
export function chatRuleForModel(model: string): ChatRule | undefined {
  const name = model.trim().toLowerCase();
  if (HARMONY_MODELS.has(name)) return { format: "harmony", model: name, encoding: "o200k_harmony" };
  const rule = OPENAI_CHAT_RULES[SNAPSHOTS[name] ?? name];
  if (rule) return { format: "openai-cookbook", model: name, rule, exact: true };
  const family = ESTIMATED_BY[name];
  if (family === undefined) return undefined;
  return {
    format: "openai-cookbook",
    model: name,
    rule: OPENAI_CHAT_RULES[family]!,
    exact: false,
    note:
      `OpenAI publishes no counting rule for ${name}: the count is an estimate by the ${family} rule ` +
      `of the cookbook "How to count tokens with tiktoken"`,
  };
}
