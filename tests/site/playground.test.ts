/**
 * The playground (/) in a real Chromium, against the built site: counts equal tiktoken's
 * WASM build, side by side works, decode reports bad entries and decodes the rest, a
 * permalink reproduces the view, markup stays text, a megabyte paste is counted exactly
 * without freezing the page, and nothing leaves 127.0.0.1. `npm test` builds dist/ first.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { get_encoding } from "tiktoken";
import { loadEncoding } from "../../src/engine/node.ts";
import { FLAG_CUT_DIFFERS, markCutDifferences, tokenTable } from "../../src/lib/token-table.ts";
import { foreignRequests, openSite, type Browser, type SiteSession, type StaticServer } from "./browser.ts";

const TIMEOUT = 60_000;
const XSS = `<img src=x onerror=alert(1)><script>alert(1)</script>`;

/** tiktoken's own count (WASM build), special-token text read as plain text. */
function oracleCount(name: "o200k_base" | "cl100k_base" | "r50k_base", text: string): number {
  const enc = get_encoding(name);
  try {
    return enc.encode_ordinary(text).length;
  } finally {
    enc.free();
  }
}
const status = (name: string, n: number) => `${name}: ${n.toLocaleString("en-US")} ${n === 1 ? "token" : "tokens"}`;

/** Wait until the role="status" token counts are exactly `expected`; fail with what they said. */
async function waitForStatuses(page: Page, expected: string[], timeout = TIMEOUT): Promise<void> {
  try {
    await page.waitForFunction(
      (want) => {
        const got = [...document.querySelectorAll(".token-status[role=status]")].map((e) => e.textContent);
        return JSON.stringify(got) === JSON.stringify(want);
      },
      expected,
      { timeout, polling: 50 },
    );
  } catch (err) {
    const actual = await page
      .locator(".token-status[role=status]")
      .allTextContents()
      .catch(() => ["(page gone)"]);
    assert.fail(
      `statuses never became ${JSON.stringify(expected)}; they say ${JSON.stringify(actual)} (${(err as Error).message.split("\n")[0]})`,
    );
  }
}

