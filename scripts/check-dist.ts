/**
 * Post-build check of `dist/`: the built site must work with no network and from one origin.
 *
 *   tsx scripts/check-dist.ts [dir]     (dir defaults to dist/; `npm run build` runs it)
 *
 * It parses every `.html`, `.js` and `.css` file under the directory and reports:
 *
 * - `bare-import`: an import specifier that is neither a relative nor an absolute path
 *   (`import "d3"`, `import("htl")`, `from "npm:x"`) left in a page, `_import/` or `_node/`.
 *   The browser cannot resolve it, so the page breaks (e.g. an ESM-only package Framework could
 *   not bundle).
 * - `npm-cdn`: a reference to `/_npm/` from a page, `_import/` or `_node/`: a module Framework
 *   downloaded from the jsDelivr CDN (an `npm:` import or an implicit global such as `Plot`),
 *   which needs the network at build time.
 *   Both rules skip Framework's own `_observablehq/` runtime: its client and stdlib always hold
 *   lazy `import("../_npm/…")` calls for optional libraries that a page only triggers by using them.
 * - `remote`: anything that would make the browser contact another origin, in any file:
 *   `<link href>`, `<script src>`, `<img src>` (and other `src`/`srcset`/`poster`/`data`
 *   attributes), `import`/`import()` of `http(s)://` or `//host`, CSS `url(http…)` and
 *   `@import`, and any `<link rel="preconnect">` / `dns-prefetch`.
 *
 * The checking functions are exported for the tests; the CLI at the bottom only prints.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export type ProblemKind = "bare-import" | "npm-cdn" | "remote";

export interface Problem {
  /** Path relative to the checked directory, with `/` separators. */
  file: string;
  kind: ProblemKind;
  /** What was found, e.g. `import "d3"` or `<link href="https://fonts.googleapis.com/…">`. */
  detail: string;
}

/** Where a file sits, which decides the rules that apply to its imports. */
type Scope = "page" | "app" | "framework" | "other";

/** `//host/…`, `http://…`, `https://…`, `ws(s)://…` (after trimming; case-insensitive). */
export function isRemote(url: string): boolean {
  return /^(?:[a-z]+:)?\/\//i.test(url.trim()) && !/^file:/i.test(url.trim());
}

/** A specifier the browser resolves on its own: `./x`, `../x`, `/x`, or a remote URL. */
export function isBareSpecifier(specifier: string): boolean {
  const s = specifier.trim();
  return !(s.startsWith("./") || s.startsWith("../") || s.startsWith("/") || isRemote(s));
}

function scopeOf(file: string): Scope {
  if (file.endsWith(".html")) return "page";
  if (file.startsWith("_import/") || file.startsWith("_node/")) return "app";
  if (file.startsWith("_observablehq/")) return "framework";
  return "other";
}

