/**
 * Special tokens: finding their text, and tiktoken's allowed/disallowed rules.
 *
 *   encode("a<|endoftext|>b")                              → throws (disallowed by default)
 *   encode("a<|endoftext|>b", {allowedSpecial: "all"})     → [64, 199999, 65]   (o200k_base)
 *   encode("a<|endoftext|>b", {disallowedSpecial: []})     → the text as ordinary tokens
 *   encodeOrdinary("a<|endoftext|>b")                      → the text as ordinary tokens
 */
import type { EncodeOptions } from "../types.js";

/** `s` as a RegExp source that matches exactly `s`. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A regex matching any of `tokens`, longest first so that no token hides a longer one. */
export function specialRegex(tokens: Iterable<string>): RegExp | undefined {
  const list = [...tokens].sort((a, b) => b.length - a.length);
  return list.length ? new RegExp(list.map(escapeRegExp).join("|"), "g") : undefined;
}

export interface SpecialRules {
  allowed: Set<string>;
  disallowed: Set<string>;
}

/** Resolve `allowedSpecial` / `disallowedSpecial` into two sets, as tiktoken does. */
export function resolveSpecial(all: ReadonlyMap<string, number>, name: string, options: EncodeOptions = {}): SpecialRules {
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
  const allowed = options.allowedSpecial === undefined ? new Set<string>() : toSet(options.allowedSpecial, "allowedSpecial");
  const dis = options.disallowedSpecial ?? "all";
  const disallowed = dis === "all" ? new Set([...all.keys()].filter((t) => !allowed.has(t))) : toSet(dis, "disallowedSpecial");
  return { allowed, disallowed };
}

/** The error tiktoken raises, with our option names. */
export function disallowedError(token: string): Error {
  const t = JSON.stringify(token);
  return new Error(
    `Encountered text corresponding to disallowed special token ${t}.\n` +
      `If you want this text to be encoded as a special token, pass it to allowedSpecial, e.g. {allowedSpecial: [${t}]} or {allowedSpecial: "all"}.\n` +
      `If you want this text to be encoded as normal text, disable the check for this token by passing it out of disallowedSpecial, ` +
      `e.g. {disallowedSpecial: []}, or call encodeOrdinary(text).`,
  );
}
