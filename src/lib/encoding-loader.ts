/**
 * Encodings from the site's vocabulary assets, each loaded once: its asset fetched, checked
 * against the registry's sha256 and built (`loadEncodingFromAsset`: an open model's asset also
 * holds its merge list). The workers use it (src/workers/), and so does the embed, on its host
 * page's thread (src/embed/tokens.ts).
 *
 *   const loader = encodingLoader({vocabUrls: {o200k_base: "…/o200k_base.bin"}, preload: ["o200k_base"]});
 *   loader.addUrls({cl100k_base: "…/cl100k_base.bin", …});   // keys: vocabNameOf(encoding)
 *   const enc = await loader.load("o200k_harmony");           // uses o200k_base's asset
 */
import { loadEncodingFromAsset } from "../engine/index.js";
import { getEncodingSpec, vocabNameOf } from "../engine/index.js";
import type { Encoding } from "../engine/index.js";

export interface EncodingLoader {
  /** More assets' URLs; an asset whose URL is known already keeps it. */
  addUrls(urls: Readonly<Record<string, string>>): void;
  /** The encoding, loaded and checked once; a failed load is tried again on the next call. */
  load(name: string): Promise<Encoding>;
}

export interface EncodingLoaderOptions {
  /** The assets' URLs, by `vocabNameOf(encoding)`. */
  vocabUrls?: Readonly<Record<string, string>>;
  /** Encodings to start loading at once (a failure is reported by the next `load`). */
  preload?: readonly string[];
}

export function encodingLoader({ vocabUrls = {}, preload = [] }: EncodingLoaderOptions = {}): EncodingLoader {
  const urls: Record<string, string> = { ...vocabUrls };
  const loaded = new Map<string, Promise<Encoding>>();

  async function assetBytes(key: string, name: string): Promise<Uint8Array> {
    const url = urls[key];
    if (!url) throw new Error(`No vocabulary asset for ${name}.`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Could not load the vocabulary of ${name} (HTTP ${response.status}).`);
    return new Uint8Array(await response.arrayBuffer());
  }

  function load(name: string): Promise<Encoding> {
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
  }

  for (const name of preload) load(name).catch(() => {});
  return {
    addUrls(more) {
      for (const [key, url] of Object.entries(more)) urls[key] ??= url;
    },
    load,
  };
}
