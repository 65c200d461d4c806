/**
 * The Web Worker that tokenizes for the playground, so typing never waits on it.
 * Bundled into one self-contained file by the data loader src/data/tokenizer-worker.js.ts.
 *
 * Its script URL's fragment names the encodings to build at once and their vocabulary assets
 * (worker-url.ts: "#preload=o200k_base&vocab.o200k_base=…"), so it starts on them before any
 * message arrives.
 *
 * Messages in:
 *   {type: "urls", vocabUrls: {cl100k_base: "https://…/cl100k_base.bin", …}}   every other asset
 *   {type: "encode", id, text, encodings: ["o200k_base", …], allowSpecial: boolean}
 *   {type: "decode", id, encoding, input}        input: "[15339, 1917]" or "15339 1917"
 *   {type: "split", id, text, encodings}         the pre-tokenizer's pieces, labelled (piece-kinds.ts)
 *   {type: "trace", id, encoding, piece}         the merges of one piece (Encoding.mergeTrace)
 *   {type: "chunk", id, text, encoding, splitter, size, overlap}   chunking.ts's chunks
 * Messages out:
 *   {type: "encoded", id, tables: TokenTable[], specials: string[], cuts?: CutComparison, ms}
 *                                           cuts: with two or more encodings, how many spans
 *                                           they cut differently (tokens flagged CUT_DIFFERS)
 *   {type: "stats", id, stats: TextStats}   right after "encoded": the first tokens never wait
 *                                           for Intl.Segmenter (tens of ms the first time it
 *                                           meets CJK text, hundreds for a megabyte)
 *   {type: "decoded", id, table: TokenTable, text, problems, incomplete: boolean}
 *   {type: "split", id, splits: {encoding, pieces: LabelledPiece[]}[]}
 *   {type: "trace", id, trace: MergeTrace}
 *   {type: "chunked", id, chunks: Chunk[], bounds: number[][]}   bounds: token starts inside
 *                                           each of the first SHOWN_CHUNKS chunks (offsets into it)
 *   {type: "error", id, message}
 * Each encoding's vocabulary is fetched, checked against its pinned sha256 and built the
 * first time it is asked for, or at once for the fragment's `preload` (the page's first
 * encodings). Assets are keyed by `vocabNameOf(encoding)`.
 */
import { specialRegex } from "../engine/index.js";
import type { Encoding } from "../engine/index.js";
import { encodingLoader } from "../lib/encoding-loader.js";
import { chunkText, SHOWN_CHUNKS } from "../lib/chunking.js";
import { parseIds } from "../lib/parse-ids.js";
import { labelPieces } from "../lib/piece-kinds.js";
import { textStats } from "../lib/text-stats.js";
import { readWorkerBoot } from "./worker-url.js";
import { idsTable, markCutDifferences, tokenTable, type TokenTable } from "../lib/token-table.js";

const scope = self as unknown as { postMessage(message: unknown, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };
const loader = encodingLoader();
const load = loader.load;
const boot = readWorkerBoot(self.location.hash);
loader.setUrls(boot.vocabUrls);
for (const name of boot.preload) load(name).catch(() => {}); // an encode request reports the error

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
    if (msg.type === "urls") {
      loader.setUrls({ ...msg.vocabUrls, ...boot.vocabUrls });
    } else if (msg.type === "encode") {
      const encodings = await Promise.all((msg.encodings as string[]).map(load));
      const t0 = performance.now();
      const options = msg.allowSpecial ? { allowedSpecial: "all" as const } : { disallowedSpecial: [] as string[] };
      const tables = encodings.map((enc) => tokenTable(enc, msg.text, options));
      const ms = performance.now() - t0;
      const cuts = tables.length > 1 ? markCutDifferences(tables) : undefined;
      const specials = [...new Set(encodings.flatMap((enc) => Array.from(msg.text.matchAll(specialFinder(enc)), (m: RegExpMatchArray) => m[0])))];
      scope.postMessage({ type: "encoded", id: msg.id, tables, specials, cuts, ms }, tables.flatMap(buffers));
      scope.postMessage({ type: "stats", id: msg.id, stats: textStats(msg.text) });
    } else if (msg.type === "decode") {
      const enc = await load(msg.encoding);
      const { ids, problems } = parseIds(msg.input, enc);
      const { table, text, incomplete } = idsTable(enc, ids);
      scope.postMessage({ type: "decoded", id: msg.id, table, text, problems, incomplete }, buffers(table));
    } else if (msg.type === "split") {
      const encodings = await Promise.all((msg.encodings as string[]).map(load));
      const splits = encodings.map((enc) => ({ encoding: enc.name, pieces: labelPieces(enc.spec, msg.text, enc.split(msg.text)) }));
      scope.postMessage({ type: "split", id: msg.id, splits });
    } else if (msg.type === "chunk") {
      const enc = await load(msg.encoding);
      const chunks = chunkText(enc, msg.text, { splitter: msg.splitter, size: msg.size, overlap: msg.overlap });
      const bounds = chunks.slice(0, SHOWN_CHUNKS).map((c) => enc.encodeDetailed(msg.text.slice(c.start, c.end), { disallowedSpecial: [] }).map((t) => t.start));
      scope.postMessage({ type: "chunked", id: msg.id, chunks, bounds });
    } else if (msg.type === "trace") {
      const enc = await load(msg.encoding);
      scope.postMessage({ type: "trace", id: msg.id, trace: enc.mergeTrace(msg.piece) });
    }
  } catch (err) {
    scope.postMessage({ type: "error", id: msg.id, message: (err as Error).message ?? String(err) });
  }
};
