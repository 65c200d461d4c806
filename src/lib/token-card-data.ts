/**
 * What the vocabulary explorer's token card says about one token (pure; the worker computes it):
 * its text, bytes and lengths, its ID in every encoding, and its leading-space and case
 * siblings in its own encoding.
 *
 *   tokenCard(index of o200k_base, 290 (" the"), …)
 *     → text " the", bytes 20 74 68 65, 4 bytes, 4 characters, starts with a space
 *       others: cl100k_base 279, r50k_base 262, …
 *       siblings: "the" 3086, " the" 290, "The" 976, " The" 623, "THE" 27022, " THE" 5135
 */
import type { Encoding } from "../engine/index.js";
import { facetsOf, FRAGMENT, SPECIAL, tokenText } from "./token-facets.js";
import { bytesOf, textOf, type VocabIndex } from "./vocab-search.js";

export interface TokenCard {
  encoding: string;
  token: number;
  /** The token's text (U+FFFD where its bytes are not text on their own), or a special token's name. */
  text: string;
  bytes: Uint8Array;
  special: boolean;
  /** Not valid UTF-8 on its own. */
  fragment: boolean;
  /** Code points (0 for a fragment). */
  characters: number;
  startsWithSpace: boolean;
  /** The same bytes (or special token name) in every registered encoding: its ID, or null. */
  others: { encoding: string; id: number | null }[];
  /** The token's word with and without a leading space, lower, Capitalized and UPPER case. */
  siblings: { text: string; id: number | null }[];
}

export interface OtherEncoding {
  name: string;
  /** An encoding with the same ordinary tokens (its vocabulary). */
  encoding: Encoding;
  specials: Readonly<Record<string, number>>;
}

const utf8 = new TextEncoder();

/** The forms a word takes: "the" → the, The, THE, and each with a leading space. */
export function siblingForms(text: string): string[] {
  const word = text.startsWith(" ") ? text.slice(1) : text;
  if (!word) return [];
  const lower = word.toLowerCase();
  const forms = [lower, lower.charAt(0).toUpperCase() + lower.slice(1), word.toUpperCase(), word];
  const out: string[] = [];
  for (const f of forms) for (const s of [f, ` ${f}`]) if (!out.includes(s)) out.push(s);
  return out;
}

export function tokenCard(
  index: VocabIndex,
  token: number,
  others: readonly OtherEncoding[],
  own: Encoding,
): TokenCard {
  return cardOf(
    index.encoding,
    token,
    textOf(index, token),
    bytesOf(index, token).slice(),
    index.facets[token],
    others,
    own,
  );
}

/**
 * The card of one token straight from its encoding, without an index (the embed's iframe view
 * shows one card). Throws a plain message for an ID the encoding does not use.
 */
export function tokenCardOf(own: Encoding, token: number, others: readonly OtherEncoding[]): TokenCard {
  if (!Number.isInteger(token) || token < 0)
    throw new Error(`A token ID is a whole number from 0, not ${JSON.stringify(token)}.`);
  const name = [...own.specialTokens].find(([, id]) => id === token)?.[0];
  if (name !== undefined) return cardOf(own.name, token, name, utf8.encode(name), SPECIAL, others, own);
  let bytes: Uint8Array;
  try {
    bytes = own.tokenBytes(token);
  } catch {
    throw new Error(`${own.name} has no token ${token} (its IDs go up to ${own.nVocab - 1}, with gaps).`);
  }
  const decoded = tokenText(bytes);
  return cardOf(own.name, token, decoded.text, bytes, facetsOf(bytes, decoded), others, own);
}

function cardOf(
  encoding: string,
  token: number,
  text: string,
  bytes: Uint8Array,
  facets: number,
  others: readonly OtherEncoding[],
  own: Encoding,
): TokenCard {
  const special = (facets & SPECIAL) !== 0;
  const fragment = (facets & FRAGMENT) !== 0;
  const rankIn = (enc: Encoding, b: Uint8Array) => enc.rank(b) ?? null;
  return {
    encoding,
    token,
    text,
    bytes,
    special,
    fragment,
    characters: fragment ? 0 : [...text].length,
    startsWithSpace: !special && bytes[0] === 0x20,
    others: others.map((o) => ({
      encoding: o.name,
      id: special ? (o.specials[text] ?? null) : rankIn(o.encoding, bytes),
    })),
    siblings: special || fragment ? [] : siblingForms(text).map((s) => ({ text: s, id: rankIn(own, utf8.encode(s)) })),
  };
}
