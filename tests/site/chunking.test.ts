/**
 * Token-aware chunking (/chunking) in Chromium: the chunks of a sample match chunking.ts in
 * Node, Export JSON gives them back, a megabyte document is chunked in the worker while the page
 * keeps answering, nothing leaves 127.0.0.1 and nothing is logged as an error.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { loadEncoding } from "../../src/engine/node.ts";
import { chunkText } from "../../src/lib/chunking.ts";
import { foreignRequests, openSite, type SiteSession } from "./browser.ts";

const TIMEOUT = 60_000;

describe("token-aware chunking in Chromium", { timeout: 10 * TIMEOUT }, () => {
  let site: SiteSession;
  let page: Page;
  const status = () => page.locator(".chunk-status");

  before(async () => {
    site = await openSite("chunking.html", { timeout: TIMEOUT });
    page = site.page;
    await page.goto(`${site.server.origin}/chunking`, { waitUntil: "load" });
  });

  after(async () => {
    await site?.close();
  });

  test("the sample's chunks are chunking.ts's, and Export JSON gives them back", async () => {
    await status().waitFor();
    const text = await page.getByRole("textbox", { name: "Document" }).inputValue();
    const want = chunkText(loadEncoding("o200k_base"), text, { splitter: "recursive", size: 64, overlap: 8 });
    await page.waitForFunction(
      (n) => document.querySelector(".chunk-status")?.textContent?.startsWith(`${n} chunks`),
      want.length,
    );
    const heads = await page.locator(".chunk-head").allTextContents();
    assert.deepEqual(
      heads.map((h) => Number(/(\d+) tokens/.exec(h)![1])),
      want.map((c) => c.tokens),
    );
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export JSON" }).click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as {
      start: number;
      end: number;
      overlap: number;
      tokens: number;
      text: string;
    }[];
    assert.equal(exported.length, want.length);
    assert.equal(
      exported.map((c) => c.text.slice(c.overlap)).join(""),
      text,
      "the chunks without their overlaps join back to the document",
    );
    assert.ok(exported.every((c) => c.tokens <= 64));
  });

  test("fixed windows with overlap: every chunk fits and overlaps are drawn", async () => {
    await page.getByRole("radio", { name: "fixed token windows" }).check();
    await page.getByRole("spinbutton", { name: "Chunk size (tokens)" }).fill("20");
    await page.getByRole("spinbutton", { name: "Overlap (tokens)" }).fill("5");
    await page.getByRole("spinbutton", { name: "Overlap (tokens)" }).press("Enter");
    await page.waitForFunction(() =>
      /chunks of at most 20 o200k_base tokens/.test(document.querySelector(".chunk-status")?.textContent ?? ""),
    );
    const tokens = (await page.locator(".chunk-head").allTextContents()).map((h) => Number(/(\d+) tokens/.exec(h)![1]));
    assert.ok(tokens.length > 5 && tokens.every((n) => n <= 20), tokens.join(","));
    assert.ok((await page.locator(".tok-overlap").count()) > 0, "overlapping text is marked");
    await page.getByRole("spinbutton", { name: "Overlap (tokens)" }).fill("20");
    await page.getByRole("spinbutton", { name: "Overlap (tokens)" }).press("Enter");
    await page.getByRole("alert").filter({ hasText: "must be smaller than the chunk size" }).waitFor();
    await page.getByRole("spinbutton", { name: "Overlap (tokens)" }).fill("5");
    await page.getByRole("spinbutton", { name: "Overlap (tokens)" }).press("Enter");
  });

  test("a megabyte document is chunked in the worker, and the page keeps answering meanwhile", async () => {
    const big = "A paragraph about tokens and chunks, 2026.\n\n".repeat(24_000); // ~1 MB
    await site.browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.server.origin });
    await page.evaluate((t) => navigator.clipboard.writeText(t), big);
    await page.getByRole("textbox", { name: "Document" }).focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Control+V");
    // While the worker chunks, the main thread answers at once.
    const t0 = Date.now();
    assert.equal(await page.evaluate(() => 1 + 1), 2);
    assert.ok(Date.now() - t0 < 2000, "the page did not answer while chunking");
    await page.waitForFunction(
      () => /^[\d,]{4,} chunks/.test(document.querySelector(".chunk-status")?.textContent ?? ""),
      undefined,
      { timeout: TIMEOUT },
    );
    assert.ok((await page.locator(".chunk").count()) <= 60, "only the first chunks are drawn");
  });

  test("nothing left 127.0.0.1 and no console error was logged", () => {
    assert.deepEqual(foreignRequests(site.requests, site.server.origin), []);
    assert.deepEqual(site.consoleErrors, []);
  });
});
