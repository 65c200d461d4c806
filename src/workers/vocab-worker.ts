/**
 * The vocabulary explorer's Web Worker: it loads an encoding (the same checked asset the
 * playground uses), indexes all of its IDs once, and answers searches, token cards and small
 * encodes, so that the page never waits on 200,000 tokens. Bundled into one file by the data
 * loader src/data/vocab-worker.js.ts.
 *
 * Messages in (each but init carries an `id`, echoed in the answer):
 *   {type: "init", vocabUrls: {o200k_base: "…/o200k_base.bin", …}}
 *   {type: "index", encoding}                         → {type: "index", index: VocabIndex}
 *   {type: "search", encoding, q, as, caseSensitive, facets, script, sort}
 *       → {type: "searching"} as the search starts (the page's watchdog counts from there), then
 *         {type: "found", ids: Int32Array, complete, searched, error?, ms}
 *   {type: "card", encoding, token}                   → {type: "card", card: TokenCard}
 *   {type: "encode", items: [{encoding, text}]}       → {type: "encoded", ids: number[][]}
 *   any failure                                       → {type: "error", message}
 */
import { getEncodingSpec, listEncodings, listVocabularies, vocabNameOf } from "../engine/index.js";
import { encodingLoader } from "../lib/encoding-loader.js";
import { tokenCard } from "../lib/token-card-data.js";
import { buildVocabIndex, parseQuery, searchVocab, type VocabIndex } from "../lib/vocab-search.js";

/** A search gives up after this long (between tokens) and says how far it got. */
export const SEARCH_DEADLINE_MS = 1000;

const scope = self as unknown as { postMessage(message: unknown, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };
const loader = encodingLoader();
const indexes = new Map<string, Promise<VocabIndex>>();

function indexOf(encoding: string): Promise<VocabIndex> {
  let p = indexes.get(encoding);
  if (!p) {
    p = loader.load(encoding).then(buildVocabIndex);
    p.catch(() => indexes.delete(encoding));
    indexes.set(encoding, p);
  }
  return p;
}

scope.onmessage = async (event: MessageEvent) => {
  const msg = event.data;
  const reply = (message: Record<string, unknown>, transfer: Transferable[] = []) => scope.postMessage({ ...message, id: msg.id }, transfer);
  try {
    if (msg.type === "init") {
      loader.setUrls(msg.vocabUrls);
    } else if (msg.type === "index") {
      reply({ type: "index", index: await indexOf(msg.encoding) });
    } else if (msg.type === "search") {
      const index = await indexOf(msg.encoding);
      // A SentencePiece token's text shows its "▁" as the space it stands for, so a reader who
      // types the piece as the file writes it ("▁token") is searching for " token".
      const q = getEncodingSpec(msg.encoding).kind === "sentencepiece" ? String(msg.q).replaceAll("▁", " ") : msg.q;
      const query = parseQuery(q, msg.as, msg.caseSensitive);
      reply({ type: "searching" });
      const t0 = performance.now();
      const result = searchVocab(index, query, { facets: msg.facets, script: msg.script, sort: msg.sort, deadline: t0 + SEARCH_DEADLINE_MS });
      const error = query.kind === "error" ? query.message : undefined;
      reply({ type: "found", ...result, error, ms: performance.now() - t0 }, [result.ids.buffer]);
    } else if (msg.type === "card") {
      const index = await indexOf(msg.encoding);
      // IDs elsewhere: ordinary tokens by bytes in each distinct vocabulary, special tokens by name.
      const vocabularies = new Map(listVocabularies().map((v) => [v, loader.load(v)]));
      const others = await Promise.all(
        listEncodings().map(async (name) => ({ name, encoding: await vocabularies.get(vocabNameOf(name))!, specials: getEncodingSpec(name).specialTokens })),
      );
      reply({ type: "card", card: tokenCard(index, msg.token, others, await loader.load(msg.encoding)) });
    } else if (msg.type === "encode") {
      const ids = await Promise.all((msg.items as { encoding: string; text: string }[]).map(async (it) => (await loader.load(it.encoding)).encodeOrdinary(it.text)));
      reply({ type: "encoded", ids });
    }
  } catch (err) {
    reply({ type: "error", message: (err as Error).message ?? String(err) });
  }
};
