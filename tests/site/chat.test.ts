/**
 * What a chat request costs (/chat) in Chromium: each model's count equals the CLI's for the
 * same request body (the cookbook's example first: 129 for gpt-4, 124 for gpt-4o), an edited
 * request is counted again, bad JSON gets its line and column while the text stays in the box,
 * nothing leaves 127.0.0.1 and nothing is logged as an error.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { main, type CliIO } from "../../scripts/cli.ts";
import { foreignRequests, openSite, type SiteSession } from "./browser.ts";

const TIMEOUT = 60_000;
const MODELS = ["gpt-4", "gpt-4o", "llama-3.1", "qwen3"];

/** `tokenizer-explorer chat --model MODEL` on `body`, in process: the count it prints. */
async function cliCount(model: string, body: string): Promise<number> {
  let out = "";
  const io: CliIO = {
    readStdin: async () => body,
    stdout: (chunk) => void (out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")),
    stderr: () => {},
    isTTY: false,
  };
  assert.equal(await main(["chat", "--model", model], io), 0, `the CLI counts ${model}`);
  return Number(out.trim());
}

describe("/chat in Chromium", { timeout: 10 * TIMEOUT }, () => {
  let site: SiteSession;
  let page: Page;
  const box = () => page.getByRole("textbox", { name: "Request" });

  /** The page's "model: N tokens" lines, once every chosen model has answered for `body`. */
  async function pageCounts(body: string): Promise<string[]> {
    const want = await Promise.all(MODELS.map(async (m) => `${m}: ${await cliCount(m, body)} tokens`));
    await page.waitForFunction(
      (lines) => {
        const got = Array.from(document.querySelectorAll(".chat-total"), (e) => e.textContent);
        return lines.every((line, i) => got[i] === line);
      },
      want,
      { timeout: TIMEOUT },
    );
    return want;
  }

  before(async () => {
    site = await openSite("chat.html", { timeout: TIMEOUT });
    page = site.page;
    await page.goto(`${site.server.origin}/chat`, { waitUntil: "load" });
  });

  after(async () => {
    await site?.close();
  });

  test("the cookbook's example: each model's count is the CLI's (gpt-4 129, gpt-4o 124, as OpenAI's API counted)", async () => {
    await page.locator(".chat-total").first().waitFor();
    const body = await box().inputValue();
    const lines = await pageCounts(body);
    assert.equal(lines[0], "gpt-4: 129 tokens");
    assert.equal(lines[1], "gpt-4o: 124 tokens");
    assert.equal(await page.locator(".chat-prompt .exact-badge").count(), 4);
  });

  test("gpt-4o's context window and input cost, from gpt-tokenizer's catalog, and a price the reader types", async () => {
    const panel = page.locator(".chat-prompt").nth(1);
    assert.equal(
      await panel.locator(".chat-window").textContent(),
      "124 of 128,000 tokens (0.1%); 127,876 left for the reply (at most 16,384)",
    );
    assert.equal(await panel.locator(".chat-cost-value").textContent(), "input: $0.001240");
    await panel.getByRole("spinbutton", { name: "Input price, US dollars per million tokens" }).fill("2.5");
    assert.equal(await panel.locator(".chat-cost-value").textContent(), "input: $0.0003100");
    assert.match(
      (await panel.locator(".chat-context").textContent()) ?? "",
      /gpt-tokenizer \d+\.\d+\.\d+'s model catalog; prices change/,
    );
    const llama = page.locator(".chat-prompt").nth(2);
    assert.equal(await llama.locator(".chat-window").textContent(), "No context window given by its files.");
  });

  test("an edited request is counted again, equal to the CLI's, with a row per message", async () => {
    const body = JSON.stringify([
      { role: "system", content: "Réponds en français, brièvement." },
      { role: "user", content: "  東京の天気は？ <|endoftext|>  " },
      { role: "assistant", content: "" },
      { role: "user", content: "def f(x):\n    return x * 2" },
    ]);
    await box().fill(body);
    await pageCounts(body);
    const rows = await page.locator(".chat-prompt").first().locator(".chat-breakdown tbody tr").count();
    assert.equal(rows, 4 + 1, "four messages and the reply priming");
  });

  test("bad JSON gets its line and column, and the text stays in the box", async () => {
    const bad = '{\n  "messages": [\n    {"role": "user", "content": "hi"},,\n  ]\n}';
    await box().fill(bad);
    const alert = page.locator(".chat-error[role=alert]");
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? "", /line 3, column \d+/);
    assert.equal(await box().inputValue(), bad);
  });

  test("nothing leaves 127.0.0.1, and nothing is logged as an error", () => {
    assert.deepEqual(foreignRequests(site.requests, site.server.origin), []);
    assert.deepEqual(site.consoleErrors, []);
  });
});
