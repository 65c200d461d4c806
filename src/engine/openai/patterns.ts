/**
 * The split patterns, as tiktoken runs them and as JavaScript must write them.
 *
 * tiktoken runs its patterns with Rust's `fancy-regex`. JavaScript's `RegExp` (flags `gu`)
 * understands almost the same syntax, with three differences that change results:
 *
 * 1. `\s`. Rust's `\s` is Unicode's White_Space property: it includes U+0085 (NEXT LINE) and
 *    excludes U+FEFF (ZERO WIDTH NO-BREAK SPACE). JavaScript's `\s` is the reverse on both.
 *    So " \u0085x" splits as [" \u0085", "x"]... in Rust and differently in JS. We spell the
 *    White_Space set out as `WS` below.
 * 2. `(?i:...)`. Node 20's RegExp has no inline flag groups. We spell each letter of the
 *    contractions as a class. Rust's case folding maps `s` to `S` and to `ſ` (U+017F, LATIN
 *    SMALL LETTER LONG S), so `'ſ` is a contraction in cl100k_base and o200k_base.
 * 3. Unicode version. `\p{L}`, `\p{N}` and the rest follow the Unicode tables of whatever runs
 *    the pattern. tiktoken's regex crate has Unicode 16.0; a newer JavaScript engine knows
 *    more letters (U+323B0, a CJK ideograph of Unicode 17.0, is a letter to Node 20.20 and
 *    unassigned to tiktoken). The engine's scanners carry their own Unicode 16.0 table
 *    (`core/unicode.ts`), so only `jsPattern` run by `RegExp` can differ, on such characters.
 * 4. Possessive quantifiers (`++`, `?+`) in tiktoken's newest pattern strings do not exist in
 *    JavaScript. We keep the classic patterns, which the `tiktoken` WASM build (our oracle) runs.
 *    The newest cl100k_base form also tries `\s++$` before `\s*[\r\n]`, so whitespace holding
 *    a newline at the very end of a text is one piece there ("\n\n  ") and two here ("\n\n",
 *    "  "). On every such ending we tried (newlines, CRLF, spaces and tabs, up to 8 long) both
 *    splits give the same tokens.
 */

/** Unicode White_Space, which is what Rust's `\s` means (JavaScript's `\s` differs). */
export const WS = String.raw`\t-\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000`;

const sharedNotes = [
  String.raw`\s is written as the class [${WS}]: Rust's \s (Unicode White_Space) includes U+0085 and excludes U+FEFF, JavaScript's \s does the opposite.`,
  "\\p{...} classes follow the running engine's Unicode version; tiktoken's are Unicode 16.0, so characters assigned later (e.g. U+323B0) may split differently under RegExp. The engine's own scanners use a Unicode 16.0 table.",
];

/** GPT-2, r50k_base, p50k_base, p50k_edit. */
export const R50K = {
  pattern: String.raw`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`,
  jsPattern: String.raw`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^${WS}\p{L}\p{N}]+|[${WS}]+(?![^${WS}])|[${WS}]+`,
  jsPatternNotes: sharedNotes,
};

/** Rust `(?i:'s|'t|'re|'ve|'m|'ll|'d)`, case folded as Rust folds it (`s` also matches `ſ`). */
const CONTRACTIONS_I = String.raw`'(?:[sS\u017F]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])`;
const caseNote = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d) is written with explicit classes such as [sS\u017F]: Node 20 has no inline flags, and Rust's case folding also matches U+017F (long s) for s.`;

/** cl100k_base. */
export const CL100K = {
  pattern: String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
  jsPattern: String.raw`${CONTRACTIONS_I}|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^${WS}\p{L}\p{N}]+[\r\n]*|[${WS}]*[\r\n]+|[${WS}]+(?![^${WS}])|[${WS}]+`,
  jsPatternNotes: [...sharedNotes, caseNote],
};

const UPPER = String.raw`[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`;
const LOWER = String.raw`[\p{Ll}\p{Lm}\p{Lo}\p{M}]`;

/** o200k_base and o200k_harmony. */
export const O200K = {
  pattern: [
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
    String.raw`\p{N}{1,3}`,
    String.raw` ?[^\s\p{L}\p{N}]+[\r\n/]*`,
    String.raw`\s*[\r\n]+`,
    String.raw`\s+(?!\S)`,
    String.raw`\s+`,
  ].join("|"),
  jsPattern: [
    String.raw`[^\r\n\p{L}\p{N}]?${UPPER}*${LOWER}+(?:${CONTRACTIONS_I})?`,
    String.raw`[^\r\n\p{L}\p{N}]?${UPPER}+${LOWER}*(?:${CONTRACTIONS_I})?`,
    String.raw`\p{N}{1,3}`,
    String.raw` ?[^${WS}\p{L}\p{N}]+[\r\n/]*`,
    String.raw`[${WS}]*[\r\n]+`,
    String.raw`[${WS}]+(?![^${WS}])`,
    String.raw`[${WS}]+`,
  ].join("|"),
  jsPatternNotes: [...sharedNotes, caseNote],
};
