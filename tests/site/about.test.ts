/**
 * /about in Chromium: it names every open-model tokenizer and its licence, shows the
 * attributions the Llama licences require, and links the licence texts, which ship with the
 * built site byte for byte as they are in data/open-models/notices/.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { foreignRequests, openSite, type SiteSession } from "./browser.ts";

const TIMEOUT = 60_000;
const NOTICES = new URL("../../data/open-models/notices/", import.meta.url);

describe("/about in Chromium", { timeout: 5 * TIMEOUT }, () => {
  let site: SiteSession;

  before(async () => {
    site = await openSite("about.html", { timeout: TIMEOUT });
    await site.page.goto(`${site.server.origin}/about`, { waitUntil: "load" });
  });

  after(async () => {
    await site?.close();
  });

  test('it shows "Built with Meta Llama 3", "Built with Llama" and the legacy label of Claude\'s tokenizer', async () => {
    const main = (await site.page.locator("#observablehq-main").textContent()) ?? "";
    for (const phrase of [
      "Built with Meta Llama 3.",
      "Built with Llama.",
      "legacy: not accurate for Claude 3 and later",
      "llama3",
      "qwen3",
      "claude_legacy",
      "mixtral_v0_1",
      "o200k_harmony",
    ]) {
      assert.ok(main.includes(phrase), phrase);
    }
  });

  test("each licence text it links is served from the site, byte for byte the file in data/open-models/notices/", async () => {
    const links = site.page.locator("ul.notices a");
    await links.first().waitFor({ timeout: TIMEOUT });
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    assert.equal(hrefs.length, 7);
    for (const href of hrefs) {
      assert.ok(href.startsWith(site.server.origin + "/_file/data/notices/"), href);
      const name = /\/([A-Z0-9_.-]+?)\.[0-9a-f]{8}\.txt$/.exec(new URL(href).pathname)?.[1];
      assert.ok(name, href);
      const response = await fetch(href);
      assert.equal(response.status, 200, href);
      const served = Buffer.from(await response.arrayBuffer());
      const source = [`${name}.txt`, `${name}.md`]
        .map((f) => new URL(f, NOTICES))
        .map((u) => {
          try {
            return readFileSync(u);
          } catch {
            return undefined;
          }
        })
        .find(Boolean);
      assert.ok(source && served.equals(source), `${name}: served file differs from data/open-models/notices/`);
    }
  });

  test("nothing left 127.0.0.1 and no console error was logged", () => {
    assert.deepEqual(foreignRequests(site.requests, site.server.origin), []);
    assert.deepEqual(site.consoleErrors, []);
  });
});
