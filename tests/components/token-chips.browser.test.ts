/**
 * tokenChips in a real Chromium, without the site: a tiny fixture page (fixture/chips-page.ts,
 * bundled here with esbuild into a temp folder) loads o200k_base's .tiktoken file, encodes
 * with our engine and mounts the chips. Checks the text, split characters, invisible
 * characters, markup safety, keyboard, the token card, the IDs view and copying, windowing of
 * a megabyte, a shadow root, and screenshots against __screenshots__/.
 *
 * Screenshots: the first run writes __screenshots__/chips.png and chips-dark.png with a .json
 * beside each (a DOM snapshot of the chips and the rendering environment). Later runs compare
 * the DOM snapshot always, and the pixels (at most 0.2% of pixels may differ) when Chromium's
 * version and the installed fonts are those of the baseline; otherwise the pixel comparison is
 * skipped with a diagnostic. `UPDATE_SCREENSHOTS=1` rewrites the baselines.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { loadEncoding } from "../../src/engine/node.ts";
import { chipUnits, hex, partialLabel } from "../../src/components/token-chips/index.ts";
import type { TokenChipsOptions } from "../../src/components/token-chips/index.ts";
import { tokenTable } from "../../src/lib/token-table.ts";
import { launchBrowser, serveStatic, type Browser, type StaticServer } from "../site/browser.ts";
import { countDifferentPixels, decodePng, distinctColors } from "./png.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHOTS = join(HERE, "__screenshots__");
const TIMEOUT = 30_000;

const o200k = loadEncoding("o200k_base");

const SAMPLE = "  Hello world! 1234567\n鬱 片 東京 👍🏽 नमस्ते\n<|endoftext|>\ndef f(x):\n\tif x:\n        return x\n";
const XSS = `<img src=x onerror=alert(1)><script>alert(1)</script><b>bold</b><iframe src="javascript:alert(1)"></iframe>`;
const SHOT_SAMPLE = `  Leading spaces, a number 1234567, and words.
Emoji with a skin tone: 👍🏽  CJK: 鬱 片 東京タワー
Hindi: नमस्ते दुनिया <|endoftext|>
def greet(name):
    if name:
        return f"Hello, {name}!"
`;

type Where = { shadow?: boolean };

describe("tokenChips(text, table, options) in Chromium", { timeout: 4 * TIMEOUT }, () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "token-chips-"));
    await build({
      entryPoints: [join(HERE, "fixture/chips-page.ts")],
      bundle: true,
      format: "esm",
      target: "es2022",
      outfile: join(dir, "chips.js"),
      logLevel: "silent",
    });
    copyFileSync(join(HERE, "fixture/index.html"), join(dir, "index.html"));
    copyFileSync(join(ROOT, "data/vocab/o200k_base.tiktoken"), join(dir, "o200k_base.tiktoken"));
    server = await serveStatic(dir);
    browser = await launchBrowser();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.origin });
    browser.context.on("request", (request) => {
      if (!request.url().startsWith(`${server.origin}/`)) problems.push(`request to another origin: ${request.url()}`);
    });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(TIMEOUT);
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.setViewportSize({ width: 800, height: 700 });
    await page.goto(`${server.origin}/`, { waitUntil: "load" });
    await page.evaluate(() => window.chips.load("/o200k_base.tiktoken", "o200k_base"));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function show(text: string, options?: TokenChipsOptions, where?: Where) {
    await page.mouse.move(0, 0);
    return page.evaluate(([t, o, w]) => window.chips.show(t, o, w), [text, options ?? {}, where ?? {}] as const);
  }

  /** Text of the chips view as a reader copies it: the chips' text and the line breaks between them, without the count badges. */
  async function chipsText(): Promise<string> {
    return page.evaluate(() => {
      const scroller = document.querySelector(".tc-scroll")!.cloneNode(true) as HTMLElement;
      for (const badge of scroller.querySelectorAll(".tc-gn")) badge.remove();
      return scroller.textContent ?? "";
    });
  }

  test("tokenChips(text, table) draws chips whose texts join back to the text, one color per token ID", async () => {
    await show(SAMPLE);
    assert.equal(await chipsText(), SAMPLE);
    const table = tokenTable(o200k, SAMPLE, { allowedSpecial: "all" });
    const chips = await page.evaluate(() => {
      const ids = window.chips.ids();
      return Array.from(document.querySelectorAll<HTMLElement>(".tc-block > .tc-chip, .tc-block > .tc-group"), (e) => ({
        ids: e.dataset.k !== undefined ? [ids[Number(e.dataset.k)]] : [],
        group: e.classList.contains("tc-group"),
        color: Array.from(e.classList).find((c) => /^tc-c\d$/.test(c)),
        special: e.classList.contains("tc-special"),
        text: e.textContent,
      }));
    });
    assert.equal(chips.length, chipUnits(table).length - 1, "one chip or group per unit");
    const colorOf = new Map<number, string | undefined>();
    for (const c of chips) {
      if (c.group) continue;
      const id = c.ids[0];
      assert.ok(c.color, `chip for ID ${id} has a color class`);
      if (colorOf.has(id)) assert.equal(c.color, colorOf.get(id), `ID ${id} has one color`);
      colorOf.set(id, c.color);
    }
    assert.ok([...colorOf.keys()].length > 10);
    const special = chips.filter((c) => c.special);
    assert.deepEqual(
      special.map((c) => [c.ids[0], c.text]),
      [[199999, "<|endoftext|>"]],
    );
  });

  test('tokenChips("鬱") shows the split character as one group, expanding to "bytes 1–2 of 3 of 鬱" and hex', async () => {
    await show("鬱 and 片");
    const head = page.locator(".tc-ghead").first();
    assert.equal(await head.locator(".tc-gtext").textContent(), "鬱");
    assert.equal(await head.locator(".tc-gn").textContent(), "2");
    assert.equal(await head.getAttribute("aria-expanded"), "false");
    assert.equal(await page.locator(".tc-sub").count(), 0);
    await head.click();
    assert.equal(await page.locator(".tc-ghead").first().getAttribute("aria-expanded"), "true");
    assert.deepEqual(await page.locator(".tc-sub .tc-plabel").allTextContents(), [
      "bytes 1–2 of 3 of 鬱",
      "byte 3 of 3 of 鬱",
    ]);
    assert.deepEqual(await page.locator(".tc-sub .tc-hex").allTextContents(), ["e9 ac", "b1"]);
    // The expanded tokens are chips of their own: their IDs are the engine's.
    const table = tokenTable(o200k, "鬱");
    assert.deepEqual(
      await page
        .locator(".tc-sub")
        .evaluateAll((subs) => subs.map((s) => window.chips.ids()[Number((s as HTMLElement).dataset.k)])),
      Array.from(table.ids),
    );
    // Enter on the (focused) group collapses it again.
    await page.locator(".tc-ghead").first().focus();
    await page.keyboard.press("Enter");
    assert.equal(await page.locator(".tc-sub").count(), 0);
    assert.equal(await page.locator(".tc-ghead").first().getAttribute("aria-expanded"), "false");
  });

  test('tokenChips(text) never shows "�": split emoji, lone surrogates, NUL and bidi overrides are visible markers', async () => {
    const text = "👍🏽 鬱 lone \uD800 and \uDFFF, literal \uFFFD, NUL\0, RLO \u202Eevil\u202C, family 👩‍👩‍👧, zwj \u200D.";
    for (const options of [{}, { whitespace: true }, { view: "ids" }] as TokenChipsOptions[]) {
      await show(text, options);
      // Open every group and visit every chip, so that each card is filled once.
      const seen = await page.evaluate(() => {
        for (const head of document.querySelectorAll<HTMLElement>(".tc-ghead")) head.click();
        const cards: string[] = [];
        for (const chip of document.querySelectorAll<HTMLElement>(".tc-nav")) {
          chip.focus();
          cards.push(document.querySelector(".tc-card")!.textContent ?? "");
        }
        return { view: document.querySelector<HTMLElement>(".tc")!.innerText, cards: cards.join("\n") };
      });
      assert.ok(!seen.view.includes("\uFFFD"), `${JSON.stringify(options)}: the view shows "�": ${seen.view}`);
      assert.ok(!seen.cards.includes("\uFFFD"), `${JSON.stringify(options)}: a card shows "�"`);
      for (const marker of ["⟨D800⟩", "⟨DFFF⟩", "⟨U+FFFD⟩", "␀", "⟨U+202E⟩", "⟨U+200D⟩"]) {
        assert.ok(
          seen.view.includes(marker) || seen.cards.includes(marker),
          `${JSON.stringify(options)}: ${marker} is shown`,
        );
      }
      if (options.view !== "ids") {
        for (const marker of ["⟨D800⟩", "␀", "⟨U+202E⟩"])
          assert.ok(seen.view.includes(marker), `${marker} in the chips`);
        // Expanded, the split skin-tone modifier shows bytes, labelled.
        assert.ok(seen.view.includes("bytes 1–3 of 4 of 🏽"), "the 🏽 group is labelled");
      }
    }
  });

  test("tokenChips(text, table, {whitespace: true}) shows · → ↵; without it, the text keeps its whitespace", async () => {
    const text = " a\tb\n  c\n";
    await show(text, { whitespace: true });
    const on = await page.locator(".tc-scroll").textContent();
    assert.equal(on?.replaceAll("\n", ""), "·a→b↵··c↵");
    assert.ok((await page.locator(".tc-ws").count()) >= 5, "markers are styled as markers");
    await show(text, { whitespace: false });
    assert.equal(await chipsText(), text);
    // A newline still gets a mark, drawn by CSS (not text), so its chip is never empty.
    const mark = await page
      .locator(".tc-nl")
      .first()
      .evaluate((e) => getComputedStyle(e, "::before").content);
    assert.equal(mark, '"↵"');
    // The leading space of " a" is set apart.
    assert.equal(await page.locator(".tc-chip").first().locator(".tc-lead").count(), 1);
  });

  test("tokenChips(html) shows markup as text and never creates an element from it", async () => {
    for (const options of [{}, { whitespace: true }, { view: "ids" }] as TokenChipsOptions[]) {
      await show(XSS, options);
      const counts = await page.evaluate(() => ({
        injected: document.querySelectorAll("#mount img, #mount script, #mount b, #mount iframe").length,
      }));
      assert.equal(counts.injected, 0, `${JSON.stringify(options)}: markup became elements`);
    }
    await show(XSS);
    assert.equal(await chipsText(), XSS);
    await page.waitForTimeout(100);
    assert.deepEqual(dialogs, []);
  });

  test("ArrowRight / ArrowLeft / Home / End move focus between chips, with one tab stop", async () => {
    const text = "one two three four five";
    const n = o200k.encode(text).length;
    await show(text);
    assert.equal(await page.locator('.tc-nav[tabindex="0"]').count(), 1);
    await page.locator('.tc-nav[tabindex="0"]').focus();
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.k);
    assert.equal(await focused(), "0");
    await page.keyboard.press("ArrowRight");
    assert.equal(await focused(), "1");
    await page.keyboard.press("ArrowRight");
    assert.equal(await focused(), "2");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await focused(), "1");
    await page.keyboard.press("End");
    assert.equal(await focused(), String(n - 1));
    await page.keyboard.press("ArrowRight"); // stays on the last chip
    assert.equal(await focused(), String(n - 1));
    await page.keyboard.press("Home");
    assert.equal(await focused(), "0");
    assert.equal(await page.locator('.tc-nav[tabindex="0"]').count(), 1, "the tab stop moved with the focus");
    // Tab from the copy button reaches the chips.
    await page.locator(".tc-copy").focus();
    await page.keyboard.press("Tab");
    assert.equal(await focused(), "0");
  });

  test("ArrowDown / ArrowUp move to the nearest chip on the next or previous line", async () => {
    const text = "alpha beta gamma\nx\nleft middle right\nend";
    // 0 "alpha" 1 " beta" 2 " gamma" 3 "\n" | 4 "x" 5 "\n" | 6 "left" 7 " middle" 8 " right" 9 "\n" | 10 "end"
    assert.deepEqual(
      o200k.encodeDetailed(text).map((t) => text.slice(t.start, t.end)),
      ["alpha", " beta", " gamma", "\n", "x", "\n", "left", " middle", " right", "\n", "end"],
    );
    await show(text);
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.k);
    const press = async (key: string, expected: string) => {
      await page.keyboard.press(key);
      assert.equal(await focused(), expected, `after ${key}`);
    };
    await page.locator('.tc-chip[data-k="0"]').focus();
    await press("ArrowDown", "4"); // "x", below "alpha"
    await press("ArrowDown", "6"); // "left"
    await press("ArrowDown", "10"); // "end"
    await press("ArrowDown", "10"); // no line below: stays
    await press("ArrowUp", "6");
    await page.locator('.tc-chip[data-k="8"]').focus(); // " right"
    await press("ArrowUp", "5"); // the "↵" after "x" is the nearest on that short line
    await press("ArrowUp", "0"); // back on the first line, nearest the start
    await press("ArrowUp", "0");
  });

  test("focusing or hovering a chip shows its card: ID, hex bytes, visible text, lengths, leading space", async () => {
    const text = "hello world";
    const tokens = o200k.encodeDetailed(text);
    await show(text);
    const card = page.locator('.tc-card[role="tooltip"]');
    assert.equal(await card.isVisible(), false);
    await page.locator('.tc-chip[data-k="1"]').focus();
    assert.equal(await card.isVisible(), true);
    const cardText = (await card.textContent()) ?? "";
    assert.ok(cardText.includes(`ID ${tokens[1].id}`), cardText);
    assert.ok(cardText.includes(hex(tokens[1].bytes)), cardText);
    assert.ok(cardText.includes("20 77 6f 72 6c 64"), cardText);
    assert.ok(cardText.includes("“·world”"), cardText);
    assert.ok(cardText.includes("6 bytes, 6 characters"), cardText);
    assert.match(cardText, /starts with a space\s*yes/);
    assert.equal(
      await page.locator('.tc-chip[data-k="1"]').getAttribute("aria-describedby"),
      await card.getAttribute("id"),
    );
    await page.keyboard.press("Escape");
    assert.equal(await card.isVisible(), false);
    await page.locator('.tc-chip[data-k="0"]').hover();
    assert.equal(await card.isVisible(), true);
    assert.ok((await card.textContent())?.includes(`ID ${tokens[0].id}`));
    assert.match((await card.textContent()) ?? "", /starts with a space\s*no/);
    // A token holding part of a character names it.
    await show("鬱");
    await page.locator(".tc-ghead").click();
    await page.locator(".tc-sub").first().focus();
    const partText = (await card.textContent()) ?? "";
    for (const part of [`ID ${o200k.encode("鬱")[0]}`, "e9 ac", "bytes 1–2 of 3 of 鬱"])
      assert.ok(partText.includes(part), partText);
    assert.equal(partialLabel(tokenTable(o200k, "鬱").partial.get(0)![0]), "bytes 1–2 of 3 of 鬱");
  });

  test('tokenChips(text, table, {view: "ids"}) shows the IDs, and "Copy IDs as JSON" copies them', async () => {
    const text = "hello world 鬱";
    const ids = o200k.encode(text);
    await show(text, { view: "ids" });
    assert.deepEqual(await page.locator(".tc-chip").allTextContents(), ids.map(String));
    await page.locator(".tc-copy").click();
    await page.waitForFunction(() => document.querySelector(".tc-msg")?.textContent?.startsWith("Copied"));
    assert.equal(await page.locator(".tc-msg").textContent(), `Copied ${ids.length} IDs as JSON.`);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), JSON.stringify(ids));
    // A browser that refuses the clipboard: the JSON is offered, selected, with a message.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
    });
    await page.locator(".tc-copy").click();
    const box = page.locator("textarea.tc-fallback");
    await box.waitFor();
    assert.equal(await box.inputValue(), JSON.stringify(ids));
    assert.match((await page.locator(".tc-msg").textContent()) ?? "", /did not allow copying/);
  });

  test("tokenChips(megabyte) renders windowed (under 5,000 chips), scrolls to the last token, and never blocks for 200 ms", async (t) => {
    const corpus = ["prose", "code", "multilingual"]
      .map((n) => readFileSync(join(ROOT, `tests/corpora/${n}.txt`), "utf8"))
      .join("\n");
    let big = "";
    while (Buffer.byteLength(big) < 1 << 20) big += corpus;
    const { tokens } = await page.evaluate((t) => window.chips.prepare(t), big);
    // Every task of the page's main thread from now on (the table above is the worker's job
    // on the site), from Chromium's trace: its CPU time, which other processes on a busy
    // machine cannot stretch, and its wall time.
    const trace = await startTrace(page);
    const { chipsMs } = await page.evaluate(() => window.chips.render());
    assert.ok(chipsMs < 200, `tokenChips took ${chipsMs.toFixed(0)} ms`);
    await page.waitForTimeout(300);
    const chipCount = () => page.locator(".tc-chip").count();
    const first = await chipCount();
    assert.ok(first > 50 && first < 5_000, `${first} chips rendered for ${tokens} tokens`);
    // Scroll to the end until the last token is there.
    const last = page.locator(`.tc-chip[data-k="${tokens - 1}"]`);
    for (let i = 0; i < 60 && (await last.count()) === 0; i++) {
      await page.evaluate(() => {
        const s = document.querySelector(".tc-scroll")!;
        s.scrollTop = s.scrollHeight;
      });
      await page.waitForTimeout(100);
    }
    assert.equal(await last.count(), 1, "the last token was rendered after scrolling to the end");
    const atEnd = await chipCount();
    assert.ok(atEnd < 5_000, `${atEnd} chips rendered at the end`);
    // Home and End jump across windowed blocks.
    await last.focus();
    await page.keyboard.press("Home");
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.k), "0");
    await page.keyboard.press("End");
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.k), String(tokens - 1));
    await page.waitForTimeout(300);
    assert.ok((await chipCount()) < 5_000);
    const tasks = await trace.stop();
    assert.ok(tasks.length > 20, `the trace holds ${tasks.length} main-thread tasks`);
    const worst = tasks.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a));
    const longest = Math.max(...tasks.map((x) => x.wallMs));
    t.diagnostic(
      `${tokens} tokens, ${Buffer.byteLength(big)} bytes: tokenChips ${chipsMs.toFixed(0)} ms; ${first} chips at the top, ${atEnd} at the end; ` +
        `${tasks.length} tasks after the table was built, the busiest ${worst.cpuMs.toFixed(0)} ms of CPU (${worst.wallMs.toFixed(0)} ms wall), the longest ${longest.toFixed(0)} ms wall`,
    );
    assert.ok(
      worst.cpuMs < 200,
      `a main-thread task took ${worst.cpuMs.toFixed(0)} ms of CPU (${worst.wallMs.toFixed(0)} ms wall)`,
    );
  });

  test("tokenChips(…) works inside a shadow root: styled, keyboard, card", async () => {
    await show("hello world again", {}, { shadow: true });
    const r = await page.evaluate(() => {
      const root = document.getElementById("host")!.shadowRoot!;
      const chip = root.querySelector<HTMLElement>('.tc-chip[data-k="0"]')!;
      const style = getComputedStyle(chip);
      chip.focus();
      chip.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true, composed: true }));
      const card = root.querySelector<HTMLElement>(".tc-card")!;
      return {
        border: style.borderTopStyle,
        background: style.backgroundColor,
        focused: (root.activeElement as HTMLElement | null)?.dataset.k,
        card: card.hidden ? "" : card.textContent,
      };
    });
    assert.equal(r.border, "solid");
    assert.notEqual(r.background, "rgba(0, 0, 0, 0)");
    assert.equal(r.focused, "1");
    assert.ok(r.card?.includes(`ID ${o200k.encode("hello world again")[1]}`), r.card);
  });

  test("a sample (leading spaces, number, emoji with skin tone, CJK, Hindi, indented code) looks as before, light and dark", async (t) => {
    await page.emulateMedia({ colorScheme: "light" });
    await show(SHOT_SAMPLE);
    // Light: the 鬱 group expanded, nothing focused.
    await page.evaluate(() => {
      const head = Array.from(document.querySelectorAll<HTMLElement>(".tc-ghead")).find((h) =>
        h.textContent?.includes("鬱"),
      )!;
      head.click();
      (document.activeElement as HTMLElement | null)?.blur();
    });
    await matchScreenshot(t, "chips");
    // Dark, whitespace markers on, the card of " spaces" showing.
    await page.emulateMedia({ colorScheme: "dark" });
    await show(SHOT_SAMPLE, { whitespace: true });
    await page.locator('.tc-chip[data-k="2"]').focus();
    await matchScreenshot(t, "chips-dark");
    await page.emulateMedia({ colorScheme: "light" });
  });

  async function matchScreenshot(t: TestContext, name: string): Promise<void> {
    const png = await page.locator(".tc").screenshot({ animations: "disabled", caret: "hide" });
    const img = decodePng(png);
    assert.ok(
      img.width > 300 && img.height > 100 && distinctColors(img) > 16,
      `${name}: the screenshot is (nearly) blank`,
    );
    const dom = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>(".tc-block > .tc-chip, .tc-block > .tc-group"), (e) => [
        Array.from(e.classList)
          .filter((c) => c !== "tc-hover")
          .join(" "),
        e.textContent,
      ]),
    );
    const env = { chromium: await chromiumVersion(page), fonts: fontsFingerprint() };
    const file = join(SHOTS, `${name}.png`),
      metaFile = join(SHOTS, `${name}.json`);
    if (process.env.UPDATE_SCREENSHOTS || !existsSync(file) || !existsSync(metaFile)) {
      mkdirSync(SHOTS, { recursive: true });
      writeFileSync(file, png);
      writeFileSync(metaFile, `${JSON.stringify({ env, dom }, null, 1)}\n`);
      t.diagnostic(`wrote the baseline ${file}`);
      return;
    }
    const meta = JSON.parse(readFileSync(metaFile, "utf8")) as { env: typeof env; dom: unknown };
    assert.deepEqual(
      dom,
      meta.dom,
      `${name}: the chips differ from the baseline's (tokens, colors or classes); if that is intended, rerun with UPDATE_SCREENSHOTS=1`,
    );
    if (meta.env.chromium !== env.chromium || meta.env.fonts !== env.fonts) {
      t.diagnostic(
        `${name}: pixel comparison skipped: the baseline was taken with ${meta.env.chromium} and ${meta.env.fonts}, this machine has ${env.chromium} and ${env.fonts}`,
      );
      return;
    }
    const base = decodePng(readFileSync(file));
    const actual = join(tmpdir(), `${name}.actual.png`);
    if (base.width !== img.width || base.height !== img.height) {
      writeFileSync(actual, png);
      assert.fail(
        `${name}: ${img.width}×${img.height} now, ${base.width}×${base.height} in the baseline; see ${actual}`,
      );
    }
    const differing = countDifferentPixels(base, img);
    if (differing > 0.002 * img.width * img.height) {
      writeFileSync(actual, png);
      assert.fail(`${name}: ${differing} of ${img.width * img.height} pixels differ from the baseline; see ${actual}`);
    }
  }

  test("the fixture logged no error and asked no other origin", () => {
    assert.deepEqual(problems, []);
  });
});

