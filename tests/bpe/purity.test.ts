/**
 * The engine runs unchanged in a browser, a Web Worker and Node: its files (all of
 * src/bpe/ but node.ts, the Node-only loader) use no Node module, no DOM and no process, and
 * the core never imports a vocabulary.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

const dir = new URL("../../src/bpe/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "node.ts");
/** A file's code without its comments (which show usage examples). */
const code = (f: string) => readFileSync(new URL(f, dir), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");

test("src/bpe/ (but node.ts) imports no Node module and nothing outside src/bpe/", () => {
  assert.ok(files.length >= 10);
  for (const f of files) {
    for (const [, spec] of code(f).matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
      assert.ok(spec.startsWith("./") && !spec.includes("/", 2), `${f} imports ${spec}`);
      assert.notEqual(spec, "./node.js", `${f} imports the Node-only loader`);
    }
  }
});

test("src/bpe/ (but node.ts) touches no DOM, no process, no Buffer", () => {
  for (const f of files) {
    for (const word of [/\bdocument\b/, /\bwindow\b/, /\bprocess\b/, /\brequire\(/, /\bBuffer\b/]) {
      assert.equal(word.test(code(f)), false, `${f} mentions ${word.source}`);
    }
  }
});