function short(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

// ---------------------------------------------------------------------------------------------
// JavaScript

/** One module specifier found in a script: its text, and how it was written. */
export interface ImportRef {
  specifier: string;
  /** `import`, `export … from`, `import()`; `dynamic` specifiers may be template heads. */
  form: "import" | "export" | "import()";
  /** False when only the start of a template literal is known (`import(\`./x/${y}\`)`). */
  exact: boolean;
}

/** Every static import, re-export and `import()` with a string (or template) argument. */
export function findImports(code: string, fileName = "module.js"): ImportRef[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const found: ImportRef[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, form: "import", exact: true });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, form: "export", exact: true });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) {
        found.push({ specifier: arg.text, form: "import()", exact: true });
      } else if (arg && ts.isTemplateExpression(arg)) {
        found.push({ specifier: arg.head.text, form: "import()", exact: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function describeImport(ref: ImportRef): string {
  const spec = ref.exact ? `"${ref.specifier}"` : `\`${ref.specifier}\${…}\``;
  return ref.form === "import()"
    ? `import(${spec})`
    : ref.form === "export"
      ? `export … from ${spec}`
      : `import ${spec}`;
}

function checkScript(code: string, file: string, scope: Scope, problems: Problem[]): void {
  const appRules = scope === "page" || scope === "app";
  let refs: ImportRef[];
  try {
    refs = findImports(code, file);
  } catch (err) {
    problems.push({ file, kind: "remote", detail: `could not parse as JavaScript: ${String(err)}` });
    return;
  }
  for (const ref of refs) {
    if (isRemote(ref.specifier)) {
      problems.push({ file, kind: "remote", detail: describeImport(ref) });
    } else if (appRules && ref.exact && isBareSpecifier(ref.specifier)) {
      problems.push({ file, kind: "bare-import", detail: describeImport(ref) });
    } else if (appRules && /(^|\/)_npm\//.test(ref.specifier)) {
      problems.push({ file, kind: "npm-cdn", detail: describeImport(ref) });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// CSS

/** Every `url(…)` and `@import "…"` target in a stylesheet (comments ignored). */
export function findCssUrls(css: string): string[] {
  const code = css.replace(/\/\*[\s\S]*?\*\//g, "");
  const urls: string[] = [];
  for (const m of code.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)/gi)) {
    urls.push(m[1] ?? m[2] ?? m[3] ?? "");
  }
  for (const m of code.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) urls.push(m[1] ?? m[2] ?? "");
  return urls;
}

function checkCss(css: string, file: string, problems: Problem[]): void {
  for (const url of findCssUrls(css)) {
    if (isRemote(url)) problems.push({ file, kind: "remote", detail: `CSS url(${short(url)})` });
  }
}

// ---------------------------------------------------------------------------------------------
// HTML

export interface HtmlTag {
  name: string;
  attrs: Map<string, string>;
  /** The text inside `<script>` and `<style>` elements. */
  content?: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", colon: ":", sol: "/" };

/**
 * An attribute's value as a browser reads it. Not src/lib/html-entities.ts: a browser also takes
 * a reference without its ";" and knows &colon; and &sol;, so an address spelled "https&colon;//…"
 * must still be caught here.
 */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** The start tags of a document, with decoded attributes and raw-text contents. */
export function parseHtmlTags(html: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const nameMatch = /^[A-Za-z][A-Za-z0-9-]*/.exec(html.slice(lt + 1, lt + 64));
    if (!nameMatch) {
      // `</x>`, `<!doctype>`, `<?…>` or a lone "<" in text.
      const end = html[lt + 1] === "/" || html[lt + 1] === "!" || html[lt + 1] === "?" ? html.indexOf(">", lt) : lt;
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    const attrs = new Map<string, string>();
    let j = lt + 1 + nameMatch[0].length;
    for (;;) {
      while (j < html.length && /[\s/]/.test(html[j]!)) j++;
      if (j >= html.length || html[j] === ">") break;
      const attr = /^[^\s"'>/=]+/.exec(html.slice(j, j + 256));
      if (!attr) {
        j++;
        continue;
      }
      j += attr[0].length;
      let k = j;
      while (k < html.length && /\s/.test(html[k]!)) k++;
      let value = "";
      if (html[k] === "=") {
        k++;
        while (k < html.length && /\s/.test(html[k]!)) k++;
        const quote = html[k];
        if (quote === '"' || quote === "'") {
          const end = html.indexOf(quote, k + 1);
          value = html.slice(k + 1, end < 0 ? html.length : end);
          j = end < 0 ? html.length : end + 1;
        } else {
          const m = /^[^\s>]*/.exec(html.slice(k))!;
          value = m[0];
          j = k + m[0].length;
        }
      }
      const key = attr[0].toLowerCase();
      if (!attrs.has(key)) attrs.set(key, decodeEntities(value));
    }
    const tag: HtmlTag = { name, attrs };
    i = j + 1;
    if (name === "script" || name === "style") {
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      const end = close < 0 ? html.length : close;
      tag.content = html.slice(i, end);
      i = end;
    }
    tags.push(tag);
  }
  return tags;
}

/** Attributes whose URL the browser fetches on its own (`<a href>` is not fetched). */
const FETCHED_ATTRS = ["src", "poster", "data", "background"];

function checkHtml(html: string, file: string, problems: Problem[]): void {
  for (const tag of parseHtmlTags(html)) {
    const { name, attrs } = tag;
    const show = (attr: string): string => `<${name} ${attr}="${short(attrs.get(attr) ?? "")}">`;
    if (name === "link") {
      const rel = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
      const href = attrs.get("href") ?? "";
      if (rel.includes("preconnect") || rel.includes("dns-prefetch")) {
        problems.push({ file, kind: "remote", detail: `<link rel="${attrs.get("rel")}" href="${short(href)}">` });
      } else if (isRemote(href)) {
        problems.push({ file, kind: "remote", detail: `<link rel="${attrs.get("rel") ?? ""}" href="${short(href)}">` });
      } else if (rel.includes("modulepreload") && /(^|\/)_npm\//.test(href)) {
        problems.push({ file, kind: "npm-cdn", detail: show("href") });
      }
    }
    for (const attr of FETCHED_ATTRS) {
      const value = attrs.get(attr);
      if (value !== undefined && isRemote(value)) problems.push({ file, kind: "remote", detail: show(attr) });
    }
    for (const attr of ["srcset", "imagesrcset"]) {
      const value = attrs.get(attr);
      if (value !== undefined && value.split(",").some((c) => isRemote(c.trim().split(/\s+/)[0] ?? ""))) {
        problems.push({ file, kind: "remote", detail: show(attr) });
      }
    }
    const style = attrs.get("style");
    if (style) checkCss(style, file, problems);
    if (name === "style" && tag.content) checkCss(tag.content, file, problems);
    if (name === "script" && tag.content && !attrs.has("src")) {
      const type = (attrs.get("type") ?? "").trim().toLowerCase();
      if (type === "" || type === "module" || type === "text/javascript" || type === "application/javascript") {
        checkScript(tag.content, file, "page", problems);
      } else if (type === "importmap") {
        for (const m of tag.content.matchAll(/"([^"\\]*(?:\\.[^"\\]*)*)"/g)) {
          if (isRemote(m[1]!)) problems.push({ file, kind: "remote", detail: `import map entry "${short(m[1]!)}"` });
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The walk

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** Check one file's text; `file` is its path relative to the site root, with `/` separators. */
export function checkFile(file: string, text: string): Problem[] {
  const problems: Problem[] = [];
  if (file.endsWith(".html")) checkHtml(text, file, problems);
  else if (file.endsWith(".js") || file.endsWith(".mjs")) checkScript(text, file, scopeOf(file), problems);
  else if (file.endsWith(".css")) checkCss(text, file, problems);
  return problems;
}

/** Check every `.html`, `.js` and `.css` file under `dir` (a built site). Throws if `dir` is not a folder. */
export function checkDist(dir: string): Problem[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`${dir} is not a directory: build the site first (npm run build).`);
  }
  const problems: Problem[] = [];
  for (const path of listFiles(dir)) {
    const file = relative(dir, path).split(sep).join("/");
    if (!/\.(html|m?js|css)$/.test(file)) continue;
    problems.push(...checkFile(file, readFileSync(path, "utf8")));
  }
  return problems;
}

/** A readable report of problems, grouped by kind. */
export function formatProblems(problems: readonly Problem[]): string {
  const headings: Record<ProblemKind, string> = {
    "bare-import":
      "Bare import specifiers the browser cannot resolve (import the package so Framework bundles it, or use a relative path):",
    "npm-cdn":
      "Modules from the npm CDN (/_npm/): replace `npm:` imports and implicit globals (Plot, d3, Inputs, html) with bare imports:",
    remote: "References to another origin (the site must make no request outside its own origin):",
  };
  const parts: string[] = [];
  for (const kind of Object.keys(headings) as ProblemKind[]) {
    const group = problems.filter((p) => p.kind === kind);
    if (!group.length) continue;
    parts.push(headings[kind], ...group.map((p) => `  ${p.file}: ${p.detail}`));
  }
  return parts.join("\n");
}

// ---------------------------------------------------------------------------------------------
// CLI

function main(argv: readonly string[]): number {
  const dir = argv[0] ?? fileURLToPath(new URL("../dist/", import.meta.url));
  let problems: Problem[];
  try {
    problems = checkDist(dir);
  } catch (err) {
    console.error(`check-dist: ${(err as Error).message}`);
    return 2;
  }
  if (problems.length) {
    console.error(`check-dist: ${problems.length} problem(s) in ${dir}\n${formatProblems(problems)}`);
    return 1;
  }
  console.log(`check-dist: ${dir} is self-contained (no bare imports, no CDN modules, no other origins).`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  process.exitCode = main(process.argv.slice(2));
