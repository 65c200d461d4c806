/**
 * The Web Worker that tokenizes for the playground, so typing never waits on it.
 * Bundled into one self-contained file by the data loader src/data/tokenizer-worker.js.ts.
 *
 * Messages in:
 *   {type: "init", vocabUrls: {o200k_base: "…/o200k_base.bin", …}}
 *   {type: "encode", id, text, encodings: ["o200k_base", …], allowSpecial: boolean}
 *   {type: "decode", id, encoding, input}        input: "[15339, 1917]" or "15339 1917"
 * Messages out:
 *   {type: "encoded", id, tables: TokenTable[], stats: TextStats, specials: string[], ms}
 *   {type: "decoded", id, table: TokenTable, text, problems, incomplete: boolean}
 *   {type: "error", id, message}
 * Each encoding's vocabulary is fetched, checked against its pinned sha256 and built the
 * first time it is asked for.
 */
import { verifyBinaryVocab } from "../bpe/binary-vocab.js";
import { createEncoding, getEncodingSpec } from "../bpe/index.js";
import { specialRegex } from "../bpe/special.js";
import type { Encoding } from "../bpe/types.js";
import { parseIds } from "./parse-ids.js";
import { textStats } from "./text-stats.js";
import { idsTable, tokenTable, type TokenTable } from "./token-table.js";

const scope = self as unknown as { postMessage(message: unknown, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };
let vocabUrls: Record<string, string> = {};
const loaded = new Map<string, Promise<Encoding>>();

function load(name: string): Promise<Encoding> {
  let p = loaded.get(name);
  if (!p) {
    p = (async () => {
      const spec = getEncodingSpec(name);
      const url = vocabUrls[spec.vocab.file.replace(/\.tiktoken$/, "")];
      if (!url) throw new Error(`No vocabulary asset for ${name}.`);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`Could not load the vocabulary of ${name} (HTTP ${response.status}).`);
      return createEncoding(spec, await verifyBinaryVocab(spec.vocab, new Uint8Array(await response.arrayBuffer())));
    })();
    p.catch(() => loaded.delete(name)); // let a later request try again
    loaded.set(name, p);
  }
  return p;
}

/**
 * One regex per encoding that finds its special-token texts, built once: one pass over the
 * text, not one `includes` per token (o200k_harmony has 1,090 of them).
 */
const finders = new Map<Encoding, RegExp>();
function specialFinder(enc: Encoding): RegExp {
  let re = finders.get(enc);
  if (!re) finders.set(enc, (re = specialRegex(enc.specialTokens.keys()) ?? /(?!)/g));
  return re;
}

const buffers = (t: TokenTable): Transferable[] => [t.ids.buffer, t.start.buffer, t.end.buffer, t.flags.buffer, t.byteOffset.buffer, t.bytes.buffer];

scope.onmessage = async (event: MessageEvent) => {
  const msg = event.data;
  try {
    if (msg.type === "init") {
      vocabUrls = msg.vocabUrls;
    } else if (msg.type === "encode") {
      const encodings = await Promise.all((msg.encodings as string[]).map(load));
      const t0 = performance.now();
      const options = msg.allowSpecial ? { allowedSpecial: "all" as const } : { disallowedSpecial: [] as string[] };
      const tables = encodings.map((enc) => tokenTable(enc, msg.text, options));
      const ms = performance.now() - t0;
      const specials = [...new Set(encodings.flatMap((enc) => Array.from(msg.text.matchAll(specialFinder(enc)), (m: RegExpMatchArray) => m[0])))];
      scope.postMessage({ type: "encoded", id: msg.id, tables, stats: textStats(msg.text), specials, ms }, tables.flatMap(buffers));
    } else if (msg.type === "decode") {
      const enc = await load(msg.encoding);
      const { ids, problems } = parseIds(msg.input, enc);
      const { table, text, incomplete } = idsTable(enc, ids);
      scope.postMessage({ type: "decoded", id: msg.id, table, text, problems, incomplete }, buffers(table));
    }
  } catch (err) {
    scope.postMessage({ type: "error", id: msg.id, message: (err as Error).message ?? String(err) });
  }
};
