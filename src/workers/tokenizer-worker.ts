/**
 * The Web Worker that tokenizes for the playground (and the BPE, chunking and languages pages),
 * so typing never waits on it. Bundled into one self-contained file by the data loader
 * src/data/tokenizer-worker.js.ts.
 *
 * It boots as worker-url.ts says: its script URL's fragment names the encodings to build at
 * once and their vocabulary assets ("#preload=o200k_base&vocab.o200k_base=…"), so it starts on
 * them before any message arrives; a `urls` message brings the other assets. Its requests and
 * replies are in tokenizer-protocol.ts. Each encoding's vocabulary is fetched, checked against
 * its pinned sha256 and built the first time it is asked for (encoding-loader.ts).
 */
import { specialRegex } from "../engine/index.js";
import type { Encoding } from "../engine/index.js";
import { encodingLoader } from "../lib/encoding-loader.js";
import { chunkText, SHOWN_CHUNKS } from "../lib/chunking.js";
import { parseIds } from "../lib/parse-ids.js";
import { labelPieces } from "../lib/piece-kinds.js";
import { textStats } from "../lib/text-stats.js";
import { idsTable, markCutDifferences, tokenTable, type TokenTable } from "../lib/token-table.js";
import type { TokenizerIn, TokenizerOut } from "./tokenizer-protocol.js";
import { readWorkerBoot } from "./worker-url.js";

const scope = self as unknown as {
  postMessage(message: TokenizerOut, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<TokenizerIn>) => void) | null;
};
const loader = encodingLoader(readWorkerBoot(self.location.hash)); // a preload's failure: reported by its first request
const load = loader.load;

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

const buffers = (t: TokenTable): Transferable[] => [
  t.ids.buffer,
  t.start.buffer,
  t.end.buffer,
  t.flags.buffer,
  t.byteOffset.buffer,
  t.bytes.buffer,
];

scope.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "urls") return loader.addUrls(msg.vocabUrls); // the fragment's own stay as they are
  try {
    if (msg.type === "encode") {
      const encodings = await Promise.all(msg.encodings.map(load));
      const t0 = performance.now();
      const options = msg.allowSpecial ? { allowedSpecial: "all" as const } : { disallowedSpecial: [] as string[] };
      const tables = encodings.map((enc) => tokenTable(enc, msg.text, options));
      const ms = performance.now() - t0;
      const cuts = tables.length > 1 ? markCutDifferences(tables) : undefined;
      const found = (enc: Encoding) => Array.from(msg.text.matchAll(specialFinder(enc)), (m) => m[0]);
      const specials = [...new Set(encodings.flatMap(found))];
      scope.postMessage({ type: "encoded", id: msg.id, tables, specials, cuts, ms }, tables.flatMap(buffers));
      scope.postMessage({ type: "stats", id: msg.id, stats: textStats(msg.text) });
    } else if (msg.type === "decode") {
      const enc = await load(msg.encoding);
      const { ids, problems } = parseIds(msg.input, enc);
      const { table, text, incomplete } = idsTable(enc, ids);
      scope.postMessage({ type: "decoded", id: msg.id, table, text, problems, incomplete }, buffers(table));
    } else if (msg.type === "split") {
      const encodings = await Promise.all(msg.encodings.map(load));
      const splits = encodings.map((enc) => ({
        encoding: enc.name,
        pieces: labelPieces(enc.spec, msg.text, enc.split(msg.text)),
      }));
      scope.postMessage({ type: "split", id: msg.id, splits });
    } else if (msg.type === "chunk") {
      const enc = await load(msg.encoding);
      const chunks = chunkText(enc, msg.text, { splitter: msg.splitter, size: msg.size, overlap: msg.overlap });
      const bounds = chunks
        .slice(0, SHOWN_CHUNKS)
        .map((c) => enc.encodeDetailed(msg.text.slice(c.start, c.end), { disallowedSpecial: [] }).map((t) => t.start));
      scope.postMessage({ type: "chunked", id: msg.id, chunks, bounds });
    } else if (msg.type === "trace") {
      const enc = await load(msg.encoding);
      scope.postMessage({ type: "trace", id: msg.id, trace: enc.mergeTrace(msg.piece) });
    }
  } catch (err) {
    scope.postMessage({ type: "error", id: msg.id, message: (err as Error).message ?? String(err) });
  }
};
