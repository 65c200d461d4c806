/**
 * Data loader: the language-tax page's table, printed to stdout as udhr-premium.csv. One row
 * per complete UDHR translation (src/data/build/udhr-corpus.ts; English included, premium 1), with
 * its size and its tokens under r50k_base, cl100k_base, o200k_base, llama3, qwen3, mixtral_v0_1
 * and claude_legacy, each relative to English (src/data/build/udhr-premium.ts). The texts left out, and why: udhr-excluded.json.ts.
 *
 *   npx tsx src/data/udhr-premium.csv.ts > /tmp/udhr-premium.csv
 *   → code,name,script,chars,bytes,words,r50k_base,r50k_base_premium,cl100k_base,…,latitude,longitude,bcp47
 *     …
 *     hye,Armenian,Armenian,8783,16379,1098,16375,10.43,16375,10.738,2354,1.545,40,45,hy
 *     …
 *
 * - `latitude` and `longitude` are empty for the 9 texts whose language the source does not
 *   identify ("(Mijisa)", "(Jinan)", …): it puts them all at -75, 30, in Antarctica.
 * - `code` is text, and some codes are digits ("007", "052"): d3's `autoType` (Framework's
 *   `FileAttachment(…).csv({typed: true})`) would turn "007" into the number 7. Read the CSV
 *   untyped and convert the numeric columns, or join on `code` as read.
 *
 * A CSV has no room for a comment, so the file does not name this script; the JSON loader's
 * `generator` field does, for both. About 20 s on one core (seven vocabularies, 470 texts).
 */
import { loadEncoding } from "../engine/node.js";
import { udhrLanguages } from "./build/udhr-corpus.js";
import { PREMIUM_ENCODINGS, premiumRows, toCsv, type PremiumEncoding } from "./build/udhr-premium.js";
import type { Encoding } from "../engine/index.js";

const encodings = Object.fromEntries(PREMIUM_ENCODINGS.map((name) => [name, loadEncoding(name)])) as Record<PremiumEncoding, Encoding>;
process.stdout.write(toCsv(premiumRows(udhrLanguages(), encodings)));
