/**
 * Data loader: the unreachable tokens of the four official vocabularies and the known glitch
 * tokens' IDs under each, printed to stdout as data/glitch-tokens.json (src/data/build/glitch-tokens.ts
 * says what they are). About a second: every text token of o200k_base is encoded once.
 *
 *   npx tsx src/data/glitch-tokens.json.ts > /tmp/glitch-tokens.json
 *   → {"generator": "src/data/glitch-tokens.json.ts",
 *      "encodings": {"o200k_base": {"ordinary": 199998, …, "unreachable": [{"id": 3413, "text": " I'", "encodesAs": [357, 6]}, …]}, …},
 *      "anomaliesNote": "In 2023 …",
 *      "anomalies": [{"text": " SolidGoldMagikarp", "ids": {"r50k_base": [43453], …}, "note": "One token in …"}, …]}
 */
import { loadEncoding } from "../engine/node.js";
import { VOCABS } from "../engine/index.js";
import { ANOMALIES_NOTE, knownAnomalies, unreachableTokens, type GlitchTokensFile } from "./build/glitch-tokens.js";

const encodings = (Object.keys(VOCABS) as (keyof typeof VOCABS)[]).map((name) => loadEncoding(name));
const file: GlitchTokensFile = {
  generator: "src/data/glitch-tokens.json.ts",
  encodings: Object.fromEntries(encodings.map((e) => [e.name, unreachableTokens(e)])) as GlitchTokensFile["encodings"],
  anomaliesNote: ANOMALIES_NOTE,
  anomalies: knownAnomalies(encodings),
};
process.stdout.write(JSON.stringify(file) + "\n");
