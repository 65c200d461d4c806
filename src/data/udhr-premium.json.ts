/**
 * Data loader: the same table as udhr-premium.csv.ts, as JSON, for the /languages page to read.
 * (A page that reads a .csv attachment makes Framework fetch its CSV parser from a CDN at build
 * time, which our offline builds cannot; the CSV stays the file readers download.)
 *
 *   npx tsx src/data/udhr-premium.json.ts → {"generator": "src/data/udhr-premium.json.ts", "rows": [{code, name, …}, …]}
 */
import { loadEncoding } from "../engine/node.js";
import type { Encoding } from "../engine/index.js";
import { udhrLanguages } from "./build/udhr-corpus.js";
import { PREMIUM_ENCODINGS, premiumRows, type PremiumEncoding } from "./build/udhr-premium.js";

const encodings = Object.fromEntries(PREMIUM_ENCODINGS.map((name) => [name, loadEncoding(name)])) as Record<PremiumEncoding, Encoding>;
process.stdout.write(JSON.stringify({ generator: "src/data/udhr-premium.json.ts", rows: premiumRows(udhrLanguages(), encodings) }));
