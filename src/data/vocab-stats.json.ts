/**
 * Data loader: the vocabulary page's statistics, printed to stdout as data/vocab-stats.json.
 * For each vocabulary (OpenAI's four, then the open models' llama3, qwen3, mixtral_v0_1 and claude_legacy:
 * `listVocabularies()`), `vocabStats` (src/lib/vocab-stats.ts); then
 * which scripts gained tokens from cl100k_base (GPT-4) to o200k_base (GPT-4o).
 *
 *   npx tsx src/data/vocab-stats.json.ts > /tmp/vocab-stats.json
 *   → {"generator": "src/data/vocab-stats.json.ts",
 *      "encodings": {"r50k_base": {"ordinary": 50256, …}, …, "o200k_base": {…}},
 *      "o200kVsCl100k": [{"script": "…", "before": …, "after": …, "gain": …}, …]}
 */
import { loadEncoding } from "../engine/node.js";
import { listVocabularies } from "../engine/index.js";
import { compareScripts, vocabStats, type VocabStatsFile } from "../lib/vocab-stats.js";

const encodings = Object.fromEntries(listVocabularies().map((name) => [name, vocabStats(loadEncoding(name))])) as VocabStatsFile["encodings"];
const file: VocabStatsFile = {
  generator: "src/data/vocab-stats.json.ts",
  encodings,
  o200kVsCl100k: compareScripts(encodings.o200k_base, encodings.cl100k_base),
};
process.stdout.write(JSON.stringify(file) + "\n");
