import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, test } from "node:test";
import {
  checkDist,
  findCssUrls,
  findImports,
  formatProblems,
  isBareSpecifier,
  type Problem,
} from "../../scripts/check-dist.ts";

/** A clean page the way Framework writes one. */
const CLEAN_PAGE = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<link rel="stylesheet" type="text/css" href="./_import/style.abc.css">
<link rel="modulepreload" href="./_observablehq/client.abc.js">
<link rel="modulepreload" href="./_node/htl@0.3.1/index.abc.js">
<script type="module">
import {define} from "./_observablehq/client.abc.js";
define({id: "1", body: async () => {
  const [{html}] = await Promise.all([import("./_node/htl@0.3.1/index.abc.js")]);
  return {html};
}});
</script>
</head>
<body>
<a href="https://github.com/openai/tiktoken">tiktoken</a>
<img src="./_file/logo.abc.png" alt="">
<script>{const e = "x";}</script>
</body>
</html>
`;

/** Framework's own client: lazy imports of optional libraries from /_npm/ are expected there. */
const FRAMEWORK_CLIENT = `export async function lib(name) {
  switch (name) {
    case "react": return import("../_npm/react@0.0.0/_esm.js");
    case "d3": return import("../_npm/d3@0.0.0/_esm.js");
  }
  return import(\`./stdlib/\${name}.js\`);
}
`;

const CLEAN_TREE: Record<string, string> = {
  "index.html": CLEAN_PAGE,
  "docs/page.html": CLEAN_PAGE.replaceAll("./_", "../_"),
  "_import/style.abc.css": `@import url("./fonts.css");\nbody { background: url(data:image/png;base64,AAAA); }\n/* url(https://example.com/commented-out.png) */\n`,
  "_import/components/token-count.abc.js": `import {x} from "../bpe/index.abc.js";\nexport * from "./other.abc.js";\nexport function f() { return x; }\n`,
  "_node/htl@0.3.1/index.abc.js": `const s = "import 'd3'"; // a string, not an import\nexport const html = () => s;\n`,
  "_observablehq/client.abc.js": FRAMEWORK_CLIENT,
  "_observablehq/theme-air.css": `:root { --theme-foreground: #000; }\n`,
  "_file/data/o200k_base.abc.tiktoken": 'SGVsbG8= 0\nimport "x" 1\n',
};

const dirs: string[] = [];

/** A temp folder holding `files` (path → text). */
function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "check-dist-test-"));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function withFile(file: string, text: string): string {
  return fixture({ ...CLEAN_TREE, [file]: text });
}

function only(problems: Problem[], kind: Problem["kind"]): Problem[] {
  assert.ok(problems.length > 0, "expected at least one problem, got none");
  assert.deepEqual(
    problems.filter((p) => p.kind !== kind),
    [],
    `expected only ${kind} problems:\n${formatProblems(problems)}`,
  );
  return problems;
}

afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe("checkDist(dir)", () => {
  test("checkDist(dir) passes a clean tree", () => {
    assert.deepEqual(checkDist(fixture(CLEAN_TREE)), []);
  });

  test("checkDist(dir) reports a bare import left in a page", () => {
    const page = CLEAN_PAGE.replace(`import("./_node/htl@0.3.1/index.abc.js")`, `import("htl")`);
    const problems = only(checkDist(withFile("index.html", page)), "bare-import");
    assert.deepEqual(problems, [{ file: "index.html", kind: "bare-import", detail: `import("htl")` }]);
  });

  test("checkDist(dir) reports static bare imports and re-exports in _import/ and _node/", () => {
    const dir = fixture({
      ...CLEAN_TREE,
      "_import/a.js": `import * as d3 from "d3";\nexport {d3};\n`,
      "_node/pkg@1.0.0/index.js": `export {x} from "npm:left-pad";\nimport "side-effect";\n`,
    });
    const problems = only(checkDist(dir), "bare-import");
    assert.deepEqual(
      problems.map((p) => `${p.file}: ${p.detail}`),
      [
        `_import/a.js: import "d3"`,
        `_node/pkg@1.0.0/index.js: export … from "npm:left-pad"`,
        `_node/pkg@1.0.0/index.js: import "side-effect"`,
      ],
    );
  });

  test("checkDist(dir) reports a page that loads a module from /_npm/ (the CDN)", () => {
    const page = CLEAN_PAGE.replace(`./_node/htl@0.3.1/index.abc.js")`, `./_npm/htl@0.3.1/_esm.js")`);
    const problems = only(checkDist(withFile("index.html", page)), "npm-cdn");
    assert.equal(problems[0]!.file, "index.html");
  });

  test("checkDist(dir) ignores Framework's lazy /_npm/ imports in _observablehq/", () => {
    assert.deepEqual(checkDist(withFile("_observablehq/stdlib.abc.js", FRAMEWORK_CLIENT)), []);
  });

  test("checkDist(dir) reports a remote stylesheet", () => {
    const page = CLEAN_PAGE.replace(
      '<meta charset="utf-8">',
      `<meta charset="utf-8">\n<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter&amp;display=swap">`,
    );
    const problems = only(checkDist(withFile("index.html", page)), "remote");
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.detail, /fonts\.googleapis\.com\/css2\?family=Inter&display=swap/);
  });

  test("checkDist(dir) reports a preconnect even without a stylesheet", () => {
    const page = CLEAN_PAGE.replace(
      '<meta charset="utf-8">',
      `<meta charset="utf-8"><link rel=preconnect href=https://fonts.gstatic.com crossorigin>`,
    );
    const problems = only(checkDist(withFile("index.html", page)), "remote");
    assert.match(problems[0]!.detail, /preconnect/);
  });

  test("checkDist(dir) reports a remote script", () => {
    const page = CLEAN_PAGE.replace("</head>", `<script src="https://cdn.jsdelivr.net/npm/d3@7"></script>\n</head>`);
    const problems = only(checkDist(withFile("index.html", page)), "remote");
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.detail, /^<script src="https:\/\/cdn\.jsdelivr\.net\/npm\/d3@7">$/);
  });

  test("checkDist(dir) reports a protocol-relative script and a remote image", () => {
    const page = CLEAN_PAGE.replace(
      "</body>",
      `<script SRC='//cdn.example.com/x.js'></script><img src=http://example.com/a.png></body>`,
    );
    const problems = only(checkDist(withFile("index.html", page)), "remote");
    assert.equal(problems.length, 2);
  });

  test("checkDist(dir) reports remote imports in any script, Framework's own included", () => {
    const dir = fixture({
      ...CLEAN_TREE,
      "_observablehq/client.abc.js": `${FRAMEWORK_CLIENT}\nimport("https://cdn.jsdelivr.net/npm/react/+esm");\n`,
      "_import/a.js": `import x from "//esm.sh/x";\nexport default x;\n`,
    });
    const problems = only(checkDist(dir), "remote");
    assert.deepEqual(
      problems.map((p) => p.file),
      ["_import/a.js", "_observablehq/client.abc.js"],
    );
  });

  test("checkDist(dir) reports a CSS url(https://…)", () => {
    const css = `@font-face { font-family: X; src: url(https://fonts.gstatic.com/s/x.woff2) format("woff2"); }\n`;
    const problems = only(checkDist(withFile("_import/style.abc.css", css)), "remote");
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.detail, /fonts\.gstatic\.com/);
  });

  test("checkDist(dir) reports a remote CSS @import, in a file or an inline <style>", () => {
    const dir = fixture({
      ...CLEAN_TREE,
      "_observablehq/theme.css": `@import "https://fonts.googleapis.com/css?family=Inter";\n`,
      "index.html": CLEAN_PAGE.replace("</head>", `<style>@import url('https://example.com/a.css');</style></head>`),
    });
    const problems = only(checkDist(dir), "remote");
    assert.deepEqual(
      problems.map((p) => p.file),
      ["_observablehq/theme.css", "index.html"],
    );
  });

  test("checkDist(dir) throws a clear error when the folder is missing", () => {
    assert.throws(
      () => checkDist(join(tmpdir(), "no-such-dist-folder-for-check-dist")),
      /not a directory: build the site first/,
    );
  });
});

describe("helpers", () => {
  test("findImports(code) finds static, re-export and dynamic imports, not strings", () => {
    const refs = findImports(
      `import a from "a"; export * from "./b.js"; const s = "import 'c'"; import("./d.js"); import(\`./e/\${x}\`);`,
    );
    assert.deepEqual(
      refs.map((r) => [r.form, r.specifier, r.exact]),
      [
        ["import", "a", true],
        ["export", "./b.js", true],
        ["import()", "./d.js", true],
        ["import()", "./e/", false],
      ],
    );
  });

  test("isBareSpecifier(specifier) accepts only relative and absolute paths and URLs", () => {
    for (const s of ["./a.js", "../a.js", "/_node/a.js", "https://x.test/a.js", "//x.test/a.js"])
      assert.equal(isBareSpecifier(s), false, s);
    for (const s of ["d3", "@observablehq/plot", "npm:d3", "node:fs"]) assert.equal(isBareSpecifier(s), true, s);
  });

  test("findCssUrls(css) finds url() and @import targets, skipping comments", () => {
    assert.deepEqual(findCssUrls(`/* url(a) */ b { c: url( "d.png" ) } @import 'e.css'; f { g: url(h.svg#i) }`), [
      "d.png",
      "h.svg#i",
      "e.css",
    ]);
  });
});
