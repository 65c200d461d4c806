/**
 * The embed snippets (src/lib/embed-snippets.ts): worked examples, and a property test
 * that the text a <token-view> snippet carries reads back exactly, markup included as text.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import {
  contentText,
  elementSnippet,
  escapeHtml,
  iframeSnippet,
  moduleSnippet,
  notebookSnippet,
  viewUrl,
} from "../../src/lib/embed-snippets.ts";

const SITE = "https://tokens.example/docs/";

test("contentText(raw) drops the first line break, the shared indentation and the closing tag's spaces", () => {
  assert.equal(contentText("\n    def f():\n        return 1\n  "), "def f():\n    return 1");
  assert.equal(contentText("Hello world"), "Hello world");
  assert.equal(contentText("  one line"), "one line", "its indentation is all it shares");
  assert.equal(contentText("\n  a\n\n  b\n"), "a\n\nb");
});

test("viewUrl(site, state) addresses the iframe view, relative to the site's root", () => {
  assert.equal(
    viewUrl(SITE, { text: "a b&c", encodings: ["o200k_base", "cl100k_base"], view: "compare", whitespace: true }),
    "https://tokens.example/docs/embed/view?text=a+b%26c&encoding=o200k_base%2Ccl100k_base&view=compare&ws=1",
  );
  assert.equal(
    viewUrl(SITE, { text: "", encodings: ["o200k_base"], view: "vocab-card", token: 290 }),
    "https://tokens.example/docs/embed/view?encoding=o200k_base&view=vocab-card&token=290",
  );
});

test("iframeSnippet(site, state) escapes the address and only trusts height messages from the site's origin", () => {
  const s = iframeSnippet(SITE, { text: `"><script>alert(1)</script>`, encodings: ["o200k_base"], view: "chips" });
  assert.ok(!s.includes("<script>alert"), "the text must not appear as markup");
  assert.match(s, /src="https:\/\/tokens\.example\/docs\/embed\/view\?text=%22%3E%3Cscript%3E/);
  assert.match(s, /event\.origin !== "https:\/\/tokens\.example"/);
  assert.match(s, /tokenizer-explorer:height/);
});

/** What a browser gives the element: entity-decoded attribute or content. */
function readBack(snippet: string): string {
  const decode = (s: string) =>
    s.replace(
      /&(amp|lt|gt|quot|#39|#10|#9|#13);/g,
      (_, e) =>
        ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#10": "\n", "#9": "\t", "#13": "\r" })[e as string]!,
    );
  const m = /<token-view([^>]*)>([\s\S]*)<\/token-view>$/.exec(snippet)!;
  const attr = /\stext="([^"]*)"/.exec(m[1]);
  return attr ? decode(attr[1]) : contentText(decode(m[2]));
}

test('elementSnippet(site, state) carries any text exactly, as content when it can and text="…" when not', () => {
  const plain = elementSnippet(SITE, {
    text: "Hello <b>world</b> & you",
    encodings: ["cl100k_base"],
    view: "chips",
    whitespace: true,
  });
  assert.equal(
    plain.split("\n")[1],
    '<token-view encoding="cl100k_base" whitespace>Hello &lt;b&gt;world&lt;/b&gt; &amp; you</token-view>',
  );
  assert.match(
    elementSnippet(SITE, { text: "\n  indented", encodings: ["o200k_base"], view: "ids" }),
    /view="ids" text="&#10; {2}indented"><\/token-view>/,
  );
  assert.match(
    elementSnippet(SITE, { text: "x", encodings: ["o200k_base", "r50k_base"], view: "compare" }),
    /<token-view compare="o200k_base,r50k_base">x<\/token-view>/,
  );
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom("a", " ", "\n", "\t", "<", ">", "&", '"', "'", "\r", "é", "👋🏽", "&amp;") }),
      (text) => {
        assert.equal(readBack(elementSnippet(SITE, { text, encodings: ["o200k_base"], view: "chips" })), text);
      },
    ),
    { numRuns: 500 },
  );
});

test("moduleSnippet and notebookSnippet import /embed/tokens.js and call the right function", () => {
  const one = moduleSnippet(SITE, { text: "hi", encodings: ["o200k_base"], view: "ids" });
  assert.match(one, /import \{renderTokens\} from "https:\/\/tokens\.example\/docs\/embed\/tokens\.js";/);
  assert.match(one, /renderTokens\("hi", \{encoding: "o200k_base", view: "ids"\}\)/);
  const two = notebookSnippet(SITE, { text: "</script>", encodings: ["o200k_base", "cl100k_base"], view: "compare" });
  assert.match(
    two,
    /^tokenizer = import\("https:\/\/tokens\.example\/docs\/embed\/tokens\.js"\)\n\ntokenizer\.renderComparison\("<\/script>", \{encodings: \["o200k_base","cl100k_base"\]\}\)$/,
  );
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
});
