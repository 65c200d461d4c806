/**
 * Special-token rules (src/engine/core/special.ts) as both kinds of encoding use them:
 * `SpecialTokenRules.allowedIn` resolves the options and refuses disallowed tokens.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { SpecialTokenRules } from "../../src/engine/core/special.ts";

const rules = new SpecialTokenRules(
  new Map([
    ["<|x|>", 256],
    ["<|x|>!", 258],
    ["|>y", 257],
  ]),
  "tiny",
);

test("allowedIn(text, options) of the module's example: <|x|> starts where the allowed <|x|>! does", () => {
  assert.throws(() => rules.allowedIn("a<|x|>!", { allowedSpecial: ["<|x|>!"] }), /disallowed special token "<\|x\|>"/);
  assert.equal(rules.allowedIn("ab", { allowedSpecial: ["<|x|>!"] }), undefined);
  assert.deepEqual(rules.allowedIn("a<|x|>!", { allowedSpecial: "all" }), new Set(["<|x|>", "<|x|>!", "|>y"]));
});

test("allowedIn(text, options) names the leftmost disallowed token, the longest there", () => {
  assert.throws(() => rules.allowedIn("<|x|>! |>y", {}), /disallowed special token "<\|x\|>!"/);
  assert.throws(() => rules.allowedIn("|>y <|x|>!", {}), /disallowed special token "\|>y"/);
  assert.throws(() => rules.allowedIn("<|x|>y", { allowedSpecial: ["<|x|>"] }), /disallowed special token "\|>y"/);
  assert.deepEqual(rules.allowedIn("<|x|>y", { disallowedSpecial: [] }), new Set());
});

test("allowedIn(text, options) validates the options even when no special token occurs", () => {
  assert.throws(() => rules.allowedIn("plain", { allowedSpecial: ["<nope>"] }), /not a special token of tiny/);
  assert.throws(() => rules.allowedIn("plain", { disallowedSpecial: "<|x|>" as unknown as string[] }), TypeError);
  assert.equal(rules.allowedIn("plain", undefined), undefined);
});
