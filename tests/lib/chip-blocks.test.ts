/**
 * How the token chips cut a text's tokens into units and blocks, and how tall they guess a block
 * is (src/lib/chip-blocks.ts), in Node.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadEncoding } from "../../src/engine/node.ts";
import { BLOCK_MAX, BLOCK_MIN, ChipBlocks, LINE_PX, chipUnits } from "../../src/lib/chip-blocks.ts";
import { FLAG_PARTIAL, tokenTable } from "../../src/lib/token-table.ts";

const o200k = loadEncoding("o200k_base");

/** Scan all of `text` in steps of `step` tokens; the blocks' starts and the order they closed in. */
function scanAll(text: string, step: number, view: "text" | "ids" = "text") {
  const layout = new ChipBlocks(text, tokenTable(o200k, text), view, false);
  const closed: number[] = [];
  while (!layout.done) layout.scan(step, (b) => closed.push(b));
  return { layout, closed };
}

test("chipUnits(table) puts the tokens that share a character in one unit, and every other token alone", () => {
  const text = "a 鬱 b 👍🏽 c";
  const table = tokenTable(o200k, text);
  const units = Array.from(chipUnits(table));
  assert.equal(units[0], 0);
  assert.equal(units.at(-1), table.length);
  // Units tile the text: each starts where the previous ended.
  for (let u = 0; u + 1 < units.length; u++) {
    const first = units[u],
      last = units[u + 1] - 1;
    if (u > 0) assert.equal(table.start[first], table.end[units[u] - 1]);
    const many = last > first;
    for (let k = first; k <= last; k++)
      assert.equal((table.flags[k] & FLAG_PARTIAL) !== 0, many, `token ${k} in unit ${u}`);
  }
  const texts = units.slice(0, -1).map((k, u) => text.slice(table.start[k], table.end[units[u + 1] - 1]));
  assert.equal(texts.join(""), text);
  assert.ok(texts.includes(" 鬱") || texts.includes("鬱"), `a unit holds 鬱: ${JSON.stringify(texts)}`);
  assert.ok(
    texts.some((t) => t.includes("🏽")),
    `a unit holds 🏽: ${JSON.stringify(texts)}`,
  );
  assert.ok(units.length - 1 < table.length, "the split characters' tokens were grouped");
});

test('chipUnits(table) of "Hi 鬱\\n" is [0, 1, 4, 5]: the three tokens holding parts of " 鬱" are one unit', () => {
  assert.deepEqual(Array.from(chipUnits(tokenTable(o200k, "Hi 鬱\n"))), [0, 1, 4, 5]);
});

test("ChipBlocks.scan(count, onClose) ends a block after a newline once it holds BLOCK_MIN units", () => {
  const text = "x\n".repeat(150); // 300 tokens, each a unit; every second one ends a line
  const { layout, closed } = scanAll(text, 1 << 16);
  assert.equal(BLOCK_MIN, 60);
  assert.deepEqual(layout.blockStarts, [0, 60, 120, 180, 240, 300]);
  assert.deepEqual(closed, [0, 1, 2, 3, 4]);
  assert.equal(layout.nUnits, 300);
  assert.equal(layout.units[layout.nUnits], 300);
});

test("ChipBlocks.scan(count, onClose) ends a block at BLOCK_MAX units on a line with no newline", () => {
  const { layout } = scanAll("word ".repeat(1000), 1 << 16); // "word", 999 × " word", " "
  assert.equal(BLOCK_MAX, 400);
  assert.deepEqual(layout.blockStarts, [0, 400, 800, 1001]);
});

test("ChipBlocks.scan(count, onClose) in small steps finds the same units and blocks as in one", () => {
  const lines = Array.from({ length: 80 }, (_, i) => `line ${i}: ${"鬱 word ".repeat(i % 9)}👍🏽\n`).join("");
  const whole = scanAll(lines, 1 << 16).layout;
  const steps = scanAll(lines, 7);
  assert.deepEqual(steps.layout.blockStarts, whole.blockStarts);
  assert.deepEqual(
    Array.from(steps.layout.units.subarray(0, steps.layout.nUnits + 1)),
    Array.from(chipUnits(whole.table)),
  );
  assert.deepEqual(
    steps.closed,
    whole.blockStarts.slice(1).map((_, b) => b),
  );
  for (let b = 0; b + 1 < whole.nBlocks(); b++) {
    const size = whole.blockStarts[b + 1] - whole.blockStarts[b];
    const lastToken = whole.units[whole.blockStarts[b + 1]] - 1;
    assert.ok(size >= BLOCK_MIN && size <= BLOCK_MAX, `block ${b} has ${size} units`);
    assert.ok(size === BLOCK_MAX || lines[whole.table.end[lastToken] - 1] === "\n", `block ${b} ends a line`);
  }
});

test("ChipBlocks.unitText(u) and isGroup(u): a group is several tokens, or one holding part of a character", () => {
  const { layout } = scanAll("Hi 鬱\n", 1 << 16);
  assert.deepEqual(
    [0, 1, 2].map((u) => layout.unitText(u)),
    ["Hi", " 鬱", "\n"],
  );
  assert.deepEqual(
    [0, 1, 2].map((u) => layout.isGroup(u)),
    [false, true, false],
  );
});

test("ChipBlocks.estimate(b) is a row per line, a line wrapping at the width in character cells", () => {
  const text = "x\n".repeat(150);
  for (const view of ["text", "ids"] as const) {
    const { layout } = scanAll(text, 1 << 16, view);
    assert.equal(layout.estimate(0), 30 * LINE_PX, view); // 60 units: 30 lines of "x"
  }
  // Block 0 of "word word …": one line of 400 units and 1,999 characters, a cell per character
  // and one per unit (chip borders and gaps): 2,399 cells, 30 rows of 80 cells, 240 of 10.
  const { layout } = scanAll("word ".repeat(1000), 1 << 16);
  assert.equal(layout.table.end[399], 1999);
  assert.equal(layout.estimate(0), 30 * LINE_PX);
  layout.resize(16 + 8.1 * 10 + 1); // 10 cells of 8.1px, and the scroller's padding
  assert.equal(layout.estimate(0), 240 * LINE_PX);
});

test("ChipBlocks.calibrated(b) scales estimates by measured over estimated heights; resize(width) forgets them", () => {
  const { layout } = scanAll("x\n".repeat(150), 1 << 16);
  const e = layout.estimate(1);
  assert.equal(layout.calibrated(1), e);
  layout.record(0, 2 * layout.estimate(0));
  layout.record(0, 2 * layout.estimate(0)); // measured again: counted once
  assert.equal(layout.measured[0], 2 * layout.estimate(0));
  assert.equal(layout.calibrated(1), 2 * e);
  layout.resize(800);
  assert.equal(layout.measured[0], 0);
  assert.equal(layout.calibrated(1), e);
});

test("ChipBlocks.tailHeight() is the unscanned text at the scanned part's estimated height per character", () => {
  const text = "x\n".repeat(150);
  const layout = new ChipBlocks(text, tokenTable(o200k, text), "text", false);
  layout.scan(100, () => {});
  assert.equal(layout.nBlocks(), 1);
  assert.equal(layout.done, false);
  assert.equal(layout.tailHeight(), ((300 - 100) * layout.estimate(0)) / 100);
  layout.scan(1 << 16, () => {});
  assert.equal(layout.done, true);
  assert.equal(layout.tailHeight(), 0);
});
