/**
 * OpenAI's cookbook counting rules (src/engine/chat/openai-cookbook.ts) and the model → rule
 * map (src/engine/chat/models.ts), pinned to the cookbook's API-verified figures.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { chatRuleForModel, OPENAI_CHAT_RULES, openAiChatPrompt, type ChatTool } from "../../src/engine/index.ts";
import { loadEncoding } from "../../src/engine/node.ts";
import { SIX, TOOLS, WEATHER } from "./chat-fixtures.ts";

const cl100k = loadEncoding("cl100k_base");
const o200k = loadEncoding("o200k_base");

test("openAiChatPrompt(cl100k_base, six messages, gpt-4 rule).total is the API's 129", () => {
  assert.equal(openAiChatPrompt(cl100k, SIX, OPENAI_CHAT_RULES["gpt-4"]!).total, 129);
});

test("openAiChatPrompt(o200k_base, six messages, gpt-4o rule).total is the API's 124", () => {
  assert.equal(openAiChatPrompt(o200k, SIX, OPENAI_CHAT_RULES["gpt-4o"]!).total, 124);
});

test("openAiChatPrompt(cl100k_base, get_current_weather example, gpt-4 rule).total is the API's 105", () => {
  const prompt = openAiChatPrompt(cl100k, TOOLS, OPENAI_CHAT_RULES["gpt-4"]!);
  assert.equal(prompt.total, 105);
  assert.equal(prompt.tools + prompt.priming + prompt.perMessage.reduce((s, m) => s + m.content + m.overhead, 0), 105);
});

test("openAiChatPrompt(o200k_base, get_current_weather example, gpt-4o rule).total is the API's 101", () => {
  assert.equal(openAiChatPrompt(o200k, TOOLS, OPENAI_CHAT_RULES["gpt-4o"]!).total, 101);
});

test("openAiChatPrompt(o200k, [user Hi], gpt-4o) is 3 + role 1 + content 1 + priming 3, IDs only on content", () => {
  const prompt = openAiChatPrompt(o200k, { messages: [{ role: "user", content: "Hi" }] }, OPENAI_CHAT_RULES["gpt-4o"]!);
  assert.equal(prompt.total, 8);
  assert.deepEqual(prompt.perMessage, [{ content: 1, overhead: 4 }]);
  assert.equal(prompt.priming, 3);
  assert.equal(prompt.tools, 0);
  assert.equal(prompt.ids, undefined);
  assert.equal(prompt.format, "openai-cookbook");
  assert.equal(prompt.exact, true);
  for (const part of prompt.parts) assert.equal(part.ids !== undefined, part.kind === "content", part.text);
  assert.deepEqual(prompt.parts.find((p) => p.kind === "content")!.ids, [12194]);
});

test("openAiChatPrompt(..) with a name adds its tokens to content and tokens_per_name 1 to overhead", () => {
  const rule = OPENAI_CHAT_RULES["gpt-4o"]!;
  const plain = openAiChatPrompt(o200k, { messages: [{ role: "user", content: "Hi" }] }, rule);
  const named = openAiChatPrompt(o200k, { messages: [{ role: "user", content: "Hi", name: "bob" }] }, rule);
  const nameTokens = o200k.encodeOrdinary("bob").length;
  assert.equal(named.total, plain.total + nameTokens + 1);
  assert.deepEqual(named.perMessage, [{ content: 1 + nameTokens, overhead: 5 }]);
});

test("openAiChatPrompt(..) counts <|endoftext|> in content as ordinary text", () => {
  const text = "a <|endoftext|> b";
  const prompt = openAiChatPrompt(o200k, { messages: [{ role: "user", content: text }] }, OPENAI_CHAT_RULES["gpt-4o"]!);
  const content = prompt.parts.find((p) => p.kind === "content")!;
  assert.deepEqual(content.ids, o200k.encodeOrdinary(text));
  assert.ok(content.tokens > 3);
  assert.ok(!content.ids!.includes(o200k.specialTokens.get("<|endoftext|>")!));
});

test("openAiChatPrompt(..) refuses harmony's channel and recipient", () => {
  const rule = OPENAI_CHAT_RULES["gpt-4"]!;
  assert.throws(
    () => openAiChatPrompt(cl100k, { messages: [{ role: "assistant", content: "x", channel: "final" }] }, rule),
    /message 0 has a "channel", a harmony \(gpt-oss\) field/,
  );
  assert.throws(
    () => openAiChatPrompt(cl100k, { messages: [{ role: "user", content: "", recipient: "functions.f" }] }, rule),
    /message 0 has a "recipient"/,
  );
});

test("openAiChatPrompt(..) refuses an encoding that is not the rule's", () => {
  assert.throws(() => openAiChatPrompt(o200k, SIX, OPENAI_CHAT_RULES["gpt-4"]!), /needs cl100k_base, not o200k_base/);
});

test("openAiChatPrompt(..) names the tool and the field its rule needs when one is missing", () => {
  const rule = OPENAI_CHAT_RULES["gpt-4o"]!;
  const noDescription: ChatTool = { type: "function", function: { name: "f" } };
  assert.throws(
    () => openAiChatPrompt(o200k, { messages: [], tools: [noDescription] }, rule),
    /tool "f" has no function\.description/,
  );
  const props = WEATHER.function.parameters!.properties!;
  const noType: ChatTool = {
    type: "function",
    function: { ...WEATHER.function, parameters: { properties: { ...props, location: { description: "x" } } } },
  };
  assert.throws(
    () => openAiChatPrompt(o200k, { messages: [], tools: [noType] }, rule),
    /tool "get_current_weather" has no parameters\.properties\.location\.type/,
  );
  const noPropDescription: ChatTool = {
    type: "function",
    function: { ...WEATHER.function, parameters: { properties: { unit: { type: "string" } } } },
  };
  assert.throws(
    () => openAiChatPrompt(o200k, { messages: [], tools: [noPropDescription] }, rule),
    /tool "get_current_weather" has no parameters\.properties\.unit\.description/,
  );
});

test("openAiChatPrompt(..) tools: func_init + name:description (trailing dot removed) + func_end", () => {
  const rule = OPENAI_CHAT_RULES["gpt-4o"]!;
  const tool = (description: string): ChatTool => ({ type: "function", function: { name: "f", description } });
  const dotted = openAiChatPrompt(o200k, { messages: [], tools: [tool("Does it.")] }, rule);
  const plain = openAiChatPrompt(o200k, { messages: [], tools: [tool("Does it")] }, rule);
  assert.equal(dotted.tools, 7 + o200k.encodeOrdinary("f:Does it").length + 12);
  assert.equal(plain.tools, dotted.tools);
  const gpt4 = openAiChatPrompt(cl100k, { messages: [], tools: [tool("x")] }, OPENAI_CHAT_RULES["gpt-4"]!);
  assert.equal(gpt4.tools, 10 + cl100k.encodeOrdinary("f:x").length + 12);
});

test("chatRuleForModel(model) maps the cookbook's families exactly, case-insensitively", () => {
  for (const [model, family, encoding] of [
    ["gpt-4", "gpt-4", "cl100k_base"],
    ["GPT-3.5-Turbo", "gpt-3.5-turbo", "cl100k_base"],
    ["gpt-4o", "gpt-4o", "o200k_base"],
    ["GPT-4O-MINI", "gpt-4o-mini", "o200k_base"],
  ]) {
    const rule = chatRuleForModel(model!);
    assert.ok(rule?.format === "openai-cookbook", model);
    assert.equal(rule.rule.family, family);
    assert.equal(rule.rule.encoding, encoding);
    assert.equal(rule.exact, true);
    assert.equal(rule.note, undefined);
  }
  assert.equal(OPENAI_CHAT_RULES["gpt-4"]!.funcInit, 10);
  assert.equal(OPENAI_CHAT_RULES["gpt-4o-mini"]!.funcInit, 7);
});

test("chatRuleForModel(snapshot) maps the cookbook's dated snapshots to their family, exactly", () => {
  for (const [model, family] of [
    ["gpt-3.5-turbo-0125", "gpt-3.5-turbo"],
    ["gpt-4-0613", "gpt-4"],
    ["gpt-4-32k-0314", "gpt-4"],
    ["gpt-4o-mini-2024-07-18", "gpt-4o-mini"],
    ["GPT-4o-2024-08-06", "gpt-4o"],
  ]) {
    const rule = chatRuleForModel(model!);
    assert.ok(rule?.format === "openai-cookbook", model);
    assert.equal(rule.rule.family, family);
    assert.equal(rule.exact, true);
  }
  assert.equal(chatRuleForModel("gpt-3.5-turbo-0301"), undefined);
});

test("chatRuleForModel(later OpenAI model) is the gpt-4o rule, exact false, with a note", () => {
  for (const model of ["gpt-4.1", "gpt-5", "o1", "o3", "O4-mini"]) {
    const rule = chatRuleForModel(model);
    assert.ok(rule?.format === "openai-cookbook", model);
    assert.equal(rule.rule.family, "gpt-4o");
    assert.equal(rule.exact, false);
    assert.match(rule.note!, /estimate by the gpt-4o rule of the cookbook/);
  }
});

test("chatRuleForModel(gpt-4-turbo) is an estimate by the gpt-4 rule", () => {
  const rule = chatRuleForModel("gpt-4-turbo");
  assert.ok(rule?.format === "openai-cookbook");
  assert.equal(rule.rule.family, "gpt-4");
  assert.equal(rule.exact, false);
  assert.match(rule.note!, /estimate by the gpt-4 rule/);
});

test("chatRuleForModel(gpt-oss-20b) is harmony; chatRuleForModel(llama-3) says none", () => {
  assert.deepEqual(chatRuleForModel("GPT-OSS-20B"), {
    format: "harmony",
    model: "gpt-oss-20b",
    encoding: "o200k_harmony",
  });
  assert.equal(chatRuleForModel("gpt-oss-120b")?.format, "harmony");
  assert.equal(chatRuleForModel("llama-3"), undefined);
  assert.equal(chatRuleForModel("no-such-model"), undefined);
});

test("openAiChatPrompt(.., {exact: false, note}) carries the estimate's note", () => {
  const rule = chatRuleForModel("gpt-5");
  assert.ok(rule?.format === "openai-cookbook");
  const prompt = openAiChatPrompt(o200k, SIX, rule.rule, { exact: rule.exact, note: rule.note });
  assert.equal(prompt.total, 124);
  assert.equal(prompt.exact, false);
  assert.equal(prompt.note, rule.note);
});
