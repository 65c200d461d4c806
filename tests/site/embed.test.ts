/**
 * The embeds, from another origin: a host page served on a second localhost port imports
 * /embed/tokens.js from the site, renders token views and the <token-view> element, and gets
 * tiktoken's counts; the host's CSS does not change the widgets; a bad attribute shows a
 * message; nothing leaves 127.0.0.1 and nothing is logged as an error.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { loadEncoding } from "../../src/engine/node.ts";
import { get_encoding, type TiktokenEncoding } from "tiktoken";
import { DIST_DIR, foreignRequests, launchBrowser, serveStatic, type Browser, type StaticServer } from "./browser.ts";

const TIMEOUT = 60_000;
const oracle = (name: TiktokenEncoding, text: string) => {
  const enc = get_encoding(name);
  try {
    return enc.encode_ordinary(text).length;
  } finally {
    enc.free();
  }
};

const FRAME_TEXT = "An iframe view: 2026, naïve café, 東京";

/** A host page whose CSS tries hard to restyle everything, importing the site's modules. */
const hostPage = (site: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>host</title>
<style>
  * { color: rgb(255, 0, 0) !important; font-family: serif !important; letter-spacing: 3px !important; }
  body { font-size: 40px; background: yellow; }
  span, p, div { border: 5px solid lime !important; }
</style>
<script type="module" src="${site}/embed/token-view.js"></script>
</head><body>
<p class="host-text">Host text</p>
<div id="module-view"></div>
<div id="comparison"></div>
<token-view id="element" encoding="cl100k_base" whitespace>
    Hello <b>world</b> &amp; 東京
</token-view>
<token-view id="bad" encoding="o300k">x</token-view>
<iframe id="frame" src="${site}/embed/view?text=${encodeURIComponent(FRAME_TEXT)}&encoding=o200k_base,cl100k_base&view=compare" title="tokens" style="width: 100%; height: 150px; border: 0"></iframe>
<script>
  addEventListener("message", (event) => {
    if (event.origin !== ${JSON.stringify(site)} || event.data?.type !== "tokenizer-explorer:height") return;
    for (const frame of document.querySelectorAll("iframe")) if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";
  });
</script>
<script type="module">
  import {renderTokens, renderComparison, countTokens} from "${site}/embed/tokens.js";
  const a = renderTokens("Tokenizers split text: 2026, naïve café 👋🏽", {encoding: "o200k_base"});
  document.querySelector("#module-view").append(a);
  const b = renderComparison("Tokenizers split text: 2026, naïve café 👋🏽", {encodings: ["o200k_base", "cl100k_base", "r50k_base"]});
  document.querySelector("#comparison").append(b);
  window.embedDone = Promise.all([a.ready, b.ready, countTokens("hello world", {encoding: "cl100k_base"})]).then(([, , n]) => n);
</script>
</body></html>`;

describe("embeds on another origin, in Chromium", { timeout: 10 * TIMEOUT }, () => {
  let site: StaticServer, host: StaticServer, browser: Browser, page: Page, dir: string;
  const requests: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    site = await serveStatic(DIST_DIR, { cors: true });
    dir = mkdtempSync(join(tmpdir(), "tokenizer-explorer-host-"));
    writeFileSync(join(dir, "index.html"), hostPage(site.origin));
    host = await serveStatic(dir);
    assert.notEqual(host.origin, site.origin);
    browser = await launchBrowser();
    browser.context.on("request", (r) => requests.push(r.url()));
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(TIMEOUT);
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(`${msg.text()} (${msg.location().url})`);
    });
    page.on("pageerror", (err) => consoleErrors.push(`uncaught: ${err.message}`));
    await page.goto(`${host.origin}/`, { waitUntil: "load" });
  });

  after(async () => {
    await browser?.close();
    await host?.close();
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("import {renderTokens, renderComparison, countTokens} from another origin gives tiktoken's counts", async () => {
    const n = await page.evaluate(() => (window as unknown as { embedDone: Promise<number> }).embedDone);
    assert.equal(n, oracle("cl100k_base", "hello world"));
    const text = "Tokenizers split text: 2026, naïve café 👋🏽";
    const statusOf = (selector: string) =>
      page.evaluate(
        (s) =>
          [...document.querySelector(s)!.firstElementChild!.shadowRoot!.querySelectorAll("[role=status]")].map(
            (e) => e.firstChild!.textContent,
          ),
        selector,
      );
    assert.deepEqual(await statusOf("#module-view"), [`o200k_base: ${oracle("o200k_base", text)} tokens`]);
    assert.deepEqual(
      await statusOf("#comparison"),
      (["o200k_base", "cl100k_base", "r50k_base"] as const).map((e) => `${e}: ${oracle(e, text)} tokens`),
    );
  });

  test("<token-view encoding=cl100k_base whitespace> reads its content as text, dedented, and counts it", async () => {
    await page.waitForFunction(() => document.querySelector("#element")?.shadowRoot?.querySelector("[role=status]"));
    const status = await page.evaluate(
      () => document.querySelector("#element")!.shadowRoot!.querySelector("[role=status]")!.firstChild!.textContent,
    );
    assert.equal(status, `cl100k_base: ${oracle("cl100k_base", "Hello world & 東京")} tokens`);
    const chips = await page.evaluate(
      () => document.querySelector("#element")!.shadowRoot!.querySelector(".tc-scroll")!.textContent,
    );
    assert.match(chips ?? "", /Hello·world·&·/, "whitespace markers are on");
    // Changing an attribute redraws.
    await page.evaluate(() => document.querySelector("#element")!.setAttribute("encoding", "r50k_base"));
    await page.waitForFunction(() =>
      document
        .querySelector("#element")!
        .shadowRoot!.querySelector("[role=status]")
        ?.textContent?.startsWith("r50k_base"),
    );
  });

  test('the embeds load an open model\'s asset from the site too: countTokens(…, {encoding: "llama3"}), <token-view encoding=claude_legacy> with its legacy label', async () => {
    const text = "Hello world & 東京";
    const n = await page.evaluate(
      async ([origin, t]) => (await import(`${origin}/embed/tokens.js`)).countTokens(t, { encoding: "llama3" }),
      [site.origin, text] as const,
    );
    assert.equal(n, loadEncoding("llama3").encodeOrdinary(text).length);
    await page.evaluate(() => document.querySelector("#element")!.setAttribute("encoding", "claude_legacy"));
    await page.waitForFunction(() =>
      document
        .querySelector("#element")!
        .shadowRoot!.querySelector("[role=status]")
        ?.textContent?.startsWith("claude_legacy"),
    );
    const status = await page.evaluate(
      () => document.querySelector("#element")!.shadowRoot!.querySelector("[role=status]")!.firstChild!.textContent,
    );
    assert.equal(
      status,
      `claude_legacy (legacy: not accurate for Claude 3 and later): ${loadEncoding("claude_legacy").encodeOrdinary(text).length} tokens`,
    );
  });

  test("the iframe view /embed/view?view=compare shows each encoding's count and sizes its iframe", async () => {
    const frame = page.frames().find((f) => f.url().startsWith(`${site.origin}/embed/view`));
    assert.ok(frame, "the iframe loaded the view");
    await frame.waitForFunction(
      () =>
        document.querySelectorAll(".tokenizer-explorer-embed").length === 1 &&
        document.querySelector(".tokenizer-explorer-embed")!.shadowRoot!.querySelectorAll("[role=status]").length === 2,
    );
    const statuses = await frame.evaluate(() =>
      [...document.querySelector(".tokenizer-explorer-embed")!.shadowRoot!.querySelectorAll("[role=status]")].map(
        (e) => e.firstChild!.textContent,
      ),
    );
    assert.deepEqual(
      statuses,
      (["o200k_base", "cl100k_base"] as const).map((e) => `${e}: ${oracle(e, FRAME_TEXT)} tokens`),
    );
    assert.equal(
      await frame.evaluate(() =>
        document.querySelector("#observablehq-header, #observablehq-sidebar, #observablehq-footer"),
      ),
      null,
      "no site chrome",
    );
    await page.waitForFunction(() => document.querySelector<HTMLElement>("#frame")!.style.height !== "150px");
  });

  test("a bad attribute shows a message inside the widget, not a blank box", async () => {
    await page.waitForFunction(() => document.querySelector("#bad")?.shadowRoot?.querySelector(".te-error"));
    const message = await page.evaluate(
      () => document.querySelector("#bad")!.shadowRoot!.querySelector(".te-error")!.textContent,
    );
    assert.match(message ?? "", /^Unknown encoding "o300k": use one of gpt2, r50k_base, /);
  });

  test("the host page's CSS does not change the widgets, and the widgets' CSS does not touch the host", async () => {
    const styles = await page.evaluate(() => {
      const chip = document.querySelector("#element")!.shadowRoot!.querySelector<HTMLElement>(".tc-chip")!;
      const s = getComputedStyle(chip);
      const hostText = getComputedStyle(document.querySelector(".host-text")!);
      return {
        color: s.color,
        font: s.fontFamily,
        spacing: s.letterSpacing,
        border: s.borderTopWidth,
        hostColor: hostText.color,
        hostBorder: hostText.borderTopWidth,
      };
    });
    assert.notEqual(styles.color, "rgb(255, 0, 0)");
    assert.doesNotMatch(styles.font, /^serif$/);
    assert.equal(styles.spacing, "normal");
    assert.notEqual(styles.border, "5px");
    assert.equal(styles.hostColor, "rgb(255, 0, 0)", "the host's own styles still apply to the host");
    assert.equal(styles.hostBorder, "5px");
  });

  test("/embed/view?view=vocab-card&token=290 shows the card; a bad view, token or encoding shows a message", async () => {
    const other = await browser.context.newPage();
    try {
      await other.goto(`${site.origin}/embed/view?encoding=o200k_base&view=vocab-card&token=290`);
      const card = other.getByRole("region", { name: "Token 290 of o200k_base" });
      await card.waitFor();
      assert.match((await card.textContent()) ?? "", /20 74 68 65/);
      const link = card.getByRole("link", { name: /playground/ });
      assert.equal(await link.getAttribute("href"), `${site.origin}/?text=+the&encoding=o200k_base`);
      assert.equal(await link.getAttribute("target"), "_blank");
      for (const [query, message] of [
        ["view=vocab-card&token=abc", /Give the token's ID as a whole number/],
        ["view=vocab-card&token=199998", /o200k_base has no token 199998/],
        ["view=bogus", /Unknown view "bogus": use chips, ids, compare or vocab-card\./],
        ["text=hi&encoding=o300k", /Unknown encoding "o300k"/],
      ] as const) {
        await other.goto(`${site.origin}/embed/view?${query}`);
        await other.waitForFunction(
          () =>
            document.querySelector(".te-error") ??
            document.querySelector(".tokenizer-explorer-embed")?.shadowRoot?.querySelector(".te-error"),
        );
        const text = await other.evaluate(
          () =>
            (document.querySelector(".te-error") ??
              document.querySelector(".tokenizer-explorer-embed")!.shadowRoot!.querySelector(".te-error"))!.textContent,
        );
        assert.match(text ?? "", message, query);
      }
    } finally {
      await other.close();
    }
  });

  test("the /embed page: live examples count like tiktoken, and the generator's preview and snippets follow its inputs", async () => {
    const docs = await browser.context.newPage();
    const errors: string[] = [];
    docs.on("pageerror", (err) => errors.push(err.message));
    docs.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
    try {
      await docs.goto(`${site.origin}/embed`);
      const demo = "Why does “ the” differ from “the”?";
      await docs.getByText(`= ${oracle("o200k_base", demo)}.`).waitFor();
      await docs.waitForFunction(() =>
        [...document.querySelectorAll("token-view")].every((e) => e.shadowRoot?.querySelector("[role=status]")),
      );
      const live = await docs.evaluate(
        () => document.querySelector("token-view")!.shadowRoot!.querySelector("[role=status]")!.firstChild!.textContent,
      );
      assert.equal(
        live,
        `cl100k_base: ${oracle("cl100k_base", "Hello <b>world</b>! 2026")} tokens`,
        "the escaped markup is counted as text",
      );
      await docs.getByRole("textbox", { name: "Text to embed" }).fill("snippet test");
      const iframe = docs.getByRole("textbox", { name: "An iframe (no script of ours on your page)" });
      await docs.waitForFunction(() =>
        (document.querySelector<HTMLTextAreaElement>('textarea[aria-label^="An iframe"]')?.value ?? "").includes(
          "text=snippet+test",
        ),
      );
      assert.match(await iframe.inputValue(), /embed\/view\?text=snippet\+test&amp;encoding=o200k_base&amp;view=chips/);
      const preview = docs.frameLocator("iframe.embed-preview");
      await docs.waitForFunction(() =>
        document.querySelector<HTMLIFrameElement>("iframe.embed-preview")!.src.includes("text=snippet+test"),
      );
      await preview.locator(".tokenizer-explorer-embed").waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await docs.close();
    }
  });

  test("nothing left 127.0.0.1, the markup in the content stayed text, and no error was logged", async () => {
    assert.ok(requests.some((u) => u.startsWith(site.origin)) && requests.some((u) => u.startsWith(host.origin)));
    const elsewhere = requests.filter(
      (u) => !u.startsWith("data:") && !u.startsWith("blob:") && new URL(u).hostname !== "127.0.0.1",
    );
    assert.deepEqual(elsewhere, []);
    assert.ok(
      foreignRequests(requests, host.origin).every((u) => u.startsWith(site.origin)),
      "only the host and the site were asked",
    );
    const injected = await page.evaluate(
      () => document.querySelector("#element")!.shadowRoot!.querySelectorAll("b").length,
    );
    assert.equal(injected, 0);
    assert.deepEqual(consoleErrors, []);
  });
});
