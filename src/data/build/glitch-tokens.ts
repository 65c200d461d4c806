/**
 * Tokens you cannot get by typing them, and the famous "glitch tokens".
 *
 * An ordinary token is *unreachable* when its bytes are text (valid UTF-8) but encoding that
 * text alone does not give the token back. The pre-tokenizer cuts text into pieces before any
 * merge happens, and no token can span a cut:
 *
 *   o200k_base token 3413 is " I'", but o200k_base cuts " I'" into " I" + "'":
 *   unreachableTokens(o200k).unreachable[0] → {id: 3413, text: " I'", encodesAs: [357, 6]}
 *
 * "Alone" matters: in longer text the cuts may fall elsewhere. o200k_base token 193819 is
 * "亚洲AV", which encodes as 6199 + 5345 ("亚洲" + "AV"), yet "亚洲AVs" gives 193819 + 82.
 *
 * Fragment tokens (part of a character's bytes, like o200k_base's e9 ac of 鬱) are not text on
 * their own, so they are counted apart (`fragments`), not tested.
 *
 * The known anomalies are strings Rumbelow and Watkins found in 2023 to be single tokens of the
 * GPT-2/GPT-3 vocabulary that those models misbehaved on. `knownAnomalies(encodings)` encodes
 * each with every encoding, so the page can show which vocabularies still have it as one token:
 *
 *   knownAnomalies([r50k, cl100k])[0] → {text: " SolidGoldMagikarp",
 *     ids: {r50k_base: [43453], cl100k_base: [22925, 26509, 34015, 1609, 8035]},
 *     note: "One token in r50k_base (43453); 5 tokens in cl100k_base."}
 *
 * Pure functions of `Encoding`s: nothing here reads a file.
 */
import { tokenText } from "../../lib/token-facets.js";
import type { Encoding } from "../../engine/index.js";
import { ordinaryTokens } from "../../lib/vocab-stats.js";

/** An ordinary token whose text encodes as other tokens. */
export interface UnreachableToken {
  id: number;
  text: string;
  /** `encodeOrdinary(text)`. */
  encodesAs: number[];
}

export interface UnreachableReport {
  encoding: string;
  /** Ordinary tokens (special tokens and unused IDs left out). */
  ordinary: number;
  /** Of those, the ones that are text on their own: each was encoded. */
  text: number;
  /** The others: not valid UTF-8 alone (`ordinary = text + fragments`). */
  fragments: number;
  /** `unreachable.length`. */
  unreachableCount: number;
  /** In ID order. */
  unreachable: UnreachableToken[];
}

/** Every text token of an encoding that `encodeOrdinary` of its own text does not give back. */
export function unreachableTokens(encoding: Encoding): UnreachableReport {
  const unreachable: UnreachableToken[] = [];
  let ordinary = 0, text = 0;
  for (const [id, bytes] of ordinaryTokens(encoding)) {
    ordinary++;
    const decoded = tokenText(bytes);
    if (!decoded.valid) continue;
    text++;
    const ids = encoding.encodeOrdinary(decoded.text);
    if (ids.length !== 1 || ids[0] !== id) unreachable.push({ id, text: decoded.text, encodesAs: ids });
  }
  return { encoding: encoding.name, ordinary, text, fragments: ordinary - text, unreachableCount: unreachable.length, unreachable };
}

/** The glitch tokens of Rumbelow and Watkins (2023), as they appear in r50k_base. */
export const KNOWN_ANOMALIES = [
  " SolidGoldMagikarp",
  " petertodd",
  " davidjl",
  " TheNitromeFan",
  " RandomRedditorWithNo",
  "StreamerBot",
  " guiActiveUn",
  " externalToEVA",
  "rawdownload",
  " attRot",
] as const;

/** What is known about the anomalies as a group; the per-string facts are computed. */
export const ANOMALIES_NOTE =
  'In 2023 Jessica Rumbelow and Matthew Watkins found that GPT-2 and GPT-3 models misbehaved on certain ' +
  'single tokens of their vocabulary (r50k_base), the "glitch tokens": asked to repeat one, a model would ' +
  'evade, answer with a different word, or produce unrelated text. The likely cause: these strings (some are ' +
  'usernames from the Reddit counting forum r/counting) were frequent in the text the tokenizer was built ' +
  'from but rare in the text the models were trained on, so their embeddings were barely trained. ' +
  'The IDs below show which later vocabularies still make each string one token.';

export interface KnownAnomaly {
  text: string;
  /** Encoding name → `encodeOrdinary(text)`. */
  ids: Record<string, number[]>;
  /** One sentence from the IDs, e.g. "One token in r50k_base (43453); 5 tokens in cl100k_base." */
  note: string;
}

/** `["a"]` → "a"; `["a", "b", "c"]` → "a, b and c". */
function andList(items: string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Says, from the IDs alone, in which encodings a string is one token and how many it takes elsewhere. */
export function anomalyNote(ids: Record<string, number[]>): string {
  const entries = Object.entries(ids);
  const single = entries.filter(([, t]) => t.length === 1);
  const split = entries.filter(([, t]) => t.length !== 1);
  const parts: string[] = [];
  if (single.length) {
    // Encodings that share an ID are named together: "r50k_base and p50k_base (23282), and in cl100k_base (99944)".
    const byId = new Map<number, string[]>();
    for (const [name, [id]] of single) byId.set(id, [...(byId.get(id) ?? []), name]);
    parts.push(`One token in ${[...byId].map(([id, names]) => `${andList(names)} (${id})`).join(", and in ")}`);
  }
  if (split.length) {
    const counts = split.map(([name, t], k) => `${t.length}${k === 0 ? " tokens" : ""} in ${name}`);
    parts.push(andList(counts));
  }
  const sentence = parts.join("; ");
  return sentence.charAt(0).toUpperCase() + sentence.slice(1) + ".";
}

/** Each known anomaly encoded with each of `encodings`, with a note saying what the IDs show. */
export function knownAnomalies(encodings: readonly Encoding[], texts: readonly string[] = KNOWN_ANOMALIES): KnownAnomaly[] {
  return texts.map((text) => {
    const ids = Object.fromEntries(encodings.map((e) => [e.name, e.encodeOrdinary(text)]));
    return { text, ids, note: anomalyNote(ids) };
  });
}

/** The shape of data/glitch-tokens.json (made by src/data/glitch-tokens.json.ts). */
export interface GlitchTokensFile {
  generator: string;
  /** One report per official vocabulary, oldest first. */
  encodings: Record<"r50k_base" | "p50k_base" | "cl100k_base" | "o200k_base", UnreachableReport>;
  /** `ANOMALIES_NOTE`. */
  anomaliesNote: string;
  /** `knownAnomalies` of the four vocabularies. */
  anomalies: KnownAnomaly[];
}
