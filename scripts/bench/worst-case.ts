/**
 * Worst cases: one piece that needs every merge ("a" repeated, random letters with no space,
 * random punctuation). Ours is timed on 100 KB and on 1 MB; linear means the 1 MB time is
 * about 10x the 100 KB time. Each peer runs once on 100 KB, unless a smaller probe shows it
 * would take too long (some are quadratic here).
 *
 *   WORST_KINDS[0].make(5, 1) → "aaaaa";  runWorstCase(libs, WORST_KINDS[0], true).oursLargeMs
 */
import { median } from "../../src/lib/median.js";
import { gc, now } from "./common.js";
import type { Lib } from "./libraries.js";

// Worst-case sizes, and the probe that keeps quadratic peers from eating the time budget.
const WORST_SMALL = 100_000;
const WORST_LARGE = 1_000_000;
export const PROBE_SIZE = 20_000;
export const PROBE_LIMIT_MS = 1000;
/** Smaller probes first: some peers need a minute for 20 KB, which a probe must not spend. */
export const PROBE_STAGES = [2_000, 5_000, PROBE_SIZE];

/** mulberry32: a small seeded PRNG, so the random inputs are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomFrom(alphabet: string, n: number, seed: number): string {
  const rand = prng(seed);
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

export interface WorstKind {
  id: string;
  label: string;
  /** `n` ASCII characters (so `n` bytes); `seed` makes each probe a new string. */
  make(n: number, seed: number): string;
}

const PUNCT = "!@#$%^&*()-=+[]{};:,.<>?/|";
export const WORST_KINDS: readonly WorstKind[] = [
  { id: "a", label: '"a" repeated', make: (n) => "a".repeat(n) },
  { id: "lower", label: "random a–z, no spaces", make: (n, seed) => randomFrom("abcdefghijklmnopqrstuvwxyz", n, seed) },
  { id: "punct", label: `random punctuation ${PUNCT}`, make: (n, seed) => randomFrom(PUNCT, n, seed) },
];

/** A peer's 100 KB run, or why it was skipped: the 20 KB probe took (at least) `probeMs`. */
export type PeerWorst = { ms: number; tokens: number } | { probeMs: number; extrapolated: boolean } | { notRun: true };

export interface WorstResult {
  kind: WorstKind;
  oursSmallMs: number;
  oursLargeMs: number;
  oursSmallTokens: number;
  peers: Record<string, PeerWorst>;
}

/** One timed call, after a full collection. */
function timeOnce(lib: Lib, text: string): { ms: number; tokens: number } {
  gc();
  const start = now();
  const tokens = lib.count(text);
  return { ms: now() - start, tokens };
}

/**
 * Peers are quadratic (or worse) on some of these inputs: a 20 KB probe decides whether
 * 100 KB fits in the time budget. Probes are other strings than the measured one (other
 * lengths and seeds), so they cannot fill a cache for it. Any tokenizer is at least linear,
 * so when a smaller probe times (20 KB / its size) already exceeds the limit, the 20 KB
 * probe would too, and is not run. Returns why to skip, or undefined to go ahead.
 */
function probePeer(lib: Lib, kind: WorstKind): PeerWorst | undefined {
  for (const [i, size] of PROBE_STAGES.entries()) {
    const { ms } = timeOnce(lib, kind.make(size, 10 + i));
    const atProbeSize = (ms * PROBE_SIZE) / size;
    if (atProbeSize > PROBE_LIMIT_MS) return { probeMs: atProbeSize, extrapolated: size < PROBE_SIZE };
  }
  return undefined;
}

export function runWorstCase(libs: Lib[], kind: WorstKind, withPeers: boolean): WorstResult {
  const ours = libs.find((l) => l.id === "ours")!;
  const small = kind.make(WORST_SMALL, 1);
  const large = kind.make(WORST_LARGE, 2);
  // The corpora rarely reach the long-piece merge code, so ours first gets one untimed call
  // on another string, as each peer gets its probes. Ours keeps nothing between calls, so
  // repeating a text is fair: median of five at 100 KB (a few ms of noise would swing the
  // 1 MB / 100 KB ratio), of three at 1 MB.
  ours.count(kind.make(PROBE_SIZE, 4));
  const smallRuns = Array.from({ length: 5 }, () => timeOnce(ours, small));
  const largeRuns = Array.from({ length: 3 }, () => timeOnce(ours, large));
  const peers: Record<string, PeerWorst> = {};
  for (const lib of libs) {
    if (lib.id === "ours") continue;
    if (!withPeers) {
      peers[lib.id] = { notRun: true };
      continue;
    }
    const probe = probePeer(lib, kind);
    peers[lib.id] = probe ?? timeOnce(lib, small);
  }
  return {
    kind,
    oursSmallMs: median(smallRuns.map((r) => r.ms)),
    oursLargeMs: median(largeRuns.map((r) => r.ms)),
    oursSmallTokens: smallRuns[0].tokens,
    peers,
  };
}