describe("the playground in Chromium", { timeout: 10 * TIMEOUT }, () => {
  let site: SiteSession;
  let server: StaticServer, browser: Browser, page: Page;
  let requests: string[], consoleErrors: string[], dialogs: string[];
  const text = () => page.getByRole("textbox", { name: "Text", exact: true });

  before(async () => {
    site = await openSite("index.html", { timeout: TIMEOUT });
    ({ server, browser, page, requests, consoleErrors, dialogs } = site);
    await page.goto(`${server.origin}/`, { waitUntil: "load" });
  });

  after(async () => {
    await site?.close();
  });

  test("GET / counts the sample exactly as tiktoken does", async () => {
    const sample = await text().inputValue();
    assert.match(sample, /👋🏽/, "the sample has an emoji with a skin tone");
    await waitForStatuses(page, [status("o200k_base", oracleCount("o200k_base", sample))]);
    // The head's script started the worker before Framework's modules loaded, and the first
    // cell adopted it: one worker, and one request for the vocabulary.
    const vocabRequests = requests.filter((url) => /\/o200k_base\.[0-9a-f]+\.bin$/.test(new URL(url).pathname));
    assert.equal(vocabRequests.length, 1, `o200k_base.bin was requested ${vocabRequests.length} times`);
    const bootUrl = await page.evaluate(
      () => (window as unknown as { tokenizerBoot?: { url: string } }).tokenizerBoot?.url,
    );
    assert.match(
      bootUrl ?? "",
      /\/tokenizer-worker\.[0-9a-f]+\.js#.*preload=o200k_base/,
      "the head script started no worker",
    );
    assert.deepEqual(
      page.workers().map((w) => w.url()),
      [bootUrl],
      "the playground runs one worker, the one its head started",
    );
  });

  test("the counts table gives tokens, code points, graphemes, UTF-16 units and UTF-8 bytes of the text", async () => {
    const sample = await text().inputValue();
    const fmt = (n: number) => n.toLocaleString("en-US");
    const graphemes = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(sample)].length;
    const expected = [
      "o200k_base",
      fmt(oracleCount("o200k_base", sample)),
      fmt([...sample].length),
      fmt(graphemes),
      fmt(sample.length),
      fmt(Buffer.byteLength(sample)),
    ];
    await page
      .waitForFunction(
        (want) => {
          const cells = [...document.querySelectorAll("table.counts tbody tr:first-child td")].map(
            (td) => td.textContent,
          );
          return JSON.stringify(cells.slice(0, want.length)) === JSON.stringify(want);
        },
        expected,
        { timeout: TIMEOUT, polling: 50 },
      )
      .catch(async () => {
        assert.fail(
          `counts table row: ${JSON.stringify(await page.locator("table.counts tbody tr").first().locator("td").allTextContents())}, expected ${JSON.stringify(expected)}`,
        );
      });
  });

  test("typing prose, code and several languages updates the count to tiktoken's", async () => {
    for (const t of [
      "The quick brown fox jumps over the lazy dog.",
      "def f(x):\n\tif x:\n        return [i ** 2 for i in range(10)]  # squares\n",
      "Все люди рождаются свободными. 人人生而自由。 كل الناس أحرار. सभी मनुष्य स्वतंत्र हैं। ทุกคนเกิดมาเป็นอิสระ",
      "",
    ]) {
      await text().fill(t);
      await waitForStatuses(page, [status("o200k_base", oracleCount("o200k_base", t))]);
    }
    await text().fill("Typed ");
    await text().pressSequentially("one key at a time");
    await waitForStatuses(page, [status("o200k_base", oracleCount("o200k_base", "Typed one key at a time"))]);
  });

  test("lone surrogates, NUL and bidi overrides are counted as tiktoken counts them and shown visibly", async () => {
    // Built inside the page: a lone surrogate would not survive the trip through the protocol.
    const t = "a\u0000b \u202Eevil\u202C and \uD800 lone, \uDFFF too";
    await page.evaluate(() => {
      const ta = document.querySelector("textarea") as HTMLTextAreaElement;
      ta.value = `a${String.fromCharCode(0)}b ${String.fromCharCode(0x202e)}evil${String.fromCharCode(0x202c)} and ${String.fromCharCode(0xd800)} lone, ${String.fromCharCode(0xdfff)} too`;
      ta.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await waitForStatuses(page, [status("o200k_base", oracleCount("o200k_base", t))]);
    const shown = await page.locator(".panel .tc-scroll").first().textContent();
    for (const marker of ["␀", "⟨U+202E⟩", "⟨D800⟩", "⟨DFFF⟩"])
      assert.ok(shown?.includes(marker), `${marker} is not shown in ${JSON.stringify(shown)}`);
    assert.ok(!shown?.includes("\uFFFD"), "a replacement character is shown");
    assert.ok(!shown?.includes("\u202E"), "the bidi override itself is in the page, reordering the text");
  });

  test("side by side: ticking cl100k_base and typing a model name show each encoding's count", async () => {
    const t = "Tokenizers compare: 2026, naïve café, 東京タワー";
    await text().fill(t);
    await page.getByRole("checkbox", { name: "cl100k_base" }).check();
    await waitForStatuses(page, [
      status("cl100k_base", oracleCount("cl100k_base", t)),
      status("o200k_base", oracleCount("o200k_base", t)),
    ]);
    // Where they cut differently is counted and marked, as markCutDifferences finds in Node.
    const tables = [tokenTable(loadEncoding("cl100k_base"), t), tokenTable(loadEncoding("o200k_base"), t)];
    const cuts = markCutDifferences(tables);
    assert.ok(
      cuts.differing > 0 && cuts.differing < cuts.spans,
      `this text should show some differences: ${JSON.stringify(cuts)}`,
    );
    await page.waitForFunction(
      (want) => document.querySelector(".cuts-notice")?.textContent?.startsWith(want),
      `The encodings cut ${cuts.differing} of ${cuts.spans} spans of the text differently`,
    );
    // Each chip is underlined exactly when its token is flagged (tokens that share a character
    // are one group, underlined when any of them is).
    const chips = await page
      .locator(".panel")
      .evaluateAll((panels) =>
        panels.map((p) =>
          [...p.querySelectorAll<HTMLElement>(".tc-chip")].map(
            (c) => [Number(c.dataset.k), c.classList.contains("tc-diff")] as const,
          ),
        ),
      );
    chips.forEach((list, i) => {
      assert.ok(list.length > 0);
      for (const [k, underlined] of list)
        assert.equal(underlined, Boolean(tables[i].flags[k] & FLAG_CUT_DIFFERS), `${tables[i].encoding} token ${k}`);
    });
    assert.ok(
      (await page.locator(".panel .tc-ghead.tc-diff").count()) > 0,
      "no group of tokens within a character is underlined",
    );
    await page.getByRole("combobox", { name: "Model" }).fill("davinci");
    await page.getByRole("combobox", { name: "Model" }).press("Enter");
    await waitForStatuses(page, [
      status("r50k_base", oracleCount("r50k_base", t)),
      status("cl100k_base", oracleCount("cl100k_base", t)),
      status("o200k_base", oracleCount("o200k_base", t)),
    ]);
    assert.equal(await page.locator(".panel").count(), 3);
    await page.getByRole("checkbox", { name: "r50k_base" }).uncheck();
    await page.getByRole("checkbox", { name: "cl100k_base" }).uncheck();
    await waitForStatuses(page, [status("o200k_base", oracleCount("o200k_base", t))]);
  });

  test("open models: llama3, qwen3 and claude_legacy are fetched only when ticked, count as the engine does, and show family, size, licence and the exact badge", async () => {
    const t = "Open models compare: naïve café, ½ ﬁ, 東京タワー, <|endoftext|> as text";
    await text().fill(t);
    const assetRequests = (name: string) =>
      requests.filter((url) => new RegExp(`/${name}\\.[0-9a-f]+\\.bin$`).test(new URL(url).pathname)).length;
    const OPEN = ["llama3", "qwen3", "claude_legacy"];
    for (const name of OPEN) assert.equal(assetRequests(name), 0, `${name} was fetched before it was chosen`);
    for (const name of OPEN) await page.getByRole("checkbox", { name }).check();
    try {
      // The engine in Node, which tests/engine/hf-tokenizer.test.ts holds exact against transformers.js.
      const count = (name: string) => loadEncoding(name).encodeOrdinary(t).length;
      await waitForStatuses(page, [
        status("o200k_base", oracleCount("o200k_base", t)),
        status("llama3", count("llama3")),
        status("qwen3", count("qwen3")),
        `${status("claude_legacy", count("claude_legacy"))} (legacy: not accurate for Claude 3 and later)`,
      ]);
      for (const name of OPEN) assert.equal(assetRequests(name), 1, `${name}.bin requests`);
      const lines = await page.locator(".panel .encoding-info").allTextContents();
      assert.deepEqual(lines, [
        "OpenAI · GPT-4o, GPT-4.1, GPT-5, o1, o3, o4-mini · 200,019 tokens · MIT (tiktoken) · exact",
        "Meta Llama · Llama 3, 3.1 (one vocabulary) · 128,256 tokens · Meta Llama 3 / Llama 3.1 Community License · exact",
        "Qwen · Qwen3 · 151,669 tokens · Apache-2.0 · exact",
        "Anthropic · Claude 2.1 and older · 65,000 tokens · MIT (Anthropic tokenizer) · exact · legacy: not accurate for Claude 3 and later",
      ]);
      // Every token is drawn: a chip each, or in a group where tokens share characters, as
      // where NFKC turns Claude's "½" into "1⁄2", several tokens that all cover "½".
      const drawn = await page
        .locator(".panel")
        .nth(3)
        .evaluate((p) => ({
          chips: p.querySelectorAll(".tc-chip").length,
          groups: [...p.querySelectorAll(".tc-ghead")].map(
            (g) => [g.querySelector(".tc-gtext")?.textContent, Number(g.querySelector(".tc-gn")?.textContent)] as const,
          ),
        }));
      assert.equal(
        drawn.chips + drawn.groups.reduce((n, [, k]) => n + k, 0),
        count("claude_legacy"),
        `claude_legacy's tokens drawn: ${JSON.stringify(drawn)}`,
      );
      const half = loadEncoding("claude_legacy").encodeDetailed("½").length;
      assert.ok(half > 1, "NFKC: ½ is more than one token");
      assert.ok(
        drawn.groups.some(([t, k]) => t?.trim() === "½" && k === half),
        `a group for ½ of ${half} tokens: ${JSON.stringify(drawn.groups)}`,
      );
      // A fifth is refused: four at most.
      assert.equal(await page.getByRole("checkbox", { name: "cl100k_base" }).isDisabled(), true);
      await page.getByRole("combobox", { name: "Model" }).fill("claude-3-opus");
      await page.waitForFunction(() =>
        document.querySelector(".picker-hint")?.textContent?.includes("no public tokenizer"),
      );
    } finally {
      await page.getByRole("combobox", { name: "Model" }).fill("");
      for (const name of OPEN) await page.getByRole("checkbox", { name }).uncheck();
      await waitForStatuses(page, [status("o200k_base", oracleCount("o200k_base", t))]);
    }
  });

  test('mixtral_v0_1, a SentencePiece model: its count is the engine\'s, its byte-fallback tokens are a group, and the "▁" it prepends is a visible chip', async () => {
    const t = " hi 鬱";
    await text().fill(t);
    await page.getByRole("checkbox", { name: "mixtral_v0_1" }).check();
    try {
      const mixtral = loadEncoding("mixtral_v0_1");
      await waitForStatuses(page, [
        status("o200k_base", oracleCount("o200k_base", t)),
        status("mixtral_v0_1", mixtral.encodeOrdinary(t).length),
      ]);
      assert.equal(
        await page.locator(".panel .encoding-info").nth(1).textContent(),
        "Mistral · Mixtral 8x22B v0.1 (base) · 32,000 tokens · Apache-2.0 · exact",
      );
      const panel = page.locator(".panel").nth(1);
      // The first token, "▁" (28705), covers no text: it is drawn as "▁", not as an empty chip.
      assert.deepEqual(
        mixtral
          .encodeDetailed(t)
          .slice(0, 2)
          .map((d) => [d.id, d.start, d.end]),
        [
          [28705, 0, 0],
          [12014, 0, 3],
        ],
      );
      assert.equal(await panel.locator(".tc-chip").first().textContent(), "▁");
      // 鬱 has no piece: three byte tokens <0xE9> <0xAC> <0xB1>, one group.
      const groups = await panel
        .locator(".tc-ghead")
        .evaluateAll((gs) =>
          gs.map((g) => [g.querySelector(".tc-gtext")?.textContent?.trim(), g.querySelector(".tc-gn")?.textContent]),
        );
      assert.deepEqual(groups, [["鬱", "3"]]);
      // The two encodings cut " hi" and "鬱" differently, and agree on nothing else here.
      await page.waitForFunction(() =>
        /^The encodings cut \d+ of \d+ spans/.test(document.querySelector(".cuts-notice")?.textContent ?? ""),
      );
    } finally {
      await page.getByRole("checkbox", { name: "mixtral_v0_1" }).uncheck();
    }
  });

  test("decode: bad entries are reported by position and the rest still decodes", async () => {
    const ids = page.getByRole("textbox", { name: "Token IDs", exact: true });
    await page.getByRole("combobox", { name: "Decode with" }).selectOption("o200k_base");
    await ids.fill("[24912, x, -3, 2375, 99999999]");
    await page.waitForSelector(".decoded-text");
    assert.equal(await page.locator(".decoded-text").textContent(), "hello world");
    const problems = await page.locator(".problems li").allTextContents();
    assert.equal(problems.length, 3);
    assert.match(problems[0], /"x" at position 2 is not a number/);
    assert.match(problems[1], /"-3" at position 3 is negative/);
    assert.match(problems[2], /"99999999" at position 5 is out of range for o200k_base/);
    await ids.fill("64838"); // the first two of 鬱's three bytes
    await page.waitForSelector(".incomplete");
    await ids.fill("");
  });

  test("a permalink reproduces the text, the encodings and the options", async () => {
    const t = "Permalink <b>test</b> ✓ 鬱\n  indented";
    await text().fill(t);
    await page.getByRole("checkbox", { name: "cl100k_base" }).check();
    await page.getByRole("checkbox", { name: "show whitespace" }).check();
    await waitForStatuses(page, [
      status("cl100k_base", oracleCount("cl100k_base", t)),
      status("o200k_base", oracleCount("o200k_base", t)),
    ]);
    await page.waitForFunction(() => location.search.includes("ws=1") && location.search.includes("cl100k_base"));
    const url = page.url();
    const other = await browser.context.newPage();
    try {
      await other.goto(url, { waitUntil: "load" });
      await waitForStatuses(other, [
        status("cl100k_base", oracleCount("cl100k_base", t)),
        status("o200k_base", oracleCount("o200k_base", t)),
      ]);
      assert.equal(await other.getByRole("textbox", { name: "Text", exact: true }).inputValue(), t);
      assert.equal(await other.getByRole("checkbox", { name: "show whitespace" }).isChecked(), true);
    } finally {
      await other.close();
    }
    await page.getByRole("checkbox", { name: "cl100k_base" }).uncheck();
    await page.getByRole("checkbox", { name: "show whitespace" }).uncheck();
  });

  test("Download SVG gives a valid SVG with the tokens; Embed this gives snippets for what is on screen", async () => {
    const t = "Hello <svg> & world\n  東京";
    await text().fill(t);
    await waitForStatuses(page, [status("o200k_base", oracleCount("o200k_base", t))]);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download SVG" }).click(),
    ]);
    assert.equal(download.suggestedFilename(), "o200k_base-tokens.svg");
    const svg = readFileSync((await download.path())!, "utf8");
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, "image/svg+xml");
      return {
        error: doc.querySelector("parsererror")?.textContent ?? null,
        root: doc.documentElement.nodeName,
        texts: [...doc.querySelectorAll("g > text")].map((e) => e.textContent),
      };
    }, svg);
    assert.equal(parsed.error, null);
    assert.equal(parsed.root, "svg");
    assert.deepEqual(parsed.texts.join("").replace(/ ×\d+/g, ""), "Hello·<svg>·&·world↵··東京");
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download PNG" }).click(),
    ]);
    const pngBytes = readFileSync((await png.path())!);
    assert.deepEqual([...pngBytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG file");
    assert.ok(pngBytes.length > 2000, `a PNG of ${pngBytes.length} bytes is too small to hold the chips`);
    await page.getByText("Embed this").click();
    const iframeBox = page.getByRole("textbox", { name: "An iframe (no script of ours on your page)" });
    assert.match(
      await iframeBox.inputValue(),
      new RegExp(
        `/embed/view\\?text=Hello\\+%3Csvg%3E\\+%26\\+world%0A\\+\\+%E6%9D%B1%E4%BA%AC&amp;encoding=o200k_base&amp;view=chips`,
      ),
    );
    assert.match(
      await page.getByRole("textbox", { name: "The <token-view> element" }).inputValue(),
      /<token-view encoding="o200k_base">Hello &lt;svg&gt; &amp; world\n {2}東京<\/token-view>/,
    );
  });

  test("markup typed into Text stays text: no element is injected", async () => {
    await text().fill(XSS);
    await waitForStatuses(page, [status("o200k_base", oracleCount("o200k_base", XSS))]);
    assert.equal(await page.locator("#observablehq-main img").count(), 0, "an <img> was injected into the page");
    assert.equal(await page.locator("#observablehq-main script").count(), 0, "a <script> was injected into the page");
    await page.waitForTimeout(200); // give an injected onerror handler the chance to fire
    assert.deepEqual(dialogs, [], "a dialog opened: injected markup ran");
  });

  test("a 1 MB paste (Ctrl+V) is counted exactly and kept whole, its chips are windowed, and the page keeps responding", async () => {
    // Speed is measured by `npm run bench:browser`, not here: this checks the outcome.
    const big = "Ünïcödé prose and code(x) => x * 2; 東京 ".repeat(24_000); // 936,000 characters, 1.13 MB of UTF-8
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    await page.evaluate((t) => navigator.clipboard.writeText(t), big);
    await text().focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Control+V");
    await waitForStatuses(page, [status("o200k_base", oracleCount("o200k_base", big))]);
    // Not laid out in the textarea: a summary stands in for it.
    const summary = page.getByRole("group", { name: "Text" });
    assert.match((await summary.textContent()) ?? "", /^Text: 936,000 characters, kept and tokenized in full/);
    assert.equal(await text().count(), 0, "the textarea should be hidden while it would hold a megabyte");
    const nodes = await page.evaluate(() => document.querySelectorAll(".panel *").length);
    assert.ok(nodes < 20_000, `the chips of ~300,000 tokens take ${nodes} elements: they should be windowed`);
    // The page still answers, and nothing was lost: the text box gets exactly the pasted text.
    await page.getByRole("button", { name: "Edit in the text box" }).click();
    assert.equal(
      await text()
        .inputValue()
        .then((v) => v === big),
      true,
      "the text box does not hold the pasted text",
    );
    await text().fill("small again");
    await waitForStatuses(page, [status("o200k_base", oracleCount("o200k_base", "small again"))]);
    // A large paste into a small text lands at the caret: "small " + 200,000 characters + "again".
    const chunk = "ab ".repeat(70_000);
    await page.evaluate((t) => navigator.clipboard.writeText(t), chunk);
    await text().evaluate((ta: HTMLTextAreaElement) => ta.setSelectionRange(6, 6));
    await page.keyboard.press("Control+V");
    await waitForStatuses(page, [status("o200k_base", oracleCount("o200k_base", "small " + chunk + "again"))]);
    await page.getByRole("button", { name: "Clear" }).click();
    await waitForStatuses(page, [status("o200k_base", 0)]);
    assert.equal(await text().inputValue(), "");
  });

  test("the page requested nothing outside its own origin and logged no console error", () => {
    assert.ok(requests.length > 0, "no request was recorded at all");
    const foreign = foreignRequests(requests, server.origin);
    assert.deepEqual(foreign, [], `requests to other origins:\n${foreign.join("\n")}`);
    const injected = requests.filter((url) => new URL(url).pathname === "/x");
    assert.deepEqual(injected, [], "the injected <img src=x> was fetched");
    assert.deepEqual(consoleErrors, []);
  });
});
