/**
 * What a vocabulary is made of: for one encoding, how many ordinary tokens it has, how long
 * they are (in bytes, and in characters for those that are text on their own), which writing
 * system their letters belong to, and which facets they have (see token-facets.ts). The
 * vocabulary page charts these numbers (src/components/vocab-charts.ts); the loader
 * src/data/vocab-stats.json.ts computes them at build time.
 *
 *   vocabStats(loadEncoding("cl100k_base")) → {
 *     encoding: "cl100k_base", nVocab: 100277, ordinary: 100256, special: 5, unused: 16,
 *     byteLengths: [0, 256, 3830, 11939, …],   // byteLengths[n]: tokens of n bytes
 *     maxByteLength: 128,
 *     text: 99483,                             // valid UTF-8 on their own
 *     charLengths: [0, 1356, 4349, 11160, …],  // charLengths[n]: text tokens of n code points
 *     scripts: {none: 8167, Latin: 89825, Cyrillic: 729, …, Han: 839, …},
 *     facets: {space: 44610, whitespace: 441, digits: 1122, punctuation: 3796, fragment: 773},
 *     startsWithSpace: 44610,
 *   }
 *   compareScripts(o200k, cl100k)[0] → {script: "Latin", before: 89825, after: 134757, gain: 44932}
 *
 * Every ordinary token is counted exactly once in `byteLengths` and in `scripts`, so each of
 * them adds up to `ordinary`. A token's script is `scriptOf` its text, and "none" for a
 * fragment (not text on its own), as the vocabulary explorer's script filter has it
 * (src/lib/vocab-search.ts). Pure functions of an `Encoding`: nothing here reads a file.
 */
import {
  FACETS,
  FRAGMENT,
  NO_SCRIPT,
  SCRIPTS,
  facetsOf,
  scriptOf,
  tokenText,
  type ScriptName,
} from "./token-facets.js";
import type { Encoding } from "../engine/index.js";

/** The facets counted per encoding (SPECIAL is not: special tokens are counted apart). */
export const COUNTED_FACETS = ["space", "whitespace", "digits", "punctuation", "fragment"] as const;
export type CountedFacet = (typeof COUNTED_FACETS)[number];

export interface VocabStats {
  encoding: string;
  /** One more than the largest token ID (tiktoken's `n_vocab`). */
  nVocab: number;
  /** Tokens with bytes of their own: the mergeable ranks. */
  ordinary: number;
  /** Special tokens such as `<|endoftext|>`. */
  special: number;
  /** IDs below `nVocab` that are neither (cl100k_base's 100256 and 100261–100275). */
  unused: number;
  /** `byteLengths[n]`: ordinary tokens of `n` bytes, for n = 0…maxByteLength (index 0 is 0). */
  byteLengths: number[];
  maxByteLength: number;
  /** Ordinary tokens whose bytes are valid UTF-8 on their own. */
  text: number;
  /** `charLengths[n]`: of those, the tokens of `n` code points (index 0 is 0). */
  charLengths: number[];
  /** Ordinary tokens by the script of their letters (every name of `SCRIPTS`, zeros included). */
  scripts: Record<ScriptName, number>;
  /** Ordinary tokens with each facet. Facets overlap (" 2026" is space and digits). */
  facets: Record<CountedFacet, number>;
  /** Ordinary tokens whose first byte is a space (the same as `facets.space`). */
  startsWithSpace: number;
}

/** One row of `compareScripts`: a script's tokens in the older and the newer vocabulary. */
export interface ScriptGain {
  script: ScriptName;
  before: number;
  after: number;
  /** `after - before`. */
  gain: number;
}

/**
 * Every ordinary token of an encoding as `[id, bytes]`, in ID order: special tokens and unused
 * IDs (those `tokenBytes` has no bytes for) are skipped.
 */
export function* ordinaryTokens(encoding: Encoding): Generator<[number, Uint8Array]> {
  for (let id = 0; id < encoding.nVocab; id++) {
    if (encoding.isSpecial(id)) continue;
    let bytes: Uint8Array;
    try {
      bytes = encoding.tokenBytes(id);
    } catch {
      continue; // an unused ID
    }
    yield [id, bytes];
  }
}

/** Count one more at `array[index]`, growing the array with zeros as needed. */
function bump(array: number[], index: number): void {
  while (array.length <= index) array.push(0);
  array[index]++;
}

/** The statistics of one encoding's vocabulary (about 0.2 s for o200k_base's 200k tokens). */
export function vocabStats(encoding: Encoding): VocabStats {
  const byteLengths: number[] = [0];
  const charLengths: number[] = [0];
  const scriptCounts = new Array<number>(SCRIPTS.length).fill(0);
  const facetBits = COUNTED_FACETS.map((name) => FACETS.find((f) => f.name === name)!.bit);
  const facetCounts = new Array<number>(facetBits.length).fill(0);
  let ordinary = 0,
    text = 0;
  for (const [, bytes] of ordinaryTokens(encoding)) {
    ordinary++;
    bump(byteLengths, bytes.length);
    const decoded = tokenText(bytes);
    const f = facetsOf(bytes, decoded);
    facetBits.forEach((bit, k) => {
      if (f & bit) facetCounts[k]++;
    });
    if (!(f & FRAGMENT)) {
      text++;
      let chars = 0;
      for (const _ of decoded.text) chars++;
      bump(charLengths, chars);
    }
    scriptCounts[decoded.valid ? scriptOf(decoded.text) : NO_SCRIPT]++;
  }
  const special = encoding.specialTokens.size;
  const facets = Object.fromEntries(COUNTED_FACETS.map((name, k) => [name, facetCounts[k]])) as Record<
    CountedFacet,
    number
  >;
  return {
    encoding: encoding.name,
    nVocab: encoding.nVocab,
    ordinary,
    special,
    unused: encoding.nVocab - ordinary - special,
    byteLengths,
    maxByteLength: byteLengths.length - 1,
    text,
    charLengths,
    scripts: Object.fromEntries(SCRIPTS.map((s, k) => [s, scriptCounts[k]])) as Record<ScriptName, number>,
    facets,
    startsWithSpace: facets.space,
  };
}

/**
 * How many tokens each script gained from `older` to `newer` (a loss is a negative gain),
 * largest gain first, ties in `SCRIPTS` order. Scripts with no tokens in either are left out.
 *
 *   compareScripts(stats.o200k_base, stats.cl100k_base) → [{script: "Latin", …}, …]
 */
export function compareScripts(newer: VocabStats, older: VocabStats): ScriptGain[] {
  return SCRIPTS.map((script) => ({
    script,
    before: older.scripts[script],
    after: newer.scripts[script],
    gain: newer.scripts[script] - older.scripts[script],
  }))
    .filter((r) => r.before || r.after)
    .sort((a, b) => b.gain - a.gain || SCRIPTS.indexOf(a.script) - SCRIPTS.indexOf(b.script));
}

/** The shape of data/vocab-stats.json (made by src/data/vocab-stats.json.ts). */
export interface VocabStatsFile {
  generator: string;
  /** One entry per vocabulary (`listVocabularies()`): OpenAI's, oldest first, then the open models'. */
  encodings: Record<"r50k_base" | "p50k_base" | "cl100k_base" | "o200k_base", VocabStats> & Record<string, VocabStats>;
  /** `compareScripts(o200k_base, cl100k_base)`. */
  o200kVsCl100k: ScriptGain[];
}
