/**
 * The chat page's templates (src/data/chat-templates.json.ts): the pinned tokenizer_config.json
 * files' chat templates and special tokens, and nothing else.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { readChatTemplate } from "../../src/data/build/chat-templates.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

test("src/data/chat-templates.json.ts prints each open model's chat template and *_token entries, as pinned", () => {
  const out = execFileSync(process.execPath, ["--import", "tsx", "src/data/chat-templates.json.ts"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const file = JSON.parse(out);
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
