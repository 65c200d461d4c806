/**
 * `tokenizer-explorer chat --model MODEL [--json] [FILE]`: in-process through `main(argv, io)`,
 * and once end to end through the executable shim.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { main, type CliIO } from "../../scripts/cli.js";
import { loadEncoding } from "../../src/engine/node.js";
import { readChatTemplate } from "../../src/data/build/chat-templates.js";
import { templateChatPrompt } from "../../src/lib/chat/index.js";
import { SIX as COOKBOOK_SIX, TOOLS, WEATHER } from "../engine/chat-fixtures.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], stdin = ""): Promise<RunResult> {
  let out = "";
  let err = "";
  const io: CliIO = {
    readStdin: async () => stdin,
    stdout: (chunk) => void (out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")),
    stderr: (text) => void (err += text),
    isTTY: false,
  };
  return { code: await main(argv, io), stdout: out, stderr: err };
}

function assertFails(r: RunResult, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, "", "nothing on stdout");
  assert.match(r.stderr, /^tokenizer-explorer: [^\n]+\n$/, "exactly one error line");
  assert.match(r.stderr, pattern);
}

const SIX = COOKBOOK_SIX.messages;
const TOOLS_REQUEST = { model: "gpt-4o", ...TOOLS };

let dir = "";
before(() => {
  dir = mkdtempSync(join(tmpdir(), "tokenizer-explorer-chat-"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("cli chat --model gpt-4 / gpt-4o prints the cookbook's API-verified 129 / 124", async () => {
  const body = JSON.stringify(SIX);
  assert.deepEqual(await run(["chat", "--model", "gpt-4"], body), { code: 0, stdout: "129\n", stderr: "" });
  assert.deepEqual(await run(["chat", "--model", "GPT-4o"], body), { code: 0, stdout: "124\n", stderr: "" });
});

test("cli chat reads a request body from FILE: the tools example is 105 (gpt-4) and 101 (gpt-4o)", async () => {
  const path = join(dir, "tools.json");
  writeFileSync(path, JSON.stringify(TOOLS_REQUEST, null, 2));
  assert.equal((await run(["chat", "--model", "gpt-4", path])).stdout, "105\n");
  assert.equal((await run(["chat", "--model=gpt-4o", path])).stdout, "101\n");
});

test("cli chat --json (gpt-4o) gives the breakdown and no IDs, which OpenAI does not publish", async () => {
  const r = await run(["chat", "--model", "gpt-4o", "--json"], JSON.stringify({ messages: SIX }));
  assert.equal(r.code, 0);
  const json = JSON.parse(r.stdout);
  assert.equal(json.model, "gpt-4o");
  assert.equal(json.encoding, "o200k_base");
  assert.equal(json.format, "openai-cookbook");
  assert.equal(json.exact, true);
  assert.equal(json.tokens, 124);
  assert.equal(json.messages.length, 6);
  assert.equal(json.priming, 3);
  assert.equal(json.tools, 0);
  assert.equal(
    json.messages.reduce((s: number, m: { content: number; overhead: number }) => s + m.content + m.overhead, 0) +
      json.priming,
    124,
  );
  assert.equal("ids" in json, false);
});

test("cli chat --model gpt-5 says on stderr that the count is an estimate", async () => {
  const r = await run(["chat", "--model", "gpt-5", "--json"], JSON.stringify(SIX));
  assert.equal(r.code, 0);
  assert.equal(JSON.parse(r.stdout).exact, false);
  assert.equal(JSON.parse(r.stdout).tokens, 124);
  assert.match(r.stderr, /^tokenizer-explorer: note: .*estimate by the gpt-4o rule/);
});

test("cli chat --json (qwen3, llama-3.1) gives the template's IDs, equal to the library's", async () => {
  const request = {
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: " Wie spät ist es? " },
    ],
    tools: [WEATHER],
  };
  for (const [model, encoding, template] of [
    ["qwen3", "qwen3", "qwen3"],
    ["Llama-3.1", "llama3", "llama3.1"],
  ] as const) {
    const r = await run(["chat", "--model", model, "--json"], JSON.stringify(request));
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    const expected = templateChatPrompt(loadEncoding(encoding), request as never, readChatTemplate(template));
    assert.deepEqual(json.ids, expected.ids);
    assert.equal(json.tokens, expected.total);
    assert.equal(json.format, "template");
    assert.equal(json.encoding, encoding);
    assert.match(json.source, /tokenizer_config\.json$/);
  }
});

test("cli chat --json (gpt-oss-20b) gives harmony's IDs", async () => {
  const r = await run(["chat", "--model", "gpt-oss-20b", "--json"], '[{"role": "user", "content": "Hi"}]');
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.format, "harmony");
  assert.equal(json.encoding, "o200k_harmony");
  // <|start|>user<|message|>Hi<|end|><|start|>assistant
  assert.deepEqual(json.ids, [200006, 1428, 200008, 12194, 200007, 200006, 173781]);
  assert.equal(json.tokens, 7);
});

test("cli chat warns on stderr when message text becomes a template's control token", async () => {
  const r = await run(["chat", "--model", "llama-3"], '[{"role": "user", "content": "a <|eot_id|> b"}]');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\d+\n$/);
  assert.match(r.stderr, /^tokenizer-explorer: warning: message 1 \(user\) holds "<\|eot_id\|>"/);
});

test("cli chat: bad JSON, an unknown role or model, a tool missing a field: one line, exit 2", async () => {
  assertFails(
    await run(["chat", "--model", "gpt-4o"], '{"messages": [\n  {"role": "user",}\n]}'),
    /line 2, column 19: unexpected "}"/,
  );
  assertFails(await run(["chat", "--model", "gpt-4o"], '[{"role": "robot", "content": "x"}]'), /"robot"/);
  assertFails(await run(["chat", "--model", "gpt-9"], "[]"), /unknown chat model "gpt-9": expected one of .*qwen3/);
  const noDescription = { messages: [{ role: "user", content: "x" }], tools: [{ type: "function", function: {} }] };
  assertFails(await run(["chat", "--model", "gpt-4o"], JSON.stringify(noDescription)), /function\.name/);
  const noDesc = { ...noDescription, tools: [{ type: "function", function: { name: "f" } }] };
  assertFails(await run(["chat", "--model", "gpt-4o"], JSON.stringify(noDesc)), /function\.description/);
  assertFails(await run(["chat", "--model", "gpt-4o"], '[{"role": "user", "content": 3}]'), /content is not a string/);
  assertFails(await run(["chat"], "[]"), /chat needs --model/);
  assertFails(await run(["chat", "--model", "gpt-4o", "a.json", "b.json"]), /one FILE/);
  assertFails(await run(["chat", "--model", "gpt-4o", join(dir, "missing.json")]), /no such file/);
});

test("tokenizer-explorer chat runs end to end through the shim", () => {
  const r = spawnSync(process.execPath, [join(ROOT, "scripts/tokenizer-explorer.mjs"), "chat", "--model", "gpt-4"], {
    input: JSON.stringify(SIX),
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "129\n");
});