interface TraceEvent {
  ph: string;
  cat?: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Record Chromium's trace for `page`; `stop()` gives each top-level task of a renderer's main
 * thread with its CPU time (`tdur`) and wall time (`dur`), in ms.
 */
async function startTrace(page: Page): Promise<{ stop(): Promise<{ cpuMs: number; wallMs: number }[]> }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send("Tracing.start", {
    transferMode: "ReportEvents",
    traceConfig: { includedCategories: ["toplevel", "__metadata"] },
  });
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
      await cdp.send("Tracing.end");
      await complete;
      await cdp.detach();
      const main = new Set(
        events
          .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
          .map((e) => `${e.pid}:${e.tid}`),
      );
      return events
        .filter((e) => e.ph === "X" && e.cat?.split(",").includes("toplevel") && main.has(`${e.pid}:${e.tid}`))
        .map((e) => ({ cpuMs: (e.tdur ?? e.dur ?? 0) / 1000, wallMs: (e.dur ?? 0) / 1000 }));
    },
  };
}

/** Chromium's full version ("HeadlessChrome/156.0.8078.79"; the user agent string is reduced). */
async function chromiumVersion(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return (await cdp.send("Browser.getVersion")).product;
  } finally {
    await cdp.detach();
  }
}

/** Which fonts Chromium can use here (a screenshot depends on them): a hash of fc-list's files. */
function fontsFingerprint(): string {
  try {
    const files = execFileSync("fc-list", ["--format", "%{file}\n"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .sort();
    return `${files.length} fonts ${createHash("sha256").update(files.join("\n")).digest("hex").slice(0, 12)}`;
  } catch {
    return "unknown (no fc-list)";
  }
}
