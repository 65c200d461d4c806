/**
 * The language tax (/languages) in Chromium, against the built site: the charts draw with data,
 * the search finds Armenian, the table and its CSV agree with the loader, "your own text" counts
 * like tiktoken, nothing leaves 127.0.0.1 and nothing is logged as an error.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { get_encoding } from "tiktoken";
import { loadEncoding } from "../../src/engine/node.ts";
import { foreignRequests, openSite, type SiteSession } from "./browser.ts";

const TIMEOUT = 60_000;

describe("the language tax in Chromium", { timeout: 10 * TIMEOUT }, () => {
  let site: SiteSession;
  let page: Page;

  before(async () => {
    site = await openSite("languages.html", { timeout: TIMEOUT });
    page = site.page;
    await page.goto(`${site.server.origin}/languages`, { waitUntil: "load" });
  });

  after(async () => {
    await site?.close();
  });

  test("the dot plot, the slope chart and the map draw a mark for every language", async () => {
    await page.waitForFunction(() => document.querySelectorAll("#observablehq-main svg").length >= 3, undefined, {
      timeout: TIMEOUT,
    });
    const summary = (await page.locator(".tax-summary").textContent()) ?? "";
    const languages = Number(/^([\d,]+) languages/.exec(summary)![1].replace(/,/g, ""));
    assert.ok(languages > 300, summary);
    const dots = await page.evaluate(() =>
      [...document.querySelectorAll("#observablehq-main figure svg, #observablehq-main > div svg")].map(
        (svg) => svg.querySelectorAll("circle").length,
      ),
    );
    assert.ok(
      dots.includes(languages),
      `circles per chart: ${dots.join(", ")}; the dot plot should have one per language`,
    );
    // The map: one per language the source places (9 unidentified languages have no coordinates).
    assert.ok(
      dots.some((n) => n < languages && n >= languages - 9),
      `circles per chart: ${dots.join(", ")}; the map should have one per placed language`,
    );
    assert.ok(
      (await page.locator("#observablehq-main svg path").count()) > 0,
      "the land outline and the slope chart's links are drawn",
    );
    assert.match(
      summary,
      /Median premium: [\d.]+× in r50k_base, [\d.]+× in cl100k_base, [\d.]+× in o200k_base, [\d.]+× in llama3, [\d.]+× in qwen3, [\d.]+× in mixtral_v0_1, [\d.]+× in claude_legacy \(legacy: not accurate for Claude 3 and later\)/,
    );
  });

  test("the search finds Armenian and shows its counts", async () => {
    await page.getByRole("searchbox", { name: "Find a language" }).fill("Armenian");
    const row = page.locator("table.tax-found tbody tr").first();
    await row.waitFor();
    const cells = await row.locator("td").allTextContents();
    assert.match(cells[0], /Armenian/);
    assert.match(cells.slice(3).join(" "), /\d.*×/);
  });

  test("your own text gets tiktoken's counts in OpenAI's encodings, and the engine's in the open models'", async () => {
    const text = "Բոլոր մարդիկ ծնվում են ազատ ու հավասար";
    await page.getByRole("textbox", { name: "Your text" }).fill(text);
    const openai = (["r50k_base", "cl100k_base", "o200k_base"] as const).map((name) => {
      const enc = get_encoding(name);
      try {
        return enc.encode_ordinary(text).length;
      } finally {
        enc.free();
      }
    });
    // The open models' counts in Node (tests/engine/hf-tokenizer.test.ts: exact against transformers.js).
    const open = ["llama3", "qwen3", "mixtral_v0_1", "claude_legacy"].map(
      (name) => loadEncoding(name).encodeOrdinary(text).length,
    );
    const expected = [...openai, ...open].map((n) => n.toLocaleString("en-US"));
    await page.waitForFunction(
      (want) =>
        JSON.stringify(
          [...document.querySelectorAll("table.tax-own tbody tr:first-child td")].slice(1).map((td) => td.textContent),
        ) === JSON.stringify(want),
      expected,
      { timeout: TIMEOUT },
    );
  });

  test("picking Armenian's Article 1 shows its tokens and its premium on that article", async () => {
    await page.getByRole("combobox", { name: "Or Article 1 in" }).selectOption({ label: "Armenian (hye)" });
    await page.waitForFunction(() =>
      [...document.querySelectorAll("table.tax-own tbody tr")].some((tr) =>
        tr.textContent?.startsWith("premium on Article 1"),
      ),
    );
    const premiums = await page
      .locator("table.tax-own tbody tr", { hasText: "premium on Article 1" })
      .locator("td")
      .allTextContents();
    const [cl100k, o200k] = [Number(premiums[2].replace("×", "")), Number(premiums[3].replace("×", ""))];
    assert.ok(cl100k > 5 && o200k < 3, `Armenian Article 1: cl100k_base ${cl100k}×, o200k_base ${o200k}×`);
    await page.getByRole("combobox", { name: "Or Article 1 in" }).selectOption({ index: 0 });
  });

  test("the CSV link downloads the loader's table", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the table as CSV" }).click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    assert.match(
      csv.split("\n")[0],
      /^code,name,script,chars,bytes,words,r50k_base,r50k_base_premium,cl100k_base,cl100k_base_premium,o200k_base,o200k_base_premium/,
    );
    assert.match(csv, /\neng,English,Latin,/);
  });

  test("nothing left 127.0.0.1 and no console error was logged", () => {
    assert.deepEqual(foreignRequests(site.requests, site.server.origin), []);
    assert.deepEqual(site.consoleErrors, []);
  });
});
