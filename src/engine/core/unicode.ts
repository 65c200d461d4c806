/**
 * Character classes of every code point, as the split patterns see them.
 *
 * One byte per code point (1.1 MB, built once from the run-length table in
 * `unicode-classes.generated.ts`), holding these bits:
 */
import { CLASS_RUNS } from "./unicode-classes.generated.js";

/** `\p{L}`: any letter. */
export const LETTER = 1;
/** `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`: o200k_base's "upper-case-like" set. */
export const UPPERISH = 2;
/** `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`: o200k_base's "lower-case-like" set. */
export const LOWERISH = 4;
/** `\p{N}`: any number. */
export const NUMBER = 8;
/** Unicode White_Space, Rust's `\s`: has U+0085, lacks U+FEFF. */
export const SPACE = 16;

let table: Uint8Array | undefined;

/** The class byte of every code point, indexed by code point. */
export function classTable(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(0x110000);
  let cp = 0;
  for (const run of CLASS_RUNS.split(",")) {
    const dot = run.indexOf(".");
    const len = parseInt(run.slice(0, dot), 36);
    const cls = parseInt(run.slice(dot + 1), 36);
    if (cls !== 0) t.fill(cls, cp, cp + len);
    cp += len;
  }
  if (cp !== 0x110000) throw new Error(`unicode class table covers ${cp} code points, expected 0x110000`);
  return (table = t);
}
