/**
 * The vocabulary explorer (/vocabulary) in a real Chromium, against the built site: a linked
 * search finds r50k_base's " SolidGoldMagikarp", facets filter exactly as the search module
 * does in Node, the token card shows siblings and the IDs in other encodings, a bad or
 * catastrophic regex gets a message (and the page recovers), and nothing leaves 127.0.0.1.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { loadEncoding } from "../../src/engine/node.ts";
import { DIGITS, SPACE } from "../../src/lib/token-facets.ts";
import { buildVocabIndex, parseQuery, searchVocab } from "../../src/lib/vocab-search.ts";
import { DIST_DIR, foreignRequests, openSite, type SiteSession, type StaticServer } from "./browser.ts";

const TIMEOUT = 60_000;

async function statusBecomes(page: Page, re: RegExp): Promise<string> {
  const status = page.locator(".vocab-status");
  try {
    await page.waitForFunction(
      (source) => new RegExp(source).test(document.querySelector(".vocab-status")?.textContent ?? ""),
      re.source,
      { timeout: TIMEOUT, polling: 50 },
    );
  } catch {
    assert.fail(
      `the status never matched ${re}; it says ${JSON.stringify(await status.textContent().catch(() => "(gone)"))}`,
    );
  }
  return (await status.textContent()) ?? "";
}

describe("the vocabulary explorer in Chromium", { timeout: 10 * TIMEOUT }, () => {
  let site: SiteSession;
  let server: StaticServer, page: Page;
  let requests: string[], consoleErrors: string[];
  const search = () => page.getByRole("searchbox", { name: "Search tokens" });

  before(async () => {
    site = await openSite("vocabulary.html", { timeout: TIMEOUT });
    ({ server, page, requests, consoleErrors } = site);
  });

  after(async () => {
    await site?.close();
  });

  test("GET /vocabulary?encoding=r50k_base&q=SolidGoldMagikarp lists 43453", async () => {
    await page.goto(`${server.origin}/vocabulary?encoding=r50k_base&q=SolidGoldMagikarp`, { waitUntil: "load" });
    await statusBecomes(page, /^r50k_base: 1 token matches\./);
    assert.equal(await search().inputValue(), "SolidGoldMagikarp");
    const rows = await page.locator(".vl-row").allTextContents();
    assert.deepEqual(rows, ["43453·SolidGoldMagikarp18 bytes"]);
  });

  test("the card of 43453 shows its bytes, siblings and its ID (or none) in every encoding", async () => {
    await page.locator(".vl-row").first().click();
    const card = page.getByRole("region", { name: "Token 43453 of r50k_base" });
    await card.waitFor();
    const text = (await card.textContent()) ?? "";
    assert.match(text, /20 53 6f 6c 69 64 47 6f 6c 64 4d 61 67 69 6b 61 72 70/);
    assert.match(text, /18 bytes, 18 characters/);
    const others = await card
      .locator(".vc-others tr")
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent)));
    assert.deepEqual(Object.fromEntries(others), {
      gpt2: "43453",
      r50k_base: "43453",
      p50k_base: "43453",
      p50k_edit: "43453",
      cl100k_base: "not a single token there",
      o200k_base: "not a single token there",
      o200k_harmony: "not a single token there",
      llama3: "not a single token there",
      qwen3: "not a single token there",
      mixtral_v0_1: "not a single token there",
      "claude_legacy (legacy: not accurate for Claude 3 and later)": "not a single token there",
    });
    const siblings = await card
      .locator(".vc-siblings tr")
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent)));
    assert.deepEqual(
      siblings.find(([t]) => t === "“·SolidGoldMagikarp”"),
      ["“·SolidGoldMagikarp”", "43453"],
    );
    assert.deepEqual(
      siblings.find(([t]) => t === "“SolidGoldMagikarp”"),
      ["“SolidGoldMagikarp”", "not a single token there"],
    );
    await page.waitForFunction(() => location.search.includes("token=43453"));
    const link = await card.getByRole("link", { name: /playground/ }).getAttribute("href");
    assert.equal(link, "./?text=+SolidGoldMagikarp&encoding=r50k_base");
  });

  test('o200k_base: " the" has siblings the, The, The, THE with their IDs', async () => {
    await page.goto(`${server.origin}/vocabulary?encoding=o200k_base&q=290`, { waitUntil: "load" });
    await statusBecomes(page, /^o200k_base: 1 token matches\./);
    await page.locator(".vocab-list").focus();
    await page.keyboard.press("Enter");
    const card = page.getByRole("region", { name: "Token 290 of o200k_base" });
    await card.waitFor();
    const siblings = await card
      .locator(".vc-siblings tr")
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent)));
    assert.deepEqual(siblings, [
      ["“the”", "3086"],
      ["“·the”", "290"],
      ["“The”", "976"],
      ["“·The”", "623"],
      ["“THE”", "27022"],
      ["“·THE”", "5135"],
    ]);
  });

  test("qwen3, an open model: its line says family, size, licence and exact; a search finds what the engine's index finds; its card gives IDs elsewhere", async () => {
    await page.goto(`${server.origin}/vocabulary?encoding=qwen3&q=%20tokenizer`, { waitUntil: "load" });
    const expected = searchVocab(buildVocabIndex(loadEncoding("qwen3")), parseQuery(" tokenizer")).ids;
    assert.ok(expected.length >= 1, 'Qwen3 has tokens containing " tokenizer"');
    await statusBecomes(page, new RegExp(`^qwen3: ${expected.length.toLocaleString("en-US")} tokens? match(es)?\\.`));
    const info = (await page.locator(".encoding-info").first().textContent()) ?? "";
    assert.equal(info, "Qwen · Qwen3 · 151,669 tokens · Apache-2.0 · exact");
    assert.match((await page.locator(".encoding-info .exact-badge").getAttribute("title")) ?? "", /transformers\.js/);
    const ids = (await page.locator(".vl-row .vl-id").allTextContents()).map(Number);
    assert.deepEqual(ids, Array.from(expected).slice(0, ids.length));
    await page.locator(".vl-row").first().click();
    const card = page.getByRole("region", { name: `Token ${expected[0]} of qwen3` });
    await card.waitFor({ timeout: TIMEOUT });
    const others = Object.fromEntries(
      await card
        .locator(".vc-others tr")
        .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent))),
    );
    const bytes = loadEncoding("qwen3").tokenBytes(expected[0]);
    for (const name of ["llama3", "cl100k_base", "o200k_base"]) {
      const id = loadEncoding(name).rank(bytes);
      assert.equal(others[name], id === undefined ? "not a single token there" : String(id), name);
    }
    // Mixtral's pieces are searched as the file writes them too: "▁token" finds what " token" finds.
    const spaced = searchVocab(buildVocabIndex(loadEncoding("mixtral_v0_1")), parseQuery(" token")).ids;
    assert.ok(spaced.length > 0);
    await page.goto(`${server.origin}/vocabulary?encoding=mixtral_v0_1&q=%E2%96%81token`, { waitUntil: "load" });
    await statusBecomes(
      page,
      new RegExp(`^mixtral_v0_1: ${spaced.length.toLocaleString("en-US")} tokens? match(es)?\\.`),
    );
    // The legacy label goes wherever claude_legacy appears, in the picker too.
    const option = await page
      .getByRole("combobox", { name: "Encoding" })
      .locator("option", { hasText: "claude_legacy" })
      .textContent();
    assert.equal(option, "claude_legacy (legacy: not accurate for Claude 3 and later)");
  });

  test("facets filter: r50k_base tokens that start with a space and are digits, as the search module finds them", async () => {
    await page.goto(`${server.origin}/vocabulary?encoding=r50k_base`, { waitUntil: "load" });
    const all = await statusBecomes(page, /^r50k_base: [\d,]+ tokens match\./);
    assert.match(all, /^r50k_base: 50,257 tokens match\. Searched in (under 1|\d+) ms\.$/);
    await page.getByRole("checkbox", { name: "starts with a space" }).check();
    await page.getByRole("checkbox", { name: "digits" }).check();
    const expected = searchVocab(buildVocabIndex(loadEncoding("r50k_base")), parseQuery(""), {
      facets: SPACE | DIGITS,
    }).ids;
    await statusBecomes(page, new RegExp(`^r50k_base: ${expected.length.toLocaleString("en-US")} tokens match\\.`));
    const shown = await page.locator(".vl-row .vl-text").allTextContents();
    assert.ok(shown.length > 10, "rows are drawn");
    for (const t of shown) assert.match(t, /^·\d+$/);
    // Every row is reachable: End scrolls to the last match.
    await page.locator(".vocab-list").focus();
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.getByRole("region", { name: `Token ${expected[expected.length - 1]} of r50k_base` }).waitFor();
    await page.waitForFunction(
      () => location.search.includes("facets=space%2Cdigits") || location.search.includes("facets=space,digits"),
    );
  });

  test("a 200k-row list stays windowed and its last row is reachable by scrolling", async () => {
    await page.goto(`${server.origin}/vocabulary?encoding=o200k_base`, { waitUntil: "load" });
    await statusBecomes(page, /^o200k_base: 200,000 tokens match\./);
    const list = page.locator(".vocab-list");
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForFunction(() => [...document.querySelectorAll(".vl-id")].some((e) => e.textContent === "200018"));
    const rows = await page.locator(".vl-row").count();
    assert.ok(rows < 100, `${rows} rows in the DOM: the list should be windowed`);
  });

  test("an invalid regex gets a message; a catastrophic one is stopped with a message, and search works again", async () => {
    await page.goto(`${server.origin}/vocabulary?encoding=o200k_base`, { waitUntil: "load" });
    await statusBecomes(page, /tokens match/);
    await search().fill("/(unclosed/");
    await statusBecomes(page, /^Not a valid regular expression: /);
    // Whitespace-run tokens (up to 128 spaces) make this try 2^n ways before failing.
    await search().fill("/^(\\s|\\s)*!$/");
    const stopped = await statusBecomes(page, /The search was stopped after/);
    assert.match(stopped, /backtracks catastrophically/);
    await search().fill("SolidGold");
    await statusBecomes(page, /^o200k_base: \d+ tokens? match(es)?\./);
  });

  test("the glitch tokens, charts and the “ the” explainer are drawn from the engine's numbers", async () => {
    await page.goto(`${server.origin}/vocabulary`, { waitUntil: "load" });
    const counts = page.locator("table.glitch-counts tbody tr");
    await counts.first().waitFor();
    const rows = await counts.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
    );
    const o200k = loadEncoding("o200k_base");
    assert.deepEqual(
      rows.find((r) => r[0] === "o200k_base"),
      ["o200k_base", "199,998", "198,436", "1,562", "12"],
    );
    // The first unreachable token of o200k_base, checked against the engine here.
    assert.deepEqual(o200k.encodeOrdinary(" I'"), [357, 6]);
    assert.ok((await page.locator("table.glitch-list").first().textContent())?.includes("357, 6"));
    const anomaly = await page.locator("table.glitch-list tr", { hasText: "SolidGoldMagikarp" }).first().textContent();
    assert.match(anomaly ?? "", /43453/);
    await page.waitForFunction(
      () => document.querySelectorAll("#observablehq-main svg[aria-label]").length >= 4,
      undefined,
      { timeout: TIMEOUT },
    );
    const explainer = page.getByRole("row", { name: /^“·the” \d/ });
    await explainer.waitFor();
    const cells = await explainer.locator("td").allTextContents();
    assert.deepEqual(cells, [
      "“·the”",
      ...["r50k_base", "cl100k_base", "o200k_base"].map((n) => String(loadEncoding(n).encodeOrdinary(" the"))),
    ]);
  });

  test("the page loads the playground's vocabulary assets, the same files: no second copy", () => {
    const bins = [...new Set(requests.map((url) => new URL(url).pathname).filter((p) => p.endsWith(".bin")))];
    assert.ok(
      bins.some((p) => /^\/_file\/data\/vocab\/o200k_base\.[0-9a-f]+\.bin$/.test(p)),
      `asset requests: ${bins.join(", ")}`,
    );
    const playground = readFileSync(join(DIST_DIR, "index.html"), "utf8");
    for (const p of bins) assert.ok(playground.includes(p.slice(1)), `${p} is not the asset the playground uses`);
    assert.equal(
      readdirSync(join(DIST_DIR, "_file/data/vocab")).filter((f) => f.startsWith("o200k_base.")).length,
      1,
      "one o200k_base asset in the build",
    );
  });

  test("nothing left 127.0.0.1 and no console error was logged", () => {
    assert.ok(requests.length > 0);
    const foreign = foreignRequests(requests, server.origin);
    assert.deepEqual(foreign, []);
    assert.deepEqual(consoleErrors, []);
  });
});
