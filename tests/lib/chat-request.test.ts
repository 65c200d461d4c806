/**
 * Reading a chat request (src/lib/chat/request.ts) and naming a chat model (src/lib/chat/models.ts).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CHAT_MODELS, chatModel, jsonErrorAt, lineColumn, parseChatRequest } from "../../src/lib/chat/index.ts";
import { chatRuleForModel, getEncodingSpec } from "../../src/engine/index.ts";

test("parseChatRequest(bare array) reads the messages", () => {
  assert.deepEqual(parseChatRequest('[{"role": "user", "content": "Hi", "name": "ann"}]'), {
    messages: [{ role: "user", content: "Hi", name: "ann" }],
  });
});

test("parseChatRequest(request body) keeps model, messages and tools", () => {
  const tool = { type: "function", function: { name: "f", description: "d", parameters: { type: "object" } } };
  const body = { model: "gpt-4o", messages: [{ role: "developer", content: "" }], tools: [tool], temperature: 0 };
  assert.deepEqual(parseChatRequest(JSON.stringify(body)), {
    model: "gpt-4o",
    messages: [{ role: "developer", content: "" }],
    tools: [tool],
  });
});

test("parseChatRequest(invalid JSON) names the line and column", () => {
  assert.throws(() => parseChatRequest('{\n  "messages": [\n    {"role": "user" "content": "x"}\n  ]\n}'), {
    message: 'invalid JSON at line 3, column 21: unexpected "\\"" where "," or "}" was expected',
  });
  assert.throws(() => parseChatRequest('[{"role": "user", "content": "x"}'), {
    message: 'invalid JSON at line 1, column 34: unexpected end of input where "," or "]" was expected',
  });
  assert.throws(() => parseChatRequest(""), /line 1, column 1: unexpected end of input/);
  assert.throws(() => parseChatRequest("[] x"), /line 1, column 4: unexpected "x" after the end/);
});

test("parseChatRequest(valid JSON, wrong shape) says what is wrong in one sentence", () => {
  const cases: [string, RegExp][] = [
    ['[{"role": "robot", "content": "x"}]', /^messages\[0\]\.role is "robot": expected system, developer, user, /],
    ['[{"role": "user"}]', /^messages\[0\] has no "content"/],
    ['[{"role": "user", "content": ["x"]}]', /^messages\[0\]\.content is not a string/],
    ['[{"content": "x"}]', /^messages\[0\] has no "role" string/],
    ['[{"role": "user", "content": "x", "name": 1}]', /^messages\[0\]\.name is not a string/],
    ['{"messages": [], "tools": [{"type": "function", "function": {}}]}', /^tools\[0\] is missing function\.name/],
    ['{"messages": [], "tools": [{"type": "function"}]}', /^tools\[0\] has no "function" object/],
    ['{"messages": [], "tools": [{"type": "retrieval", "function": {"name": "f"}}]}', /only "function" tools/],
    ['{"model": "gpt-4o"}', /no "messages" array/],
    ["42", /expected a request object or an array of messages/],
  ];
  for (const [text, pattern] of cases) {
    assert.throws(
      () => parseChatRequest(text),
      (err: Error) => pattern.test(err.message) && !err.message.includes("\n"),
    );
  }
});

test("jsonErrorAt(text) and lineColumn(text, at) point at the first bad character", () => {
  assert.deepEqual(jsonErrorAt('{"a": tru}'), { at: 9, what: 'unexpected "}"' });
  assert.deepEqual(jsonErrorAt('"\\x"'), { at: 2, what: "bad escape" });
  assert.deepEqual(lineColumn("ab\ncd", 4), { line: 2, column: 2 });
});

test("chatModel(name) is case-insensitive and knows each model's format and encoding", () => {
  assert.deepEqual(chatModel("GPT-4o"), { name: "gpt-4o", format: "openai-cookbook", encoding: "o200k_base" });
  assert.equal(chatModel("gpt-3.5-turbo").encoding, "cl100k_base");
  assert.equal(chatModel("gpt-oss-120b").format, "harmony");
  assert.deepEqual(chatModel("GPT-4o-2024-08-06"), {
    name: "gpt-4o-2024-08-06",
    format: "openai-cookbook",
    encoding: "o200k_base",
  });
  assert.deepEqual(chatModel("Llama3.1"), {
    name: "llama-3.1",
    format: "template",
    encoding: "llama3",
    template: "llama3.1",
  });
  assert.throws(() => chatModel("gpt-9"), /unknown chat model "gpt-9": expected one of gpt-3\.5-turbo, .*, qwen3$/);
});

test("CHAT_MODELS: every encoding exists, and the engine has a rule for every OpenAI model", () => {
  for (const model of CHAT_MODELS) {
    assert.doesNotThrow(() => getEncodingSpec(model.encoding), model.name);
    if (model.format === "template") assert.ok(model.template, model.name);
    else {
      const rule = chatRuleForModel(model.name);
      assert.equal(rule?.format, model.format, model.name);
      if (rule?.format === "openai-cookbook") assert.equal(rule.rule.encoding, model.encoding, model.name);
    }
  }
});
