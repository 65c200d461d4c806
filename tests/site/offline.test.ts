/**
 * The built site (dist/) in a real Chromium: it makes no request outside its own origin, logs
 * no console error, and counts tokens exactly as the engine does in Node. `npm test` builds the
 * site before running this file.
 */
import assert from "node:assert/strict";
import {existsSync} from "node:fs";
import {join} from "node:path";
import {after, before, describe, test} from "node:test";
import type {Page} from "playwright-core";
import {loadEncoding} from "../../src/bpe/node.ts";
import {DIST_DIR, launchBrowser, serveStatic, type Browser, type StaticServer} from "./browser.ts";

const TIMEOUT = 60_000;
const XSS = `<img src=x onerror=alert(1)><script>alert(1)</script>`;

const encoding = loadEncoding("o200k_base");

/** What the page's status line should say for `text`, computed by the engine in Node. */
function expectedStatus(text: string): string {
  const n = encoding.encodeOrdinary(text).length;
  return `o200k_base: ${n.toLocaleString("en-US")} ${n === 1 ? "token" : "tokens"}`;
}

/** Wait until the (single) role="status" element says `expected`; fail with what it said instead. */
async function waitForStatus(page: Page, expected: string): Promise<void> {
  try {
    await page.waitForFunction(
      (want) => {
        const all = document.querySelectorAll('[role="status"]');
        return all.length === 1 && all[0]!.textContent === want;
      },
      expected,
      {timeout: TIMEOUT, polling: 50},
    );
  } catch (err) {
    const actual = await page.locator('[role="status"]').allTextContents().catch(() => ["(page gone)"]);
    assert.fail(`status never became ${JSON.stringify(expected)}; role="status" elements say ${JSON.stringify(actual)} (${(err as Error).message.split("\n")[0]})`);
  }
}

describe("the built site, offline, in Chromium", {timeout: 5 * TIMEOUT}, () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    if (!existsSync(join(DIST_DIR, "index.html"))) {
      throw new Error(`${DIST_DIR}index.html is missing: build the site first with \`npm run build\` (\`npm test\` does this for you).`);
    }
    server = await serveStatic(DIST_DIR);
    browser = await launchBrowser();
    browser.context.on("request", (request) => requests.push(request.url()));
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(TIMEOUT);
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(`${msg.text()} (${msg.location().url})`);
    });
    page.on("pageerror", (err) => consoleErrors.push(`uncaught: ${err.message}`));
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`${server.origin}/`, {waitUntil: "load"});
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("GET / shows the engine's token count and IDs for the sample text", async () => {
    const textarea = page.getByRole("textbox", {name: "Text", exact: true});
    const sample = await textarea.inputValue();
    assert.ok(sample.length > 0, "the Text textarea should hold a sample text");
    await waitForStatus(page, expectedStatus(sample));
    const ids = await page.locator(".token-count__ids").textContent();
    assert.equal(ids, encoding.encodeOrdinary(sample).join(", "));
  });

  test("typing into Text updates the count to the engine's count", async () => {
    const textarea = page.getByRole("textbox", {name: "Text", exact: true});
    const text = "The quick brown fox jumps over the lazy dog. Ünïcödé, 東京, emoji 👩‍👩‍👧 and   spaces\n\nend";
    await textarea.fill(text);
    await waitForStatus(page, expectedStatus(text));
    await textarea.pressSequentially(" typed!");
    await waitForStatus(page, expectedStatus(`${text} typed!`));
    await textarea.fill("");
    await waitForStatus(page, expectedStatus(""));
  });

  test("markup typed into Text stays text: no element is injected", async () => {
    const textarea = page.getByRole("textbox", {name: "Text", exact: true});
    await textarea.fill(XSS);
    await waitForStatus(page, expectedStatus(XSS));
    assert.equal(await page.locator("#observablehq-main img").count(), 0, "an <img> was injected into the page");
    assert.equal(await page.locator("#observablehq-main script").count(), 0, "a <script> was injected into the page");
    assert.equal(await page.locator(".token-count__ids").textContent(), encoding.encodeOrdinary(XSS).join(", "));
    await page.waitForTimeout(200); // give an injected onerror handler the chance to fire
    assert.deepEqual(dialogs, [], "a dialog opened: injected markup ran");
  });

  test("the page requested nothing outside its own origin and logged no console error", () => {
    assert.ok(requests.length > 0, "no request was recorded at all");
    const foreign = requests.filter((url) => !url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== server.origin);
    assert.deepEqual(foreign, [], `requests to other origins:\n${foreign.join("\n")}`);
    const injected = requests.filter((url) => new URL(url).pathname === "/x");
    assert.deepEqual(injected, [], "the injected <img src=x> was fetched");
    assert.deepEqual(consoleErrors, []);
  });
});
