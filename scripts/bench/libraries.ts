/**
 * The five tokenizers `npm run bench` compares, for o200k_base and cl100k_base, each behind
 * the call its users make: `encode(text)` with default options.
 *
 *   const lib = await openLib("gpt-tokenizer", "o200k_base");
 *   lib.count("hello world") → 2;  lib.fresh() empties its merge cache
 */

export const ENCODINGS = ["o200k_base", "cl100k_base"] as const;
export type EncName = (typeof ENCODINGS)[number];

export const LIB_IDS = ["ours", "gpt-tokenizer", "ai-tokenizer", "js-tiktoken", "tiktoken-wasm"] as const;
export type LibId = (typeof LIB_IDS)[number];
export const LABEL: Record<LibId, string> = {
  ours: "ours",
  "gpt-tokenizer": "gpt-tokenizer",
  "ai-tokenizer": "ai-tokenizer",
  "js-tiktoken": "js-tiktoken",
  "tiktoken-wasm": "tiktoken (WASM)",
};
/** tiktoken's WASM build is the reference every token count is checked against. */
export const REFERENCE: LibId = "tiktoken-wasm";
export const PEERS = LIB_IDS.filter((id) => id !== "ours");

/** One tokenizer, behind the call its users make: `encode(text)` with default options. */
export interface Lib {
  id: LibId;
  /** Tokens of `text` (the length of `encode(text)`). */
  count(text: string): number;
  /** Empty the library's cross-call caches (a new instance, or the library's own clear call). */
  fresh(): void;
  /** Release memory held outside the JS heap. */
  free(): void;
}

// Every import is dynamic, so that the load-time child starts from a heap without any library.
export async function openLib(id: LibId, enc: EncName): Promise<Lib> {
  const none = () => {};
  switch (id) {
    case "ours": {
      const { loadEncoding } = await import("../../src/engine/node.js");
      const e = loadEncoding(enc);
      return { id, count: (t) => e.encode(t).length, fresh: none, free: none };
    }
    case "gpt-tokenizer": {
      const api = (
        enc === "o200k_base"
          ? await import("gpt-tokenizer/encoding/o200k_base")
          : await import("gpt-tokenizer/encoding/cl100k_base")
      ).default;
      return { id, count: (t) => api.encode(t).length, fresh: () => api.clearMergeCache(), free: none };
    }
    case "ai-tokenizer": {
      const { default: Tokenizer } = await import("ai-tokenizer");
      const data =
        enc === "o200k_base"
          ? await import("ai-tokenizer/encoding/o200k_base")
          : await import("ai-tokenizer/encoding/cl100k_base");
      let tok = new Tokenizer(data);
      // Its merge cache is a private field: a new instance is the supported way to empty it.
      return {
        id,
        count: (t) => tok.encode(t).length,
        fresh: () => {
          tok = new Tokenizer(data);
        },
        free: none,
      };
    }
    case "js-tiktoken": {
      // The lite entry plus one rank file: what js-tiktoken documents for loading one encoding.
      const { Tiktoken } = await import("js-tiktoken/lite");
      const ranks = (
        enc === "o200k_base"
          ? await import("js-tiktoken/ranks/o200k_base")
          : await import("js-tiktoken/ranks/cl100k_base")
      ).default;
      const e = new Tiktoken(ranks);
      return { id, count: (t) => e.encode(t).length, fresh: none, free: none };
    }
    case "tiktoken-wasm": {
      const { get_encoding } = await import("tiktoken");
      const e = get_encoding(enc);
      return { id, count: (t) => e.encode(t).length, fresh: none, free: () => e.free() };
    }
  }
}
