/**
 * Parameterized data loader: `FileAttachment("data/notices/LLAMA3_LICENSE.txt")` is the file
 * data/open-models/notices/LLAMA3_LICENSE.txt, verbatim, so the licence texts and the NOTICE
 * file ship with the built site beside the tokenizers they cover (/about links them). A notice
 * kept as Markdown (LLAMA3_1_USE_POLICY.md) is served as .txt, unchanged. Framework passes the
 * name as `--notice=LLAMA3_LICENSE`.
 *
 *   npx tsx "src/data/notices/[notice].txt.ts" --notice=NOTICE
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const DIR = new URL("../../../data/open-models/notices/", import.meta.url);
const { values } = parseArgs({ options: { notice: { type: "string" } } });
const name = values.notice ?? "";
if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`No notice named ${JSON.stringify(name)}.`);
const file = [`${name}.txt`, `${name}.md`].map((f) => new URL(f, DIR)).find((u) => existsSync(u));
if (!file) throw new Error(`data/open-models/notices/ has no ${name}.txt or ${name}.md.`);
process.stdout.write(readFileSync(file));
