/**
 * Data loader for `FileAttachment("data/chat-models.json")`: each chat model's context window,
 * longest reply and input price, for the chat page. OpenAI's models come from gpt-tokenizer's
 * model catalog (the package's `models.gen`, named with its version on the page: prices change,
 * and the page lets the reader change them); the open models' context window from their
 * tokenizer_config.json's `model_max_length`, when it is a real length (Llama's files say 1e30,
 * "no limit given", so theirs is left out).
 *
 *   npx tsx src/data/chat-models.json.ts
 *     → {"generator": "src/data/chat-models.json.ts", "catalog": "gpt-tokenizer 4.0.0",
 *        "models": {"gpt-4o": {"contextWindow": 128000, "maxOutput": 16384, "inputPrice": 10, "source": "…"}, …}}
 */
import { createRequire } from "node:module";
import { CHAT_MODELS, type ChatModelLimits } from "../lib/chat/index.js";
import { readChatTemplate } from "./build/chat-templates.js";

const require = createRequire(import.meta.url);
const version = (require("gpt-tokenizer/package.json") as { version: string }).version;
const catalog = (await import("gpt-tokenizer/models.gen")) as unknown as Record<string, CatalogSpec | undefined>;

interface CatalogSpec {
  context_window?: number;
  max_output_tokens?: number;
  max_input_tokens?: number;
  price_data?: { main?: { input?: number } };
}

const CATALOG = `gpt-tokenizer ${version}`;
const models: Record<string, ChatModelLimits> = {};
for (const model of CHAT_MODELS) {
  if (model.template) {
    const { source, config } = readChatTemplate(model.template);
    const max = typeof config.model_max_length === "number" ? config.model_max_length : undefined;
    models[model.name] = max !== undefined && max < 1e9 ? { contextWindow: max, source } : { source };
    continue;
  }
  const spec = catalog[model.name];
  models[model.name] = {
    contextWindow: spec?.context_window,
    maxOutput: spec?.max_output_tokens,
    maxInput: spec?.max_input_tokens,
    inputPrice: spec?.price_data?.main?.input,
    source: `${CATALOG}'s model catalog`,
  };
}
process.stdout.write(JSON.stringify({ generator: "src/data/chat-models.json.ts", catalog: CATALOG, models }));
