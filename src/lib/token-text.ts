/**
 * How a token's text and bytes are written for reading: whitespace and invisible characters
 * made visible, bytes as hex, the part of a character a token holds, and each token ID's color.
 * Plain strings, no DOM: the token chips, the vocabulary list and card, the BPE page and the
 * SVG export all write tokens this way.
 *
 *   visibleWhitespace(" a\tb\n")        → "·a→b↵"
 *   visibleWhitespace("\u202Eevil")     → "⟨U+202E⟩evil"
 *   hex([0xe9, 0xac, 0xb1])             → "e9 ac b1"
 *   byteSegments([0x61, 0xe9])          → [{text: "a"}, {bytes: [0xe9]}]
 *   partialLabel({char: "鬱", byteStart: 0, byteEnd: 2, byteLength: 3, …}) → "bytes 1–2 of 3 of 鬱"
 *   tokenColor(24912)                   → an index into PALETTE, the same in every view
 */
import { isSurrogatePair, utf8SequenceLength } from "../engine/index.js";
import type { PartialChar } from "../engine/index.js";

/** The Okabe–Ito colorblind-safe palette (without black), with the tints the chips use. */
export const PALETTE = [
  {
    name: "orange",
    base: "#e69f00",
    light: { bg: "#faeac7", border: "#b87f00" },
    dark: { bg: "#543f0f", border: "#c28a0a" },
  },
  {
    name: "sky blue",
    base: "#56b4e9",
    light: { bg: "#daeffa", border: "#4590ba" },
    dark: { bg: "#294555", border: "#5aa6d2" },
  },
  {
    name: "bluish green",
    base: "#009e73",
    light: { bg: "#c7eae0", border: "#007e5c" },
    dark: { bg: "#0f3f32", border: "#12a57c" },
  },
  {
    name: "yellow",
    base: "#f0e442",
    light: { bg: "#fcf9d5", border: "#a89e1f" },
    dark: { bg: "#575423", border: "#c9bf3b" },
  },
  {
    name: "blue",
    base: "#0072b2",
    light: { bg: "#c7e0ee", border: "#005b8e" },
    dark: { bg: "#0f3245", border: "#3a8fc4" },
  },
  {
    name: "vermillion",
    base: "#d55e00",
    light: { bg: "#f6dcc7", border: "#aa4b00" },
    dark: { bg: "#4f2c0f", border: "#d0661a" },
  },
  {
    name: "reddish purple",
    base: "#cc79a7",
    light: { bg: "#f4e2ec", border: "#a36186" },
    dark: { bg: "#4d3442", border: "#c27ca3" },
  },
] as const;

