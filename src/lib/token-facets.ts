/**
 * What kind of token a vocabulary entry is: the facets the vocabulary explorer filters on, and
 * the writing system its letters belong to. Pure functions of the token's bytes (no DOM), shared
 * by the explorer's worker and the data loaders that make its charts.
 *
 *   facetsOf(bytes(" the"))   → SPACE                       script: Latin
 *   facetsOf(bytes(" 2026"))  → SPACE | DIGITS              script: none
 *   facetsOf(bytes("\n\n"))   → WHITESPACE                  script: none
 *   facetsOf(bytes(" ..."))   → SPACE | PUNCTUATION         script: none
 *   facetsOf([0xe9, 0xac])    → FRAGMENT (2 of 鬱's 3 bytes) script: none
 *   scriptOf("東京")           → Han;  scriptOf("Tokyo東京") → mixed
 */

/** The token's first byte is a space (U+0020). */
export const SPACE = 1;
/** Nothing but whitespace (`\s`). */
export const WHITESPACE = 2;
/** Decimal digits (`\p{Nd}`), after an optional leading space. */
export const DIGITS = 4;
/** Punctuation or symbols (`\p{P}`, `\p{S}`), after an optional leading space. */
export const PUNCTUATION = 8;
/** Not valid UTF-8 on its own: part of a character (or several characters' parts). */
export const FRAGMENT = 16;
/** A special token such as `<|endoftext|>`. */
export const SPECIAL = 32;

export const FACETS: readonly { bit: number; name: string; label: string }[] = [
  { bit: SPACE, name: "space", label: "starts with a space" },
  { bit: WHITESPACE, name: "whitespace", label: "whitespace only" },
  { bit: DIGITS, name: "digits", label: "digits" },
  { bit: PUNCTUATION, name: "punctuation", label: "punctuation" },
  { bit: FRAGMENT, name: "fragment", label: "byte fragments" },
  { bit: SPECIAL, name: "special", label: "special tokens" },
];

/**
 * Writing systems, by Unicode's Script property. Characters of the Common and Inherited scripts
 * (spaces, ASCII digits, most punctuation, combining marks) do not count. Index 0 is "none"
 * (no character of any script: " 2026", "...", a fragment); "other" is a letter of a script not
 * listed here, "mixed" characters of more than one. Hiragana and Katakana count as one, "Kana";
 * a script's own digits count for it (Arabic-Indic " ١٢" is Arabic).
 */
export const SCRIPTS = [
  "none",
  "Latin",
  "Cyrillic",
  "Greek",
  "Arabic",
  "Hebrew",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Lao",
  "Khmer",
  "Myanmar",
  "Tibetan",
  "Georgian",
  "Armenian",
  "Ethiopic",
  "Hangul",
  "Han",
  "Kana",
  "other",
  "mixed",
] as const;
export type ScriptName = (typeof SCRIPTS)[number];
export const NO_SCRIPT = 0;
export const OTHER_SCRIPT = SCRIPTS.indexOf("other");
export const MIXED_SCRIPTS = SCRIPTS.indexOf("mixed");

/** One alternation with a group per listed script; Kana matches Hiragana or Katakana. */
const SCRIPT_RE = new RegExp(
  SCRIPTS.slice(1, OTHER_SCRIPT)
    .map((s) => (s === "Kana" ? "([\\p{Script=Hiragana}\\p{Script=Katakana}])" : `(\\p{Script=${s}})`))
    .join("|") + "|(\\p{L})",
  "u",
);
/** Code point → script index, or -1 for Common and Inherited characters. */
const cache = new Map<number, number>();

/** The script index of one code point (-1 for Common and Inherited characters). */
export function scriptOfCodePoint(cp: number): number {
  let s = cache.get(cp);
  if (s === undefined) {
    const m = SCRIPT_RE.exec(String.fromCodePoint(cp));
    s = -1;
    if (m) for (let g = 1; g < m.length; g++) if (m[g] !== undefined) s = g === m.length - 1 ? OTHER_SCRIPT : g;
    cache.set(cp, s);
  }
  return s;
}

/** The script of a text's characters: NO_SCRIPT when none has one, MIXED_SCRIPTS when they differ. */
export function scriptOf(text: string): number {
  let found = NO_SCRIPT;
  for (const ch of text) {
    const s = scriptOfCodePoint(ch.codePointAt(0)!);
    if (s < 0 || s === found) continue;
    if (found !== NO_SCRIPT) return MIXED_SCRIPTS;
    found = s;
  }
  return found;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder("utf-8", { ignoreBOM: true });

/** A token's text, and whether its bytes are valid UTF-8 on their own (else U+FFFD stands in). */
export function tokenText(bytes: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: strict.decode(bytes), valid: true };
  } catch {
    return { text: lossy.decode(bytes), valid: false };
  }
}

const ONLY_WHITESPACE = /^\s+$/u;
const ONLY_DIGITS = /^\p{Nd}+$/u;
const ONLY_PUNCTUATION = /^[\p{P}\p{S}]+$/u;

/** The facet bits of an ordinary token (SPECIAL is the caller's to add). */
export function facetsOf(bytes: Uint8Array, decoded = tokenText(bytes)): number {
  let f = bytes[0] === 0x20 ? SPACE : 0;
  if (!decoded.valid) return f | FRAGMENT;
  const { text } = decoded;
  if (ONLY_WHITESPACE.test(text)) return f | WHITESPACE;
  const rest = text.charCodeAt(0) === 0x20 ? text.slice(1) : text;
  if (ONLY_DIGITS.test(rest)) f |= DIGITS;
  else if (ONLY_PUNCTUATION.test(rest)) f |= PUNCTUATION;
  return f;
}
