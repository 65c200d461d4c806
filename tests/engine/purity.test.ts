/**
 * The house rules, checked on the source text of every file (README, "File map"):
 *
 *   pages (src/*.md, src/embed/) → components → lib → engine
 *   workers → lib → engine;   data loaders and scripts → lib → engine
 *
 * - The engine (src/engine/) runs unchanged in a browser, a Web Worker and Node: its files (all
 *   but node.ts, the Node-only loader) import nothing outside src/engine/, no Node module, no
 *   package, and touch no DOM, process or Buffer. The core never imports a vocabulary.
 * - Outside the engine, code imports it only through its door, index.ts (or node.ts in Node).
 *   Engine tests (tests/engine/) test its insides and may import any engine file.
 * - src/components/ holds only functions that build DOM; worker entry points and clients live in
 *   src/workers/; src/lib/ has no DOM.
 * - A view (page, component, embed) imports no data loader or script; a loader or script imports
 *   no view.
 * - No hand-written source file is over 700 lines.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Every source file below `dir` (relative to the repository), Framework's cache left out. */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir)).sort()) {
    if (name === ".observablehq" || name === "node_modules") continue;
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...walk(path));
    else if (/\.(ts|mjs|md)$/.test(name)) out.push(path);
  }
  return out;
}

/** A file's code without its comments (which show usage examples). */
function code(file: string): string {
  const text = readFileSync(join(ROOT, file), "utf8");
  return text.replace(/\/\*[\s\S]*?\*\/|(^|[^:"'`])\/\/.*$/gm, "$1");
}

/** Every import of a file: static, dynamic and re-exports; relative ones resolved to repository paths. */
function importsOf(file: string): { spec: string; path?: string }[] {
  const found: { spec: string; path?: string }[] = [];
  for (const [, spec] of code(file).matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g)) {
    const path = spec.startsWith(".")
      ? relative(ROOT, resolve(ROOT, dirname(file), spec))
          .split(sep)
          .join("/")
      : undefined;
    found.push({ spec, path: path?.replace(/\.js$/, ".ts") });
  }
  return found;
}

const SOURCES = [...walk("src"), ...walk("scripts"), ...walk("tests")];
const inside = (path: string | undefined, dir: string) => path !== undefined && path.startsWith(dir);
const ENGINE_DOORS = new Set(["src/engine/index.ts", "src/engine/node.ts"]);
const isView = (f: string) => inside(f, "src/components/") || inside(f, "src/embed/") || /^src\/[^/]+\.md$/.test(f);
const isLoaderOrScript = (f: string) => inside(f, "src/data/") || inside(f, "scripts/");
const DOM = /\bdocument\.|\bHTMLElement\b|\bSVGElement\b|\bSVGSVGElement\b|\bElement\b|\bPlot\.|\bhtml`|\bsvg`/;
const WORKER_SIDE = /\bnew Worker\(|\bself\.(postMessage|onmessage|addEventListener)\b|\bDedicatedWorkerGlobalScope\b/;

test("the house rules' file lists are not empty (each rule below can fail)", () => {
  for (const dir of ["src/engine/", "src/lib/", "src/workers/", "src/components/", "src/data/", "scripts/"]) {
    assert.ok(SOURCES.filter((f) => f.startsWith(dir)).length >= 3, dir);
  }
});

test("src/engine/ (but node.ts) imports no Node module, no package, nothing outside src/engine/", () => {
  for (const f of SOURCES.filter((f) => inside(f, "src/engine/") && f !== "src/engine/node.ts")) {
    for (const { spec, path } of importsOf(f)) {
      assert.ok(inside(path, "src/engine/"), `${f} imports ${spec}`);
      assert.notEqual(path, "src/engine/node.ts", `${f} imports the Node-only loader`);
    }
  }
});

test("src/engine/ (but node.ts) touches no DOM, no process, no Buffer", () => {
  for (const f of SOURCES.filter((f) => inside(f, "src/engine/") && f !== "src/engine/node.ts")) {
    for (const word of [/\bdocument\b/, /\bwindow\b/, /\bprocess\b/, /\brequire\(/, /\bBuffer\b/]) {
      assert.equal(word.test(code(f)), false, `${f} mentions ${word.source}`);
    }
  }
});

test("code outside the engine imports it only through src/engine/index.ts (or node.ts)", () => {
  for (const f of SOURCES.filter((f) => !inside(f, "src/engine/") && !inside(f, "tests/engine/"))) {
    for (const { spec, path } of importsOf(f)) {
      if (inside(path, "src/engine/"))
        assert.ok(ENGINE_DOORS.has(path!), `${f} imports ${spec}, not the engine's index.ts`);
    }
  }
});

test("in the browser, nothing imports src/engine/node.ts", () => {
  for (const f of SOURCES.filter((f) => inside(f, "src/") && !inside(f, "src/data/") && f !== "src/engine/node.ts")) {
    for (const { spec, path } of importsOf(f)) assert.notEqual(path, "src/engine/node.ts", `${f} imports ${spec}`);
  }
});

test("every file under src/components/ builds DOM", () => {
  for (const f of SOURCES.filter((f) => inside(f, "src/components/"))) {
    assert.match(code(f), DOM, `${f} has no DOM in it: it belongs in src/lib/`);
  }
});

test("src/lib/ has no DOM and imports only the engine and itself", () => {
  for (const f of SOURCES.filter((f) => inside(f, "src/lib/"))) {
    // Template literals are left out: embed-snippets.ts writes code for other pages as text.
    const own = code(f).replace(/`(?:\\.|[^`\\])*`/g, "``");
    assert.doesNotMatch(own, /\bdocument\.|\bHTMLElement\b|\bPlot\./, `${f} builds DOM`);
    for (const { spec, path } of importsOf(f)) {
      if (path) assert.ok(inside(path, "src/lib/") || ENGINE_DOORS.has(path), `${f} imports ${spec}`);
    }
  }
});

test("worker entry points and clients sit in src/workers/, which imports no view", () => {
  for (const f of SOURCES.filter((f) => inside(f, "src/") && f.endsWith(".ts") && !inside(f, "src/workers/"))) {
    assert.doesNotMatch(code(f), WORKER_SIDE, `${f} starts or runs a worker: it belongs in src/workers/`);
  }
  for (const f of SOURCES.filter((f) => inside(f, "src/workers/"))) {
    for (const { spec, path } of importsOf(f)) {
      if (path)
        assert.ok(
          inside(path, "src/workers/") || inside(path, "src/lib/") || ENGINE_DOORS.has(path),
          `${f} imports ${spec}`,
        );
    }
  }
});

test("a view imports no data loader or script, and a loader or script imports no view", () => {
  for (const f of SOURCES.filter(isView)) {
    for (const { spec, path } of importsOf(f)) {
      assert.ok(!path || !isLoaderOrScript(path), `${f} (a view) imports ${spec}`);
    }
  }
  for (const f of SOURCES.filter(isLoaderOrScript)) {
    for (const { spec, path } of importsOf(f)) assert.ok(!path || !isView(path), `${f} imports ${spec}, a view`);
  }
});

test("no hand-written source file is over 700 lines", () => {
  for (const f of SOURCES.filter((f) => f.endsWith(".ts") && !f.includes(".generated."))) {
    const lines = readFileSync(join(ROOT, f), "utf8").split("\n").length;
    assert.ok(lines <= 700, `${f} has ${lines} lines`);
  }
});
