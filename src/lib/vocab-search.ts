/**
 * Searching a whole vocabulary: the query language of the vocabulary explorer, the index it
 * searches, and the search itself. Pure functions (no DOM): the explorer runs them in its worker,
 * the tests run them in Node.
 *
 * Queries ("auto" guesses the kind; the reader can also say which it is):
 *
 *   parseQuery("Magikarp")      → text: IDs whose text contains "Magikarp" (case-insensitive
 *                                 unless asked otherwise; a leading space counts: " the")
 *   parseQuery("/^ [A-Z]{8,}$/") → regex: tested against each token's text, with the flags
 *                                 written (here none: case-sensitive) and u
 *   parseQuery("^ the", "regex") → the same without slashes; case as the toggle says
 *   parseQuery("43453")         → ids 43453–43453
 *   parseQuery("1000-1100")     → ids 1000–1100
 *   parseQuery("e4 b8")         → hex: tokens whose bytes contain e4 b8 (two or more bytes,
 *                                 spaced, or \xe4\xb8; one byte alone needs "search as bytes")
 *
 * A regex can backtrack for a very long time on one token. `searchVocab` stops between tokens
 * once its deadline passes (the result says how far it got); a single endless match is the
 * caller's to stop, by ending the worker it runs in (`vocab-client.ts`).
 */
import type { Encoding } from "../engine/index.js";
import { facetsOf, SPECIAL, scriptOf, tokenText } from "./token-facets.js";

/** In `VocabIndex.facets`: the ID is not used by the encoding (a gap). Never matches. */
export const UNUSED = 128;

/** Everything the explorer shows about every ID of one encoding, as flat arrays. */
export interface VocabIndex {
  encoding: string;
  /** One more than the largest ID, special tokens included. */
  size: number;
  /** ID i's text is `texts.slice(textStart[i], textStart[i + 1])`: UTF-8 decoded, U+FFFD where its bytes are not text on their own; a special token's name; "" when unused. */
  texts: string;
  textStart: Int32Array;
  /** ID i's bytes are `bytes.subarray(byteStart[i], byteStart[i + 1])` (a special token: its name's UTF-8). */
  bytes: Uint8Array;
  byteStart: Int32Array;
  /** Facet bits from token-facets.ts, SPECIAL for special tokens, UNUSED for gaps. */
  facets: Uint8Array;
  /** Index into SCRIPTS. */
  script: Uint8Array;
}

const utf8 = new TextEncoder();

/** Build the index of every ID of `encoding` (about 0.5 s for o200k_base's 200k). */
export function buildVocabIndex(encoding: Encoding): VocabIndex {
  const size = encoding.nVocab;
  const names = new Map<number, string>();
  for (const [name, id] of encoding.specialTokens) names.set(id, name);
  const parts: string[] = [];
  const chunks: Uint8Array[] = [];
  const textStart = new Int32Array(size + 1),
    byteStart = new Int32Array(size + 1);
  const facets = new Uint8Array(size),
    script = new Uint8Array(size);
  let t = 0,
    b = 0;
  for (let id = 0; id < size; id++) {
    textStart[id] = t;
    byteStart[id] = b;
    const name = names.get(id);
    let bytes: Uint8Array | undefined,
      text = "";
    if (name !== undefined) {
      text = name;
      bytes = utf8.encode(name);
      facets[id] = SPECIAL;
    } else {
      try {
        bytes = encoding.tokenBytes(id);
      } catch {
        facets[id] = UNUSED;
      }
      if (bytes) {
        const decoded = tokenText(bytes);
        text = decoded.text;
        facets[id] = facetsOf(bytes, decoded);
        script[id] = decoded.valid ? scriptOf(text) : 0;
      }
    }
    parts.push(text);
    t += text.length;
    if (bytes) {
      chunks.push(bytes);
      b += bytes.length;
    }
  }
  textStart[size] = t;
  byteStart[size] = b;
  const all = new Uint8Array(b);
  let p = 0;
  for (const c of chunks) {
    all.set(c, p);
    p += c.length;
  }
  return { encoding: encoding.name, size, texts: parts.join(""), textStart, bytes: all, byteStart, facets, script };
}

export const textOf = (index: VocabIndex, id: number) =>
  index.texts.slice(index.textStart[id], index.textStart[id + 1]);
export const bytesOf = (index: VocabIndex, id: number) =>
  index.bytes.subarray(index.byteStart[id], index.byteStart[id + 1]);

export type QueryKind = "auto" | "text" | "regex" | "id" | "hex";

export type Query =
  | { kind: "all" }
  | { kind: "text"; needle: string; caseSensitive: boolean }
  | { kind: "regex"; re: RegExp }
  | { kind: "ids"; from: number; to: number }
  | { kind: "hex"; bytes: Uint8Array }
  | { kind: "error"; message: string };

const SLASHED = /^\/([\s\S]+)\/([a-z]*)$/;
const ID = /^\d+$/;
const RANGE = /^(\d+)\s*[-–]\s*(\d+)$/;
const SPACED_HEX = /^[0-9a-f]{2}(?:[\s,]+[0-9a-f]{2})+$/i;
const ESCAPED_HEX = /^(?:\\x[0-9a-f]{2})+$/i;

