/**
 * Writes the checked-in test corpora under tests/corpora/ (run once; the outputs are data):
 *
 *   npx tsx scripts/make-corpora.ts
 *
 * - prose.txt         the English UDHR, then three license texts from node_modules
 *                     (TypeScript's Apache-2.0 with its CRLF line endings, Python's PSF
 *                     license as shipped by argparse, fast-check's MIT license)
 * - code.txt          real source: a TypeScript file, a JavaScript file indented with tabs,
 *                     a Python file (this machine's CPython standard library), and a
 *                     JavaScript/TypeScript file rewritten with CRLF line endings
 * - multilingual.txt  UDHR excerpts (preamble or first articles, about 500-700 bytes each) in
 *                     many languages and scripts
 * - edge-cases.json   the hand-picked strings of EDGE_CASES below, non-ASCII written as \u escapes
 *
 * Paragraphs are separated by one blank line, so tests can split them on "\n\n".
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodeEntities } from "../src/lib/html-entities.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = ROOT + "tests/corpora/";
const NM = ROOT + "node_modules/";
const read = (p: string) => readFileSync(p, "utf8");

/** The text of each heading and paragraph of a UDHR declaration, in order. */
function udhrBlocks(code: string): { tag: string; text: string }[] {
  const html = read(`${NM}udhr/declaration/${code}.html`);
  const out: { tag: string; text: string }[] = [];
  for (const m of html.matchAll(/<(h1|h2|h3|p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    const text = decodeEntities(m[2].replace(/<[^>]+>/g, ""))
      .replace(/\s*\n\s*/g, " ")
      .trim();
    if (text) out.push({ tag: m[1], text });
  }
  return out;
}

function udhrText(code: string, maxBytes = Infinity): string {
  const parts: string[] = [];
  let bytes = 0;
  for (const b of udhrBlocks(code)) {
    if (bytes >= maxBytes) break;
    parts.push(b.text);
    bytes += Buffer.byteLength(b.text) + 2;
  }
  return parts.join("\n\n");
}

// ---- prose ------------------------------------------------------------------------------

const prose = [
  udhrText("eng"),
  read(NM + "typescript/LICENSE.txt").trim(), // Apache-2.0, CRLF line endings
  read(NM + "markdown-it/node_modules/argparse/LICENSE").trim(), // PSF license
  read(NM + "fast-check/LICENSE").trim(), // MIT
].join("\n\n");
// ---- code -------------------------------------------------------------------------------

/** The first lines of a file, up to about `max` characters. */
function head(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf("\n", max);
  return text.slice(0, cut + 1);
}

const codeParts: [string, string][] = [
  [
    "node_modules/gpt-tokenizer/src/BytePairEncodingCore.ts",
    head(read(NM + "gpt-tokenizer/src/BytePairEncodingCore.ts"), 9000),
  ],
  ["node_modules/wrap-ansi/index.js (tabs)", read(NM + "wrap-ansi/index.js")],
  ["/usr/lib/python3.11/textwrap.py", head(read("/usr/lib/python3.11/textwrap.py"), 9000)],
  [
    "node_modules/@jridgewell/sourcemap-codec/src/scopes.ts (CRLF)",
    head(read(NM + "@jridgewell/sourcemap-codec/src/scopes.ts"), 6000).replace(/\r?\n/g, "\r\n"),
  ],
];
const code = codeParts.map(([name, text]) => `// ---- ${name} ----\n\n${text.replace(/\s+$/, "")}\n`).join("\n");

// ---- multilingual -----------------------------------------------------------------------

const LANGS = [
  "fra",
  "deu_1996",
  "spa",
  "por_PT",
  "vie",
  "pol",
  "ces",
  "tur",
  "isl",
  "hun",
  "ron_2006",
  "lit",
  "lav",
  "mlt",
  "cym",
  "yor",
  "nav",
  "epo",
  "rus",
  "ukr",
  "bul",
  "srp_cyrl",
  "khk",
  "ell_monotonic",
  "ell_polytonic",
  "arb",
  "pes_1",
  "urd",
  "uig_arab",
  "heb",
  "ydd",
  "hin",
  "mar",
  "nep",
  "ben",
  "pan",
  "guj",
  "tam",
  "tel",
  "kan",
  "mal",
  "sin",
  "tha",
  "lao",
  "khm",
  "mya",
  "bod",
  "cmn_hans",
  "cmn_hant",
  "yue",
  "jpn",
  "kor",
  "amh",
  "hye",
  "kat",
  "chr_cased",
  "ike",
  "vai",
];
const multilingual = LANGS.map((code) => `== ${code} ==\n\n${udhrText(code, 450)}`).join("\n\n") + "\n";

// ---- edge cases -------------------------------------------------------------------------

export const EDGE_CASES: string[] = [
  // empty, lone surrogates, NUL
  "",
  "\uD800",
  "a\uDC00b",
  "\uDBFF",
  "\uDC00\uD800",
  "x\uD83D",
  "\uDE00y",
  "\uD83D\uDE00",
  " \uD800 ",
  "\uD800\uD800'\uD800s",
  "\0",
  "a\0b",
  "\0\0\0",
  " \0",
  "\0\n",
  // U+0085 NEXT LINE: White_Space for Rust's \s, not for JavaScript's \s
  "\u0085",
  " \u0085x",
  "x\u0085\u0085 y",
  "\u0085\n",
  "\n\u0085",
  "a\u0085b",
  "\u0085 ",
  " \u0085",
  "\u0085\u0085\u0085",
  "hello\u0085world",
  "\u0085Hello",
  "1\u00852",
  "!\u0085!",
  "\r\n\u0085\r\n",
  "\u0085's",
  "  \u0085  x",
  "x \u0085",
  // U+FEFF: White_Space for JavaScript's \s, not for Rust's \s
  "\uFEFF",
  "\uFEFFhello",
  "hel\uFEFFlo",
  "\uFEFF\uFEFF",
  " \uFEFFx",
  "x \uFEFF",
  "\uFEFF ",
  "\uFEFF\n",
  "a\uFEFF\uFEFFb",
  "\uFEFF123",
  "\uFEFF'\u017Ft",
  "\uFEFF<|endoftext|>",
  "  \uFEFF  ",
  // contractions, case folding, long s
  "don'\u017Ft",
  "'\u017F",
  "It'S",
  "'LL",
  "'Re",
  "'\u017F'\u017F",
  "\u017F",
  "it'\u017F a",
  "Don'T",
  "WE'VE",
  "I'M",
  "'D",
  "''s",
  "'s's",
  "x'\u017Fx",
  "'\u017F\u017F",
  " 's",
  "THAT'S",
  "ALLCAPS'S",
  "caf\u00E9's",
  "\u0391\u0392\u0393's",
  "I'd've",
  "y'all'll",
  "rock'n'roll",
  "Mr. O'Neil's 'quoted' text",
  "\u01C4's",
  "\u02B0's",
  "'K",
  "'\u212A",
  // CR, LF, trailing and long whitespace
  "\r\n",
  "\r\n\r\n\r\n",
  "a\r\nb",
  "  \r\n  \r\n",
  "\r\r\n\n",
  "line1\r\nline2\r\n",
  "\r",
  "x\r y",
  "}\r\n",
  "\n\n  ",
  "hello  ",
  "hello \n",
  "   ",
  "a   b",
  "a\t\tb",
  "\t\t\tx",
  " \t \n \t ",
  " ".repeat(64) + "x",
  "\n".repeat(50),
  "\t".repeat(40) + "y",
  "x" + " ".repeat(17) + "\n" + " ".repeat(9) + "y",
  // numbers
  "1234567",
  "12345678901234567890",
  " 1234",
  "3.14159",
  "1,000,000",
  "\u0663\u0664\u0665",
  "\u0661\u0662\u0663\u0664\u0665\u0666\u0667",
  "\u0967\u0968\u0969\u096A",
  "\u00B9\u00B2\u00B3",
  "\u00BD\u00BE",
  "\u216B",
  "\u216B\u216B\u216B\u216B",
  "\u216B century",
  "\u2460\u2461\u2462\u2463",
  "\uD835\uDFCF\uD835\uDFD0\uD835\uDFD1",
  "x\u00B2",
  "v1.2.3-beta4",
  "a1b22c333d4444",
  // combining marks
  " \u0301",
  "a\u0301\u0301",
  "!\u0301",
  "\u0301",
  "\u0301\u0301\u0301",
  "e\u0301",
  "E\u0301COLE",
  "\u0301a",
  "1\u0301",
  "\n\u0301",
  "\uFF21\u0308",
  "\u0928\u092E\u0938\u094D\u0924\u0947",
  "\u0995\u09CD\u09B7",
  "x \u0301y",
  "Z\u0351\u036B\u0343\u036A\u0302\u036B\u033D\u034F\u0334\u0319\u0324\u031E\u0349\u035A\u032F\u031E\u0320\u034Da\u0300l\u0301g\u0302o",
  // emoji
  "\uD83D\uDC4D\uD83C\uDFFD",
  "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66",
  "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08",
  "\uD83C\uDDFA\uD83C\uDDF8\uD83C\uDDEC\uD83C\uDDE7",
  "\uD83C\uDDEF\uD83C\uDDF5",
  "\u2764\uFE0F",
  "\uD83E\uDDD1\uD83C\uDFFF\u200D\uD83D\uDCBB",
  "\uD83D\uDC4B hello \uD83D\uDC4B\uD83C\uDFFB",
  "\uD83D\uDE00\uD83D\uDE03\uD83D\uDE04\uD83D\uDE01",
  "#\uFE0F\u20E3",
  "\uD83E\uDEE0",
  "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F",
  // letters and case
  "HTTPServerError",
  "iPhone",
  "getElementById",
  "XMLHttpRequest",
  "snake_case_name",
  "kebab-case-name",
  "camelCase123abc",
  "\u00C0\u00C9\u00CE\u00F5\u00FC",
  "\u01C5ungla",
  "\u01F2",
  "\u1F88",
  "\u02B0\u02B2",
  "\uFF21\uFF22\uFF23\uFF41\uFF42\uFF43",
  "\u03A3\u038A\u03A3\u03A5\u03A6\u039F\u03A3",
  "\u0130stanbul",
  "stra\u00DFe STRASSE",
  "\uFB01",
  "\u210C\uD835\uDD22\uD835\uDD29\uD835\uDD29\uD835\uDD2C",
  "\u01C4",
  "\uFDFA",
  "ABCdef GHIjkl",
  "aBcDeF",
  "A",
  "a",
  "\u00AA\u00BA",
  // spaces that are and are not White_Space
  "\u3000",
  "a\u3000b",
  "\u00A0",
  "a\u00A0b",
  " \u00A0 x",
  "\u2028",
  "a\u2028b",
  "\u2029",
  "\u200B",
  "a\u200Bb",
  "\u180E",
  "a\u180Eb",
  "\u1680",
  "\u202F",
  "\u205F",
  "\u2000\u2001\u200A",
  "\u000B\u000C",
  "\u001C\u001D\u001E\u001F",
  "a \u3000 b",
  "\u00A0\n",
  // other invisible or unusual characters
  "\u00AD",
  "a\u200Db",
  "\u200C",
  "\u2060",
  "\uE000",
  "\uFFFD",
  "\uFFFF",
  "\uDBFF\uDFFF",
  "\uDB40\uDC01",
  "\u0000\u0001\u007F",
  // tabs
  "\t",
  "\tfoo",
  "if (x) {\n\treturn y;\n}",
  "a\tb\tc",
  "\t \t",
  // special-token texts (ordinary text for encodeOrdinary)
  "<|endoftext|>",
  "<|endoftext|>hello",
  "hello<|endoftext|>",
  "<|fim_prefix|>",
  "<|fim_middle|>",
  "<|fim_suffix|>",
  "<|endofprompt|>",
  "<|start|>",
  "<|im_start|>",
  "<|endoftext|",
  "<|endoftext|><|endoftext|>",
  "<|reserved_200013|>",
  "<|startoftext|>",
  " <|endoftext|> ",
  // markup, code, punctuation
  "<script>alert(1)</script>",
  '<div class="a">&amp;&lt;</div>',
  "<!-- comment -->",
  "</path/to/file>",
  "https://example.com/a/b?c=d&e=f#g",
  "a//b///c",
  "C:\\Windows\\System32",
  "~/.bashrc",
  "foo@example.com",
  "$ npm run test -- --grep 'x'",
  "```ts\nconst x = 1;\n```",
  '{"key": [1, 2, 3]}',
  "i++; j--; k **= 2;",
  "!==",
  "=>",
  "...",
  "\u2014",
  "\u2013",
  "\u2026",
  "\u00AB\u00BB",
  "\u201Cquotes\u201D",
  "\u2018single\u2019",
  "?!/\n",
  "//\n//\r\n",
  " ///",
  // long runs
  "a".repeat(5000),
  " ".repeat(5000),
  "!".repeat(3000),
  "ab".repeat(1500),
  "\n".repeat(1000),
  "1".repeat(1000),
  "\uD83D\uDE42".repeat(500),
  "\u00E9".repeat(1000),
  "\u4E2D".repeat(1000),
  ("a".repeat(100) + " ").repeat(20),
  // mixed
  "Hello, WORLD's 12345 ok\n\n",
  "The year 2024's best: 3\u00BD stars!!! \uD83C\uDF89\uD83C\uDF89",
  "  leading and trailing  ",
  "\u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD hello \u4F60\u597D \u3053\u3093\u306B\u3061\u306F \uC548\uB155",
  "price: $1,234.56 (\u20AC1.000,00) \u00A51234",
];

/** JSON with every character outside printable ASCII written as a \u escape. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[^\x20-\x7e]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"))
    .replace(/\\u([0-9a-f]{4})/g, (_, h: string) => "\\u" + h.toUpperCase());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(OUT + "prose.txt", prose + "\n");
  writeFileSync(OUT + "code.txt", code);
  writeFileSync(OUT + "multilingual.txt", multilingual);
  writeFileSync(OUT + "edge-cases.json", "[\n" + EDGE_CASES.map((s) => "  " + asciiJson(s)).join(",\n") + "\n]\n");
  for (const f of ["prose.txt", "code.txt", "multilingual.txt", "edge-cases.json"]) {
    console.log(f, Buffer.byteLength(readFileSync(OUT + f)), "bytes");
  }
}