/** Index into `PALETTE` of a token ID's color: a fixed integer hash, the same in every view. */
export function tokenColor(id: number): number {
  let h = Math.imul((id | 0) ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % PALETTE.length;
}

/** Bytes as lower-case hex pairs separated by spaces: `e9 ac b1`. */
export function hex(bytes: ArrayLike<number>): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += (i ? " " : "") + (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
  return s;
}

/** `⟨U+202E⟩`: a code point as a visible marker. */
function codeMarker(cp: number): string {
  return `⟨U+${cp.toString(16).toUpperCase().padStart(4, "0")}⟩`;
}

/** One run of a text as the chips draw it. */
export interface VisibleSegment {
  /** `text`: as is; `ws`: a whitespace marker; `mark`: a marker for an invisible or unsafe character. */
  kind: "text" | "ws" | "mark";
  text: string;
  /** A newline marker: the line breaks after it. */
  br?: boolean;
}

/** Zero-width, bidi, line/paragraph separators, invisible operators: always shown as markers. */
const isInvisibleFormat = (cp: number) =>
  cp === 0x200b ||
  (cp >= 0x200e && cp <= 0x200f) ||
  (cp >= 0x2028 && cp <= 0x202e) ||
  (cp >= 0x2060 && cp <= 0x206f) ||
  (cp >= 0xfff9 && cp <= 0xfffb);

/** Spaces other than U+0020 and U+00A0: shown as markers when whitespace is. */
const isOtherSpace = (cp: number) =>
  cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f || cp === 0x3000;

/** The marker for one code point, or `undefined` when it is drawn as itself. */
function markerFor(cp: number, loneSurrogate: boolean, whitespace: boolean): VisibleSegment | undefined {
  if (loneSurrogate) return { kind: "mark", text: `⟨${cp.toString(16).toUpperCase()}⟩` };
  if (cp < 0x20 || cp === 0x7f) {
    if (cp === 0x0a) return whitespace ? { kind: "ws", text: "↵", br: true } : undefined;
    if (cp === 0x09) return whitespace ? { kind: "ws", text: "→" } : undefined;
    if (cp === 0x0d) return whitespace ? { kind: "ws", text: "␍" } : undefined;
    return { kind: "mark", text: String.fromCharCode(cp === 0x7f ? 0x2421 : 0x2400 + cp) }; // ␀ … ␟, ␡
  }
  if (cp === 0x20) return whitespace ? { kind: "ws", text: "·" } : undefined;
  if (cp < 0xa0) return cp >= 0x80 ? { kind: "mark", text: codeMarker(cp) } : undefined; // C1 controls, NEL
  if (cp === 0xa0) return whitespace ? { kind: "ws", text: "⍽" } : undefined;
  if (cp === 0xad || cp === 0x61c || cp === 0x180e || cp === 0xfeff || cp === 0xfffd) {
    return { kind: "mark", text: codeMarker(cp) };
  }
  if (isInvisibleFormat(cp)) return { kind: "mark", text: codeMarker(cp) };
  if (isOtherSpace(cp)) return whitespace ? { kind: "ws", text: codeMarker(cp) } : undefined;
  return undefined;
}

/** Characters that are invisible on their own: joiners, variation selectors, tags, fillers. */
// The joiners and variation selectors are in the class on purpose, each standing alone.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_ALONE = /^[\u200c\u200d\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f\u{e0000}-\u{e0fff}]+$/u;

/**
 * A text split into runs to draw: plain text, whitespace markers (when `whitespace`), and
 * markers for characters that must always be visible (controls, bidi controls, lone
 * surrogates…). Joining the segments' `text` gives what the chip shows.
 */
export function visibleSegments(s: string, whitespace: boolean): VisibleSegment[] {
  const out: VisibleSegment[] = [];
  let run = 0;
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i);
    const surrogate = c >= 0xd800 && c <= 0xdfff;
    const pair = surrogate && isSurrogatePair(s, i);
    const len = pair ? 2 : 1;
    // Fast path: printable ASCII but space never needs a marker.
    const m =
      c > 0x20 && c < 0x7f ? undefined : markerFor(pair ? s.codePointAt(i)! : c, surrogate && !pair, whitespace);
    if (m) {
      if (i > run) out.push({ kind: "text", text: s.slice(run, i) });
      out.push(m);
      run = i + len;
    }
    i += len;
  }
  if (run < s.length) out.push({ kind: "text", text: s.slice(run) });
  if (out.length === 1 && out[0].kind === "text" && INVISIBLE_ALONE.test(s)) {
    return Array.from(s, (ch) => ({ kind: "mark" as const, text: codeMarker(ch.codePointAt(0)!) }));
  }
  return out;
}

/**
 * The text with whitespace and invisible characters made visible, on one line:
 * `visibleWhitespace(" a\tb\n")` is `"·a→b↵"`, `visibleWhitespace("\0")` is `"␀"`.
 */
export function visibleWhitespace(s: string): string {
  let out = "";
  for (const seg of visibleSegments(s, true)) out += seg.text;
  return out;
}

/** `"bytes 1–2 of 3 of 鬱"`, or `"byte 3 of 3 of 鬱"` for a single byte. */
export function partialLabel(p: PartialChar): string {
  const from = p.byteStart + 1,
    to = p.byteEnd;
  const char = visibleWhitespace(p.char);
  return from === to
    ? `byte ${from} of ${p.byteLength} of ${char}`
    : `bytes ${from}–${to} of ${p.byteLength} of ${char}`;
}

export type ByteSegment = { text: string } | { bytes: Uint8Array };

const utf8 = new TextDecoder();

/**
 * A token's bytes as runs of whole characters (`{text}`) and of bytes that are only part of a
 * character (`{bytes}`): `[e9 ac]` → `[{bytes: e9 ac}]`, `[61 e9]` → `[{text: "a"}, {bytes: e9}]`.
 */
export function byteSegments(bytes: Uint8Array): ByteSegment[] {
  const out: ByteSegment[] = [];
  let start = 0,
    inText = true;
  for (let i = 0; i < bytes.length;) {
    const len = utf8SequenceLength(bytes, i);
    if (len > 0 !== inText) {
      if (i > start)
        out.push(inText ? { text: utf8.decode(bytes.subarray(start, i)) } : { bytes: bytes.slice(start, i) });
      start = i;
      inText = len > 0;
    }
    i += len || 1;
  }
  if (bytes.length > start)
    out.push(inText ? { text: utf8.decode(bytes.subarray(start)) } : { bytes: bytes.slice(start) });
  return out;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Bytes as text with whitespace visible, or as `⟨hex⟩` when they are not text on their own. */
export function partLabel(bytes: Uint8Array): string {
  try {
    return visibleWhitespace(strictUtf8.decode(bytes));
  } catch {
    return `⟨${hex(bytes)}⟩`;
  }
}
