/**
 * What the site shows about each encoding (src/lib/encoding-info.ts): family, models, licence,
 * and the implementation its IDs are exact against.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { isOpenAIEncoding, listEncodings } from "../../src/engine/index.ts";
import { encodingInfo, encodingLabel } from "../../src/lib/encoding-info.ts";

test("encodingInfo(name) gives every encoding a family, models, licence and the implementation it is exact against", () => {
  for (const name of listEncodings()) {
    const info = encodingInfo(name);
    assert.ok(info.family && info.models && info.licence.name, name);
    assert.match(info.licence.url, /^https:\/\//, name);
    assert.equal(
      info.exactAgainst,
      isOpenAIEncoding(name) ? "tiktoken" : "transformers.js (@lenml/tokenizers 3.7.2)",
      name,
    );
  }
  assert.equal(encodingInfo("claude_legacy").warning, "legacy: not accurate for Claude 3 and later");
  assert.deepEqual(
    listEncodings().filter((n) => encodingInfo(n).warning),
    ["claude_legacy"],
  );
  assert.throws(() => encodingInfo("llama3_1"), /Unknown encoding "llama3_1"/);
});

test("encodingLabel(name) is the name, with its warning when it has one", () => {
  assert.equal(encodingLabel("o200k_base"), "o200k_base");
  assert.equal(encodingLabel("claude_legacy"), "claude_legacy (legacy: not accurate for Claude 3 and later)");
});
