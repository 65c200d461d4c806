/**
 * Writes tests/golden/<encoding>.json: token IDs from the tiktoken WASM build (the oracle),
 * never from our engine, for every checked-in corpus in tests/corpora/.
 *
 *   npm run golden
 *
 * Each file holds:
 * - a header: who wrote it, the tiktoken package version, and what the oracle itself says
 *   about the encoding: the sha256 of its vocabulary (the `.tiktoken` file rebuilt from the
 *   oracle's token bytes), n_vocab, split pattern and special tokens;
 * - `cases`: the oracle's `encode_ordinary(text)` for each ~2 KB chunk of prose.txt, code.txt
 *   and multilingual.txt (cut after a blank line, so the chunks of a file concatenate to it)
 *   and for every string of edge-cases.json;
 * - `specialCases`: the oracle's `encode(text, allowed, disallowed)` on texts with special tokens.
 *
 * tests/engine/golden.test.ts checks that our engine gives exactly these IDs.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { get_encoding, type TiktokenEncoding } from "tiktoken";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const CORPORA = ROOT + "tests/corpora/";
const OUT = ROOT + "tests/golden/";

export const GOLDEN_ENCODINGS = ["gpt2", "r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base"] as const;
export const CORPUS_FILES = ["prose", "code", "multilingual"] as const;

export interface GoldenCase {
  /** Where the text comes from: `prose#3` (4th chunk of prose.txt), `edge#17` (edge-cases.json[17]). */
  source: string;
  text: string;
  ids: number[];
}

export interface GoldenSpecialCase {
  text: string;
  allowedSpecial: "all" | string[];
  disallowedSpecial: "all" | string[];
  ids: number[];
}

export interface GoldenFile {
  generatedBy: "scripts/make-golden.ts";
  encoding: string;
  tiktokenVersion: string;
  /** sha256 of the vocabulary as a `.tiktoken` file, rebuilt from the oracle's token bytes. */
  vocabSha256: string;
  nVocab: number;
  pattern: string;
  specialTokens: Record<string, number>;
  cases: GoldenCase[];
  specialCases: GoldenSpecialCase[];
}

/**
 * Cut `text` into chunks of about `size` characters, each ending after a blank line when
 * there is one soon enough (else after any line end, else at `2 * size` code points).
 * The chunks concatenate to `text`.
 */
export function chunkText(text: string, size = 2000): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    if (text.length - start <= size * 1.5) {
      chunks.push(text.slice(start));
      break;
    }
    const re = /\r?\n[ \t]*\r?\n/g;
    re.lastIndex = start + size;
    const m = re.exec(text);
    let end = m && m.index + m[0].length - start <= size * 2 ? m.index + m[0].length : -1;
    if (end < 0) {
      const nl = text.indexOf("\n", start + size);
      end = nl >= 0 && nl + 1 - start <= size * 2 ? nl + 1 : start + size * 2;
      // never cut a surrogate pair
      if (end < text.length && (text.charCodeAt(end) & 0xfc00) === 0xdc00) end++;
    }
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

export function readCorpus(name: (typeof CORPUS_FILES)[number]): string {
  return readFileSync(`${CORPORA}${name}.txt`, "utf8");
}

export function readEdgeCases(): string[] {
  return JSON.parse(readFileSync(CORPORA + "edge-cases.json", "utf8")) as string[];
}

/** The texts with special tokens for `encode`, built from the encoding's own special tokens. */
function specialTexts(
  specials: string[],
): { text: string; allowedSpecial: "all" | string[]; disallowedSpecial: "all" | string[] }[] {
  const [eot] = specials; // <|endoftext|> comes first in every encoding
  const all = specials.join("");
  const out: { text: string; allowedSpecial: "all" | string[]; disallowedSpecial: "all" | string[] }[] = [
    { text: `a${eot}b`, allowedSpecial: "all", disallowedSpecial: "all" },
    { text: `Hello world!${eot}`, allowedSpecial: "all", disallowedSpecial: "all" },
    { text: `${eot}${eot}`, allowedSpecial: "all", disallowedSpecial: "all" },
    { text: ` ${eot} \n${eot}\n\n`, allowedSpecial: "all", disallowedSpecial: "all" },
    { text: `hello${eot}world's end`, allowedSpecial: "all", disallowedSpecial: "all" },
    { text: `<|endoftext|${eot}|>`, allowedSpecial: "all", disallowedSpecial: "all" },
    { text: `\uFEFF${eot}\u0085${eot}\uD800`, allowedSpecial: "all", disallowedSpecial: "all" },
    { text: all, allowedSpecial: "all", disallowedSpecial: "all" },
    { text: specials.map((s, i) => `part ${i}: ${s} `).join("\n"), allowedSpecial: "all", disallowedSpecial: "all" },
    // only the first allowed, the others encoded as ordinary text
    { text: `x ${all} y`, allowedSpecial: [eot], disallowedSpecial: [] },
    { text: `x ${all} y`, allowedSpecial: [], disallowedSpecial: [] },
  ];
  if (specials.length > 1)
    out.push({ text: `${specials[1]}def f():${eot}`, allowedSpecial: [specials[1]], disallowedSpecial: [] });
  return out;
}

