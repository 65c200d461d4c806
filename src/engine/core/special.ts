/**
 * Special tokens: finding their text, and tiktoken's allowed/disallowed rules.
 *
 *   encode("a<|endoftext|>b")                              → throws (disallowed by default)
 *   encode("a<|endoftext|>b", {allowedSpecial: "all"})     → [64, 199999, 65]   (o200k_base)
 *   encode("a<|endoftext|>b", {disallowedSpecial: []})     → the text as ordinary tokens
 *   encodeOrdinary("a<|endoftext|>b")                      → the text as ordinary tokens
 *
 * Both kinds of `Encoding` (core/encoding.ts, hf/sentencepiece.ts) check a text the same way,
 * through `SpecialTokenRules.allowedIn`, then cut it at the allowed tokens.
 */
import type { EncodeOptions } from "../types.js";

/** `s` as a RegExp source that matches exactly `s`. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex matching any of `tokens`, longest first so that no token hides a longer one. */
export function specialRegex(tokens: Iterable<string>): RegExp | undefined {
  const list = [...tokens].sort((a, b) => b.length - a.length);
  return list.length ? new RegExp(list.map(escapeRegExp).join("|"), "g") : undefined;
}

interface SpecialRules {
  allowed: Set<string>;
  disallowed: Set<string>;
}

/** Resolve `allowedSpecial` / `disallowedSpecial` into two sets, as tiktoken does. */
function resolveSpecial(all: ReadonlyMap<string, number>, name: string, options: EncodeOptions = {}): SpecialRules {
  const toSet = (v: "all" | Iterable<string>, what: string): Set<string> => {
    if (v === "all") return new Set(all.keys());
    if (typeof v === "string" || v == null || typeof (v as Iterable<string>)[Symbol.iterator] !== "function") {
      throw new TypeError(`${what} must be "all" or a list of special token texts, not ${JSON.stringify(v)}.`);
    }
    const set = new Set(v);
    for (const t of set) {
      if (!all.has(t)) throw new Error(`${what} names "${t}", which is not a special token of ${name}.`);
    }
    return set;
  };
  const allowed =
    options.allowedSpecial === undefined ? new Set<string>() : toSet(options.allowedSpecial, "allowedSpecial");
  const dis = options.disallowedSpecial ?? "all";
  const disallowed =
    dis === "all" ? new Set([...all.keys()].filter((t) => !allowed.has(t))) : toSet(dis, "disallowedSpecial");
  return { allowed, disallowed };
}

/** The error tiktoken raises, with our option names. */
function disallowedError(token: string): Error {
  const t = JSON.stringify(token);
  return new Error(
    `Encountered text corresponding to disallowed special token ${t}.\n` +
      `If you want this text to be encoded as a special token, pass it to allowedSpecial, e.g. {allowedSpecial: [${t}]} or {allowedSpecial: "all"}.\n` +
      `If you want this text to be encoded as normal text, disable the check for this token by passing it out of disallowedSpecial, ` +
      `e.g. {disallowedSpecial: []}, or call encodeOrdinary(text).`,
  );
}

/**
 * An encoding's special tokens, ready to check texts against tiktoken's rules. For the tokens
 * "<|x|>", "<|x|>!" and "|>y", every one disallowed but "<|x|>!":
 *
 *   allowedIn("a<|x|>!", {allowedSpecial: ["<|x|>!"]})  → throws for "<|x|>" (it starts there too)
 *   allowedIn("ab", {allowedSpecial: ["<|x|>!"]})       → undefined: no special token in the text
 */
export class SpecialTokenRules {
  /** Any special token, longest first (so no token hides a longer one), or undefined when none. */
  readonly regex: RegExp | undefined;
  /** Each special token → the special tokens it starts with, itself included, longest first. */
  private readonly prefixes = new Map<string, string[]>();

  constructor(
    readonly tokens: ReadonlyMap<string, number>,
    readonly encodingName: string,
  ) {
    this.regex = specialRegex(tokens.keys());
    const all = [...tokens.keys()].sort((a, b) => b.length - a.length);
    for (const t of all)
      this.prefixes.set(
        t,
        all.filter((u) => t.startsWith(u)),
      );
  }

  /**
   * Resolve `options` (throwing on a malformed one, even for a text without special tokens),
   * refuse `text` if a disallowed token occurs anywhere in it, even overlapping an allowed one,
   * as tiktoken does (the error names the leftmost, and the longest there), and return the
   * allowed tokens. Returns undefined when no special token occurs in `text` at all.
   */
  allowedIn(text: string, options: EncodeOptions | undefined): Set<string> | undefined {
    const re = this.regex;
    const occurs = re !== undefined && ((re.lastIndex = 0), re.test(text));
    if (!occurs) {
      if (options) resolveSpecial(this.tokens, this.encodingName, options); // still validate the options
      return undefined;
    }
    const { allowed, disallowed } = resolveSpecial(this.tokens, this.encodingName, options);
    if (disallowed.size) {
      // Visit every position where some special token starts (stepping one past each match
      // start finds overlapping ones too) and test the disallowed tokens that start there.
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        // The regex gives the longest token starting here; shorter ones are its prefixes.
        for (const t of this.prefixes.get(m[0])!) if (disallowed.has(t)) throw disallowedError(t);
        re.lastIndex = m.index + 1;
      }
    }
    return allowed;
  }
}
