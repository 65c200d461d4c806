/**
 * The chat page's templates (src/data/chat-templates.json.ts): the pinned tokenizer_config.json
 * files' chat templates and special tokens, and nothing else.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { readChatTemplate } from "../../src/data/build/chat-templates.ts";
import { CHAT_MODELS } from "../../src/lib/chat/index.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A data loader's output, run as Framework runs it, parsed. */
const runLoader = (path: string) =>
  JSON.parse(execFileSync(process.execPath, ["--import", "tsx", path], { cwd: ROOT, encoding: "utf8" }));

test("src/data/chat-templates.json.ts prints each open model's chat template and *_token entries, as pinned", () => {
  const file = runLoader("src/data/chat-templates.json.ts");
  assert.equal(file.generator, "src/data/chat-templates.json.ts");
  assert.deepEqual(Object.keys(file.templates), ["llama3", "llama3.1", "qwen3"]);
  for (const [name, { source, config }] of Object.entries<{ source: string; config: Record<string, unknown> }>(
    file.templates,
  )) {
    const full = readChatTemplate(name as "llama3" | "llama3.1" | "qwen3");
    assert.equal(source, full.source);
    assert.equal(config.chat_template, full.config.chat_template, name);
    for (const key of Object.keys(config)) assert.ok(key === "chat_template" || key.endsWith("_token"), key);
    assert.equal(config.added_tokens_decoder, undefined, `${name}: the added-token table is left out`);
  }
});

test("src/data/chat-models.json.ts gives every chat model its limits: the catalog's for OpenAI's, the config's for Qwen3", () => {
  const file = runLoader("src/data/chat-models.json.ts");
  assert.equal(file.generator, "src/data/chat-models.json.ts");
  assert.match(file.catalog, /^gpt-tokenizer \d+\.\d+\.\d+$/);
  assert.deepEqual(Object.keys(file.models), CHAT_MODELS.map((m) => m.name));
  assert.equal(file.models["gpt-4o"].contextWindow, 128000);
  assert.equal(file.models["gpt-4"].contextWindow, 8192);
  assert.equal(file.models.qwen3.contextWindow, 131072); // its tokenizer_config.json's model_max_length
  assert.equal(file.models["llama-3"].contextWindow, undefined, "Llama's file says 1e30: no limit given");
  for (const [name, limits] of Object.entries<{ source: string }>(file.models)) assert.ok(limits.source, name);
});