/** JSON text with invisible and unusual characters (controls, format, separators, lone surrogates) as \u escapes. */
export function readableJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/gu,
    (c) =>
      Array.from(
        { length: c.length },
        (_, k) => "\\u" + c.charCodeAt(k).toString(16).toUpperCase().padStart(4, "0"),
      ).join(""),
  );
}

/**
 * The oracle's vocabulary as the text of a `.tiktoken` file ("base64 rank" lines, by rank),
 * from its token bytes (`token_byte_values`) and their ranks (`encode_single_token`).
 */
function oracleVocab(enc: ReturnType<typeof get_encoding>): { file: string; maxRank: number } {
  const entries = enc.token_byte_values().map((b) => {
    const bytes = Uint8Array.from(b);
    return [enc.encode_single_token(bytes), Buffer.from(bytes).toString("base64")] as const;
  });
  entries.sort((x, y) => x[0] - y[0]);
  return { file: entries.map(([rank, b64]) => `${b64} ${rank}\n`).join(""), maxRank: entries[entries.length - 1][0] };
}

export function makeGolden(name: TiktokenEncoding): GoldenFile {
  const meta = JSON.parse(readFileSync(ROOT + `node_modules/tiktoken/encoders/${name}.json`, "utf8")) as {
    pat_str: string;
    special_tokens: Record<string, number>;
    explicit_n_vocab?: number;
  };
  const tiktokenVersion = (
    JSON.parse(readFileSync(ROOT + "node_modules/tiktoken/package.json", "utf8")) as { version: string }
  ).version;
  const enc = get_encoding(name);
  try {
    const vocab = oracleVocab(enc);
    // tiktoken's n_vocab: one more than the largest ID, ordinary or special
    const nVocab = Math.max(vocab.maxRank, ...Object.values(meta.special_tokens)) + 1;
    if (meta.explicit_n_vocab !== undefined && meta.explicit_n_vocab !== nVocab) {
      throw new Error(`${name}: explicit_n_vocab is ${meta.explicit_n_vocab}, but the largest ID is ${nVocab - 1}`);
    }
    const vocabSha256 = createHash("sha256").update(vocab.file, "latin1").digest("hex");

    const cases: GoldenCase[] = [];
    for (const corpus of CORPUS_FILES) {
      chunkText(readCorpus(corpus)).forEach((text, i) =>
        cases.push({ source: `${corpus}#${i}`, text, ids: [...enc.encode_ordinary(text)] }),
      );
    }
    readEdgeCases().forEach((text, i) =>
      cases.push({ source: `edge#${i}`, text, ids: [...enc.encode_ordinary(text)] }),
    );

    const specials = Object.keys(meta.special_tokens);
    const specialCases = specialTexts(specials).map((c) => ({
      ...c,
      ids: [...enc.encode(c.text, c.allowedSpecial, c.disallowedSpecial)],
    }));
    return {
      generatedBy: "scripts/make-golden.ts",
      encoding: name,
      tiktokenVersion,
      vocabSha256,
      nVocab,
      pattern: meta.pat_str,
      specialTokens: meta.special_tokens,
      cases,
      specialCases,
    };
  } finally {
    enc.free();
  }
}

/** One field per line, one case per line. */
export function formatGolden(g: GoldenFile): string {
  const { cases, specialCases, ...header } = g;
  const lines = Object.entries(header).map(([k, v]) => `  ${JSON.stringify(k)}: ${readableJson(v)},`);
  lines.push(`  "cases": [\n${cases.map((c) => "    " + readableJson(c)).join(",\n")}\n  ],`);
  lines.push(`  "specialCases": [\n${specialCases.map((c) => "    " + readableJson(c)).join(",\n")}\n  ]`);
  return `{\n${lines.join("\n")}\n}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(OUT, { recursive: true });
  for (const name of GOLDEN_ENCODINGS) {
    const g = makeGolden(name);
    const text = formatGolden(g);
    if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(g))
      throw new Error(`${name}: the golden file does not read back as written`);
    writeFileSync(`${OUT}${name}.json`, text);
    console.log(
      `tests/golden/${name}.json: ${g.cases.length} cases, ${g.specialCases.length} special cases, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, vocab sha256 ${g.vocabSha256}`,
    );
  }
}
