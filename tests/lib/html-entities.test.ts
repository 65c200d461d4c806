/** src/lib/html-entities.ts: character references in text taken from HTML or Markdown. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeEntities } from "../../src/lib/html-entities.ts";

test("decodeEntities(s) gives the worked example of html-entities.ts", () => {
  assert.equal(decodeEntities("Tom &#x26; Jerry &lt;3 &#233;t&eacute;"), "Tom & Jerry <3 ét&eacute;");
});

test("decodeEntities(s) decodes hex (either case), decimal and astral references, and the six named ones", () => {
  assert.equal(decodeEntities("&#x3C;&#X3c;&#60;"), "<<<");
  assert.equal(decodeEntities("&#x1F916; &#129302;"), "🤖 🤖");
  assert.equal(decodeEntities("&amp;&lt;&gt;&quot;&apos;&nbsp;"), "&<>\"'\u00a0");
});

test("decodeEntities(s) decodes once, and keeps what is not a complete reference", () => {
  assert.equal(decodeEntities("&amp;lt;"), "&lt;", "&amp;lt; is the text &lt;, not <");
  assert.equal(decodeEntities("AT&T &amp R&D; a & b"), "AT&T &amp R&D; a & b");
  assert.equal(decodeEntities("&AMP; &Lt;"), "&AMP; &Lt;", "named references are case-sensitive");
});