/** Read a query (see the top of this file). Never throws: a bad one is `{kind: "error"}`. */
export function parseQuery(q: string, as: QueryKind = "auto", caseSensitive = false): Query {
  const t = q.trim();
  if (as === "auto") {
    if (q === "") return { kind: "all" };
    if (SLASHED.test(t)) return regexQuery(t);
    if (ID.test(t) || RANGE.test(t)) return idQuery(t);
    if (SPACED_HEX.test(t) || ESCAPED_HEX.test(t)) return hexQuery(t);
    return { kind: "text", needle: q, caseSensitive };
  }
  if (t === "" && as !== "text") return { kind: "all" };
  if (as === "regex") return SLASHED.test(t) ? regexQuery(t) : regexQuery(`/${q}/${caseSensitive ? "" : "i"}`);
  if (as === "id") return idQuery(t);
  if (as === "hex") return hexQuery(t);
  return q === "" ? { kind: "all" } : { kind: "text", needle: q, caseSensitive };
}

/** `/source/flags` as written (so /[A-Z]/ is case-sensitive, as in JavaScript), plus u. */
function regexQuery(slashed: string): Query {
  const [, source, given] = SLASHED.exec(slashed)!;
  // g and y make test() stateful; u (or v) makes . and classes work on code points.
  let flags = given.replace(/[gy]/g, "");
  if (!flags.includes("u") && !flags.includes("v")) flags += "u";
  try {
    return { kind: "regex", re: new RegExp(source, flags) };
  } catch (err) {
    return { kind: "error", message: `Not a valid regular expression: ${(err as Error).message}` };
  }
}

function idQuery(t: string): Query {
  const range = RANGE.exec(t);
  if (range) {
    const from = Number(range[1]),
      to = Number(range[2]);
    return from <= to
      ? { kind: "ids", from, to }
      : { kind: "error", message: `The range ${t} runs backwards: write it as ${to}-${from}.` };
  }
  if (ID.test(t)) return { kind: "ids", from: Number(t), to: Number(t) };
  return { kind: "error", message: `"${t}" is not an ID or a range of IDs such as 1000-1100.` };
}

function hexQuery(t: string): Query {
  const digits = t.replace(/\\x|0x|[\s,]/gi, "");
  if (!/^(?:[0-9a-f]{2})+$/i.test(digits)) {
    return { kind: "error", message: `"${t}" is not bytes in hex: write pairs of hex digits such as e4 b8 88.` };
  }
  return { kind: "hex", bytes: Uint8Array.from(digits.match(/../g)!, (h) => parseInt(h, 16)) };
}

export interface SearchOptions {
  /** Only IDs that have every one of these facet bits. */
  facets?: number;
  /** Only IDs of this script (index into SCRIPTS); -1 or undefined for any. */
  script?: number;
  /** "rank": by ID; "length": longest (in bytes) first, then by ID. */
  sort?: "rank" | "length";
  /** Stop looking once `now()` passes this (ms); the result then says it is not complete. */
  deadline?: number;
  now?: () => number;
}

export interface SearchResult {
  ids: Int32Array;
  /** False when the deadline stopped the search: `searched` IDs were looked at. */
  complete: boolean;
  searched: number;
}

/** Lower-cased texts, made once per index on the first case-insensitive text search. */
const lowered = new WeakMap<VocabIndex, string[]>();

/** The IDs of `index` that match `query` and the options. */
export function searchVocab(index: VocabIndex, query: Query, options: SearchOptions = {}): SearchResult {
  const {
    facets: required = 0,
    script = -1,
    sort = "rank",
    deadline = Infinity,
    now = () => performance.now(),
  } = options;
  if (query.kind === "error") return { ids: new Int32Array(0), complete: true, searched: 0 };
  let from = 0,
    to = index.size - 1;
  if (query.kind === "ids") {
    from = Math.max(0, query.from);
    to = Math.min(index.size - 1, query.to);
  }
  const matches = matcher(index, query);
  const out: number[] = [];
  let id = from;
  for (; id <= to; id++) {
    if ((id & 511) === 0 && now() > deadline) break;
    const f = index.facets[id];
    if (f & UNUSED || (f & required) !== required) continue;
    if (script >= 0 && index.script[id] !== script) continue;
    if (matches(id)) out.push(id);
  }
  const ids = Int32Array.from(out);
  if (sort === "length") {
    const len = (i: number) => index.byteStart[i + 1] - index.byteStart[i];
    ids.sort((a, b) => len(b) - len(a) || a - b);
  }
  return { ids, complete: id > to, searched: id - from };
}

function matcher(index: VocabIndex, query: Query): (id: number) => boolean {
  switch (query.kind) {
    case "text": {
      if (query.caseSensitive) return (id) => textOf(index, id).includes(query.needle);
      let lower = lowered.get(index);
      if (!lower) {
        lower = Array.from({ length: index.size }, (_, id) => textOf(index, id).toLowerCase());
        lowered.set(index, lower);
      }
      const needle = query.needle.toLowerCase();
      const list = lower;
      return (id) => list[id].includes(needle);
    }
    case "regex":
      return (id) => query.re.test(textOf(index, id));
    case "hex": {
      const needle = query.bytes;
      return (id) => containsBytes(index.bytes, index.byteStart[id], index.byteStart[id + 1], needle);
    }
    default:
      return () => true;
  }
}

function containsBytes(hay: Uint8Array, s: number, e: number, needle: Uint8Array): boolean {
  const n = needle.length;
  outer: for (let i = s; i + n <= e; i++) {
    for (let k = 0; k < n; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}
