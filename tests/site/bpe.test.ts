/**
 * How BPE works (/bpe) in Chromium: the pieces of each encoding, labelled; choosing a piece and
 * stepping through its merges ends in the playground's tokens; nothing leaves 127.0.0.1.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { loadEncoding } from "../../src/engine/node.ts";
import { foreignRequests, openSite, type SiteSession } from "./browser.ts";

const TIMEOUT = 60_000;

describe("How BPE works, in Chromium", { timeout: 10 * TIMEOUT }, () => {
  let site: SiteSession;
  let page: Page;

  before(async () => {
    site = await openSite("bpe.html", { timeout: TIMEOUT });
    page = site.page;
    await page.goto(`${site.server.origin}/bpe`, { waitUntil: "load" });
  });

  after(async () => {
    await site?.close();
  });

  test("each encoding's pieces are the engine's split, each labelled", async () => {
    const text = "In 2026, I'm parseHTTPResponse\n    x";
    await page.getByRole("textbox", { name: "Text", exact: true }).fill(text);
    for (const [i, name] of ["r50k_base", "cl100k_base", "o200k_base"].entries()) {
      const want = loadEncoding(name)
        .split(text)
        .map((p) => p.text);
      await page.waitForFunction(
        ([n, count]) => document.querySelectorAll(".bpe-split")[n]?.querySelectorAll(".pv-piece").length === count,
        [i, want.length] as const,
        { timeout: TIMEOUT },
      );
      const titles = await page
        .locator(".bpe-split")
        .nth(i)
        .locator(".pv-piece")
        .evaluateAll((bs) => bs.map((b) => b.getAttribute("title")));
      assert.equal(titles.length, want.length);
      assert.ok(
        titles.every((t) => t && !t.startsWith("alternative")),
        `${name}: every piece is labelled`,
      );
    }
    const o200k = await page.locator(".bpe-split").nth(2).locator(".pv-piece").allTextContents();
    assert.deepEqual(o200k.slice(0, 6), ["In", "·", "202", "6", ",", "·I'm"]);
  });

  test("choosing a piece and stepping through its merges ends in the same tokens as encode", async () => {
    await page.locator(".bpe-split").nth(2).locator(".pv-piece", { hasText: "HTTPResponse" }).click();
    await page.getByText("Piece: “HTTPResponse” in o200k_base").waitFor();
    const want = loadEncoding("o200k_base").mergeTrace("HTTPResponse");
    await page.getByText(`0 of ${want.steps.length} merges`).waitFor();
    await page.getByRole("button", { name: "Step ▶" }).click();
    await page.getByText(`1 of ${want.steps.length} merges`).waitFor();
    // The steps' cell redraws after the stepper's label: wait for its first merge.
    const first = await page.locator(".ms-now", { hasText: /^Merge 1: / }).textContent();
    assert.match(first ?? "", new RegExp(`^Merge 1: .* has rank ${want.steps[0].rank}`));
    await page.getByRole("slider", { name: "Merges done" }).fill(String(want.steps.length));
    await page.getByText(`${want.steps.length} of ${want.steps.length} merges`).waitFor();
    // The parts are drawn by the steps' cell, which redraws after the stepper's label.
    await page.locator(`.ms-parts[aria-label="The parts after ${want.steps.length} merges"]`).waitFor();
    const parts = await page.locator(".ms-parts .ms-part").allTextContents();
    assert.equal(parts.length, want.ids.length);
    const status = page.locator("p[role=status]", { hasText: "Final tokens" });
    await status.waitFor();
    assert.equal(
      await status.textContent(),
      `Final tokens: ${want.ids.join(", ")}: the same IDs as the playground's encode gives for this piece.`,
    );
    assert.ok((await page.locator("svg[aria-label^='How the']").count()) === 1, "the merge chart is drawn");
  });

  test("Play runs the merges by itself", async () => {
    await page.getByRole("slider", { name: "Merges done" }).fill("0");
    await page.getByRole("button", { name: "Play" }).click();
    await page.getByText(/^2 of \d+ merges$/).waitFor({ timeout: TIMEOUT });
    await page.getByRole("button", { name: "Pause" }).click();
  });

  test("Train learns merges in a worker: the table, and the text in learned tokens gives the text back", async () => {
    const area = page.getByRole("textbox", { name: "Training text" });
    await area.fill("aaabdaaabac");
    await page.getByRole("slider", { name: "Vocabulary size" }).fill("259");
    await page.getByRole("button", { name: "Train", exact: true }).click();
    await page.locator(".train-status", { hasText: "Learned 3 merges" }).waitFor();
    const rows = await page
      .locator("table.train-merges tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    assert.deepEqual(rows, [
      ["256", "97 + 97", "“aa”", "4"],
      ["257", "256 + 97", "“aaa”", "2"],
      ["258", "257 + 98", "“aaab”", "2"],
    ]);
    const tokens = await page.locator(".train-chip").evaluateAll((cs) => cs.map((c) => c.getAttribute("title")));
    assert.deepEqual(
      tokens,
      ["token 258", "token 100", "token 258", "token 97", "token 99"],
      "minbpe's [258, 100, 258, 97, 99]",
    );
    await page.getByText(/with o200k_base \(200,000 tokens/).waitFor();
  });

  test("Cancel stops a long training", async () => {
    await page
      .getByRole("textbox", { name: "Training text" })
      .fill("The quick brown fox jumps over the lazy dog. ".repeat(3000) + [...Array(3000).keys()].join(" "));
    await page.getByRole("slider", { name: "Vocabulary size" }).fill("4096");
    await page.getByRole("button", { name: "Train", exact: true }).click();
    await page.locator(".train-status", { hasText: "Training" }).waitFor();
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.locator(".train-status", { hasText: "Training cancelled." }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Train", exact: true }).isEnabled(), true);
  });

  test("nothing left 127.0.0.1 and no console error was logged", () => {
    assert.deepEqual(foreignRequests(site.requests, site.server.origin), []);
    assert.deepEqual(site.consoleErrors, []);
  });
});
