/**
 * The vocabulary explorer's Web Worker: it loads an encoding (the same checked asset the
 * playground uses), indexes all of its IDs once, and answers searches, token cards and small
 * encodes, so that the page never waits on 200,000 tokens. Bundled into one file by the data
 * loader src/data/vocab-worker.js.ts.
 *
 * It boots as the tokenizer worker does (worker-url.ts: its URL's fragment, then a `urls`
 * message); its requests and replies are in vocab-protocol.ts.
 */
import { getEncodingSpec, listEncodings, listVocabularies, vocabNameOf } from "../engine/index.js";
import { encodingLoader } from "../lib/encoding-loader.js";
import { tokenCard } from "../lib/token-card-data.js";
import { buildVocabIndex, parseQuery, searchVocab, type VocabIndex } from "../lib/vocab-search.js";
import type { VocabIn, VocabOut } from "./vocab-protocol.js";
import { readWorkerBoot } from "./worker-url.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A search gives up after this long (between tokens) and says how far it got. */
export const SEARCH_DEADLINE_MS = 1000;

const scope = self as unknown as {
  postMessage(message: VocabOut, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<VocabIn>) => void) | null;
};
const loader = encodingLoader(readWorkerBoot(self.location.hash));
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

scope.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "urls") return loader.addUrls(msg.vocabUrls);
  const reply = (message: DistributiveOmit<VocabOut, "id">, transfer: Transferable[] = []) =>
    scope.postMessage({ ...message, id: msg.id } as VocabOut, transfer);
  try {
    if (msg.type === "index") {
      reply({ type: "index", index: await indexOf(msg.encoding) });
    } else if (msg.type === "search") {
      const index = await indexOf(msg.encoding);
      // A SentencePiece token's text shows its "▁" as the space it stands for, so a reader who
      // types the piece as the file writes it ("▁token") is searching for " token".
      const q = getEncodingSpec(msg.encoding).kind === "sentencepiece" ? String(msg.q).replaceAll("▁", " ") : msg.q;
      const query = parseQuery(q, msg.as, msg.caseSensitive);
      reply({ type: "searching" });
      const t0 = performance.now();
      const result = searchVocab(index, query, {
        facets: msg.facets,
        script: msg.script,
        sort: msg.sort,
        deadline: t0 + SEARCH_DEADLINE_MS,
      });
      const error = query.kind === "error" ? query.message : undefined;
      reply({ type: "found", ...result, error, ms: performance.now() - t0 }, [result.ids.buffer]);
    } else if (msg.type === "card") {
      const index = await indexOf(msg.encoding);
      // IDs elsewhere: ordinary tokens by bytes in each distinct vocabulary, special tokens by name.
      const vocabularies = new Map(listVocabularies().map((v) => [v, loader.load(v)]));
      const others = await Promise.all(
        listEncodings().map(async (name) => ({
          name,
          encoding: await vocabularies.get(vocabNameOf(name))!,
          specials: getEncodingSpec(name).specialTokens,
        })),
      );
      reply({ type: "card", card: tokenCard(index, msg.token, others, await loader.load(msg.encoding)) });
    } else if (msg.type === "encode") {
      const encodings = await Promise.all(msg.items.map((item) => loader.load(item.encoding)));
      const ids = msg.items.map((item, i) => encodings[i].encodeOrdinary(item.text));
      reply({ type: "encoded", ids });
    }
  } catch (err) {
    reply({ type: "error", message: (err as Error).message ?? String(err) });
  }
};
