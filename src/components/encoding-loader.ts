/**
 * Encodings in a worker, each loaded once: its vocabulary asset fetched (or handed over by the
 * page, which may fetch it while the worker starts), checked against the registry's sha256 and
 * built (`loadBinaryVocab`). Both workers use it: the playground's and the vocabulary explorer's.
 *
 *   const loader = encodingLoader();
 *   loader.setUrls({o200k_base: "…/o200k_base.bin", …});   // keys: vocabNameOf(encoding)
 *   loader.expect(["o200k_base"]);                         // the page is fetching that one
 *   loader.give("o200k_base", bytes);                      // …and here it is, or a promise of it (null: fetch it yourself)
 *   const enc = await loader.load("o200k_harmony");        // uses o200k_base's asset
 */
import { loadBinaryVocab } from "../bpe/binary-vocab.js";
import { createEncoding } from "../bpe/encoding.js";
import { getEncodingSpec, vocabNameOf } from "../bpe/registry.js";
import type { Encoding } from "../bpe/types.js";

export interface EncodingLoader {
  setUrls(urls: Record<string, string>): void;
  /** Assets the page will hand over with `give`; `load` waits for them instead of fetching. */
  expect(keys: readonly string[]): void;
  give(key: string, bytes: ArrayBuffer | null | Promise<ArrayBuffer | null>): void;
  /** The encoding, loaded and checked once; a failed load is tried again on the next call. */
  load(name: string): Promise<Encoding>;
}

export function encodingLoader(): EncodingLoader {
  let urls: Record<string, string> = {};
  const loaded = new Map<string, Promise<Encoding>>();
  const handed = new Map<string, { give(bytes: ArrayBuffer | null | Promise<ArrayBuffer | null>): void; bytes: Promise<ArrayBuffer | null> }>();

  async function assetBytes(key: string, name: string): Promise<Uint8Array> {
    const fromPage = await handed.get(key)?.bytes;
    if (fromPage) return new Uint8Array(fromPage);
    const url = urls[key];
    if (!url) throw new Error(`No vocabulary asset for ${name}.`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load the vocabulary of ${name} (HTTP ${response.status}).`);
    return new Uint8Array(await response.arrayBuffer());
  }

  return {
    setUrls: (u) => void (urls = u),
    expect(keys) {
      for (const key of keys) {
        let give!: (bytes: ArrayBuffer | null | Promise<ArrayBuffer | null>) => void;
        const bytes = new Promise<ArrayBuffer | null>((resolve) => (give = resolve));
        handed.set(key, { give, bytes });
      }
    },
    give: (key, bytes) => handed.get(key)?.give(bytes),
    load(name) {
      let p = loaded.get(name);
      if (!p) {
        p = (async () => {
          const spec = getEncodingSpec(name);
          const bytes = await assetBytes(vocabNameOf(name), name);
          return createEncoding(spec, await loadBinaryVocab(spec.vocab, bytes));
        })();
        p.catch(() => loaded.delete(name)); // let a later request try again
        loaded.set(name, p);
      }
      return p;
    },
  };
}
