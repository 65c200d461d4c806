/** scripts/bench/common.ts: what the benchmark scripts share. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { writeReadmeSection } from "../../scripts/bench/common.ts";

test("writeReadmeSection(name, section, file) replaces only what lies between that name's markers", () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-common-"));
  try {
    const file = join(dir, "README.md");
    const other = "<!-- bench-open:start -->\nkept\n<!-- bench-open:end -->";
    writeFileSync(file, `# Title\n\n<!-- bench:start -->\nold table\n<!-- bench:end -->\n\n${other}\n`);
    writeReadmeSection("bench", "| new |\n|---|", file);
    const want = `# Title\n\n<!-- bench:start -->\n| new |\n|---|\n<!-- bench:end -->\n\n${other}\n`;
    assert.equal(readFileSync(file, "utf8"), want);
    writeReadmeSection("bench-open", "$& and $1 stay as written", file);
    const literal = "<!-- bench-open:start -->\n$& and $1 stay as written\n<!-- bench-open:end -->";
    assert.ok(readFileSync(file, "utf8").includes(literal), "no replacement patterns");
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test("writeReadmeSection(name, section, file) refuses a file without both markers, and leaves it alone", () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-common-"));
  try {
    const file = join(dir, "README.md");
    writeFileSync(file, "<!-- bench:end --> before <!-- bench:start -->\n");
    const lacks = /README\.md lacks <!-- bench:start --> … <!-- bench:end -->/;
    assert.throws(() => writeReadmeSection("bench", "x", file), lacks);
    assert.throws(() => writeReadmeSection("bench-browser", "x", file), /lacks <!-- bench-browser:start -->/);
    assert.equal(readFileSync(file, "utf8"), "<!-- bench:end --> before <!-- bench:start -->\n");
  } finally {
    rmSync(dir, { recursive: true });
  }
});
