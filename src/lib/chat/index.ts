/**
 * A chat request → the prompt one model sees, in that model's chat format: OpenAI's cookbook
 * rules and gpt-oss's harmony format (from the engine), the open models' Jinja templates
 * (./template.ts). The caller brings the encoding (and, for a template model, its template):
 * this module reads no file, so the page and the CLI share it.
 *
 *   const model = chatModel("gpt-4o");
 *   chatPrompt(parseChatRequest(text), model, encodings(model.encoding)).total // 124 for the cookbook's example
 */
import { chatRuleForModel, harmonyChatPrompt, openAiChatPrompt } from "../../engine/index.js";
import type { ChatPrompt, ChatRequest, Encoding } from "../../engine/index.js";
import type { ChatModel } from "./models.js";
import { templateChatPrompt, type ChatTemplate, type TemplateOptions } from "./template.js";

export { CHAT_MODELS, chatModel, type ChatModel, type ChatModelLimits, type ChatTemplateName } from "./models.js";
export { CHAT_ROLES, ChatRequestError, jsonErrorAt, lineColumn, parseChatRequest } from "./request.js";
export { renderChatTemplate, templateChatPrompt, templateText } from "./template.js";
export type { ChatTemplate, TemplateOptions, TokenizerConfig } from "./template.js";

export interface ChatPromptOptions extends TemplateOptions {
  /** The model's chat template (needed, and only read, for a template model). */
  template?: ChatTemplate;
}

/** `request` rendered for `model` and tokenized by `encoding` (the model's: `model.encoding`). */
export function chatPrompt(
  request: ChatRequest,
  model: ChatModel,
  encoding: Encoding,
  options: ChatPromptOptions = {},
): ChatPrompt {
  if (encoding.name !== model.encoding) {
    throw new Error(`${model.name} is tokenized by ${model.encoding}, not ${encoding.name}`);
  }
  if (model.format === "template") {
    if (!options.template) throw new Error(`${model.name}'s chat template is needed to render its prompt`);
    return templateChatPrompt(encoding, request, options.template, { enableThinking: options.enableThinking });
  }
  const rule = chatRuleForModel(model.name);
  if (!rule) throw new Error(`no chat format for ${model.name}`);
  if (rule.format === "harmony") return harmonyChatPrompt(encoding, request);
  return openAiChatPrompt(encoding, request, rule.rule, { exact: rule.exact, note: rule.note });
}
