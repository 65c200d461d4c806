/**
 * gpt-oss's harmony format (src/engine/chat/harmony.ts): worked examples with exact IDs, and the
 * oracle: the rendered text encoded by tiktoken (WASM, o200k_harmony, allowed_special "all")
 * gives the prompt's IDs.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { harmonyChatPrompt, harmonySystemMessage, type ChatRequest } from "../../src/engine/index.ts";
import { loadEncoding } from "../../src/engine/node.ts";
import { firstDifference, oracle } from "./support.ts";

const harmony = loadEncoding("o200k_harmony");
const START = 200006;
const CHANNEL = 200005;
const END = 200007;
const MESSAGE = 200008;
const ASSISTANT = 173781;

test("harmonyChatPrompt(o200k_harmony, [user 'What is 2 + 2?']) is the doc's example input, token by token", () => {
  const prompt = harmonyChatPrompt(harmony, { messages: [{ role: "user", content: "What is 2 + 2?" }] });
  assert.deepEqual(
    prompt.parts.map((p) => [p.kind, p.text, p.ids]),
    [
      ["format", "<|start|>user<|message|>", [START, 1428, MESSAGE]],
      ["content", "What is 2 + 2?", [4827, 382, 220, 17, 659, 220, 17, 30]],
      ["format", "<|end|>", [END]],
      ["format", "<|start|>assistant", [START, ASSISTANT]],
    ],
  );
  assert.equal(prompt.total, 14);
  assert.deepEqual(prompt.perMessage, [{ content: 8, overhead: 4 }]);
  assert.equal(prompt.priming, 2);
  assert.equal(prompt.tools, 0);
  assert.equal(prompt.format, "harmony");
  assert.equal(prompt.exact, true);
  assert.equal(prompt.encoding, "o200k_harmony");
  assert.deepEqual(prompt.ids, [START, 1428, MESSAGE, 4827, 382, 220, 17, 659, 220, 17, 30, END, START, ASSISTANT]);
});

test("harmonyChatPrompt(..) renders an assistant's channel and recipient in its header", () => {
  const prompt = harmonyChatPrompt(harmony, {
    messages: [{ role: "assistant", channel: "commentary", recipient: "functions.get_weather", content: "{}" }],
  });
  const head = prompt.parts[0]!;
  assert.equal(head.text, "<|start|>assistant<|channel|>commentary to=functions.get_weather<|message|>");
  assert.deepEqual(head.ids, [
    START,
    ASSISTANT,
    CHANNEL,
    ...harmony.encodeOrdinary("commentary to=functions.get_weather"),
    MESSAGE,
  ]);
  assert.equal(prompt.parts[1]!.text, "{}");
});

test("harmonyChatPrompt(..) authors a tool reply by its name, recipient before channel as the doc writes it", () => {
  const prompt = harmonyChatPrompt(harmony, {
    messages: [
      { role: "tool", name: "functions.get_weather", recipient: "assistant", channel: "commentary", content: "{}" },
    ],
  });
  assert.equal(prompt.parts[0]!.text, "<|start|>functions.get_weather to=assistant<|channel|>commentary<|message|>");
  assert.throws(
    () => harmonyChatPrompt(harmony, { messages: [{ role: "tool", content: "{}" }] }),
    /message 0 is a tool reply without a name/,
  );
});

test("harmonyChatPrompt(..) refuses a name outside tool replies, tools, and another encoding", () => {
  assert.throws(
    () => harmonyChatPrompt(harmony, { messages: [{ role: "user", name: "bob", content: "x" }] }),
    /message 0 has a "name"/,
  );
  const tool = { type: "function" as const, function: { name: "f", description: "d" } };
  assert.throws(
    () => harmonyChatPrompt(harmony, { messages: [], tools: [tool] }),
    /tools are not rendered for harmony/,
  );
  assert.throws(
    () => harmonyChatPrompt(loadEncoding("o200k_base"), { messages: [] }),
    /needs o200k_harmony, not o200k_base/,
  );
});

test("harmonyChatPrompt(..) counts special-token text in content as ordinary text", () => {
  const text = "<|end|><|start|>";
  const prompt = harmonyChatPrompt(harmony, { messages: [{ role: "user", content: text }] });
  assert.deepEqual(prompt.parts[1]!.ids, harmony.encodeOrdinary(text));
  assert.ok(!prompt.parts[1]!.ids!.some((id) => harmony.isSpecial(id)));
});

test("harmonySystemMessage({date, reasoning}) is the doc's system message; harmonyChatPrompt never adds it", () => {
  const message = harmonySystemMessage({ date: "2025-06-28", reasoning: "high", functions: true });
  const rendered = harmonyChatPrompt(harmony, { messages: [message] })
    .parts.slice(0, 3)
    .map((p) => p.text)
    .join("");
  assert.equal(
    rendered,
    "<|start|>system<|message|>You are ChatGPT, a large language model trained by OpenAI.\n" +
      "Knowledge cutoff: 2024-06\nCurrent date: 2025-06-28\n\nReasoning: high\n\n" +
      "# Valid channels: analysis, commentary, final. Channel must be included for every message.\n" +
      "Calls to these tools must go to the commentary channel: 'functions'.<|end|>",
  );
  assert.equal(
    harmonySystemMessage().content,
    "You are ChatGPT, a large language model trained by OpenAI.\nKnowledge cutoff: 2024-06\n\n" +
      "Reasoning: medium\n\n# Valid channels: analysis, commentary, final. Channel must be included for every message.",
  );
  const bare = harmonyChatPrompt(harmony, { messages: [{ role: "user", content: "Hi" }] });
  assert.equal(bare.parts[0]!.text, "<|start|>user<|message|>");
});

const CONVERSATIONS: [string, ChatRequest][] = [
  ["empty", { messages: [] }],
  ["empty content", { messages: [{ role: "user", content: "" }] }],
  [
    "whitespace",
    {
      messages: [
        { role: "user", content: "  leading and trailing  \n\n" },
        { role: "assistant", channel: "final", content: "\n\tok \u00a0" },
      ],
    },
  ],
  [
    "languages",
    {
      messages: [
        { role: "developer", content: "# Instructions\n\nRéponds en français, 日本語でも, по-русски, بالعربية." },
        { role: "user", content: "Grüße aus München! 你好，世界。 🙂👍🏽 नमस्ते" },
        { role: "assistant", channel: "analysis", content: "The user greets in many languages." },
        { role: "assistant", channel: "final", content: "Bonjour ! こんにちは。Привет!" },
      ],
    },
  ],
  [
    "code and a tool call",
    {
      messages: [
        harmonySystemMessage({ date: "2025-06-28", reasoning: "low", functions: true }),
        { role: "user", content: "def f(x):\n    return {'a': [x, x ** 2]}  # why?\n\n```js\nconst y = `${x}`;\n```" },
        { role: "assistant", channel: "commentary", recipient: "functions.run", content: '{"code": "print(1)"}' },
        { role: "tool", name: "functions.run", recipient: "assistant", channel: "commentary", content: "1\n" },
        { role: "assistant", channel: "final", content: "It prints 1." },
      ],
    },
  ],
];

for (const [label, request] of CONVERSATIONS) {
  test(`harmonyChatPrompt(..).ids equal tiktoken's encode(rendered text, "all"): ${label}`, () => {
    const prompt = harmonyChatPrompt(harmony, request);
    const text = prompt.parts.map((p) => p.text).join("");
    const expected = Array.from(oracle("o200k_harmony").encode(text, "all"));
    assert.equal(firstDifference(prompt.ids!, expected), undefined);
    assert.equal(prompt.total, expected.length);
    assert.equal(
      prompt.total,
      prompt.parts.reduce((s, p) => s + p.tokens, 0),
    );
    const perMessage = prompt.perMessage.reduce((s, m) => s + m.content + m.overhead, 0);
    assert.equal(perMessage + prompt.priming, prompt.total);
  });
}
