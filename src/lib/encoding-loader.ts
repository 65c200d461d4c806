/**
 * Encodings in a worker, each loaded once: its vocabulary asset fetched, checked against the
 * registry's sha256 and built (`loadBinaryModel`: an open model's asset also holds its merge list). Both workers use it: the playground's and
 * the vocabulary explorer's.
 *
 *   const loader = encodingLoader();
 *   loader.setUrls({o200k_base: "…/o200k_base.bin", …});   // keys: vocabNameOf(encoding)
 *   const enc = await loader.load("o200k_harmony");        // uses o200k_base's asset
 */
import { loadEncodingFromAsset } from "../engine/index.js";
import { getEncodingSpec, vocabNameOf } from "../engine/index.js";
import type { Encoding } from "../engine/index.js";

export interface EncodingLoader {
  setUrls(urls: Record<string, string>): void;
  /** The encoding, loaded and checked once; a failed load is tried again on the next call. */
  load(name: string): Promise<Encoding>;
}

export function encodingLoader(): EncodingLoader {
  let urls: Record<string, string> = {};
  const loaded = new Map<string, Promise<Encoding>>();

  async function assetBytes(key: string, name: string): Promise<Uint8Array> {
    const url = urls[key];
    if (!url) throw new Error(`No vocabulary asset for ${name}.`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load the vocabulary of ${name} (HTTP ${response.status}).`);
    return new Uint8Array(await response.arrayBuffer());
  }

  return {
    setUrls: (u) => void (urls = u),
    load(name) {
      let p = loaded.get(name);
      if (!p) {
        p = (async () => {
          const spec = getEncodingSpec(name);
          const bytes = await assetBytes(vocabNameOf(name), name);
          return loadEncodingFromAsset(spec, bytes);
        })();
        p.catch(() => loaded.delete(name)); // let a later request try again
        loaded.set(name, p);
      }
      return p;
    },
  };
}
