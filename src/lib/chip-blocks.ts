/**
 * How the token chips view cuts a text's tokens into things to draw, and how tall it guesses
 * they are before drawing them. No DOM: the view (src/components/token-chips/) draws what this
 * finds.
 *
 * - A **unit** is a chip or a group: tokens that share a character (their spans overlap) form
 *   one unit, every other token is a unit alone. `chipUnits(table)` lists them at once.
 * - A **block** is a run of units drawn (or left out) together: it ends after the first newline
 *   once it holds BLOCK_MIN units, so block boundaries fall at line ends, and always at
 *   BLOCK_MAX (a line with no newline in 400 units then shows as two lines).
 *
 *   "Hi 鬱\n" in o200k_base: 5 tokens, "Hi", three that hold parts of " 鬱" (its bytes split), "\n"
 *   → units [0, 1, 4, 5]: "Hi", the group " 鬱" (tokens 1–3), "\n"
 *
 * `ChipBlocks` finds units and blocks incrementally (`scan(count)`), so that the view can draw
 * the first block of a megabyte at once and scan the rest in timer slices. It also estimates
 * each block's height from its lines (in character cells, at the view's font) and corrects the
 * estimates by how wrong they were for the blocks the browser has measured (`record`).
 */
import { FLAG_PARTIAL, type TokenTable } from "./token-table.js";

/** Does token k share a character with token k - 1 (so that both are in one unit)? */
const joinsPrevious = (table: TokenTable, k: number) => k > 0 && table.start[k] < table.end[k - 1];

/**
 * Units: token index where each chip or group starts, plus `table.length` at the end. Tokens
 * that share a character (their spans overlap) form one unit: partial tokens that split a
 * character's bytes, and the tokens of a normalized character (with NFKC, Claude's legacy
 * tokenizer reads "½" as "1⁄2": three whole tokens that all cover "½").
 */
export function chipUnits(table: TokenTable): Int32Array {
  const n = table.length;
  const units = new Int32Array(n + 1);
  let u = 0;
  for (let k = 0; k < n; k++) if (!joinsPrevious(table, k)) units[u++] = k;
  units[u] = n;
  return units.slice(0, u + 1);
}

/**
 * Units per block: a block ends after a newline once it has MIN units, and always at MAX (a
 * block is block-level, so a line without a newline in MAX tokens breaks there).
 */
export const BLOCK_MIN = 60;
export const BLOCK_MAX = 400;
/** The chips' font (13.5px, line height 2, see the view's stylesheet) and a monospace cell. */
const FONT_PX = 13.5;
export const LINE_PX = FONT_PX * 2;
const CHAR_PX = FONT_PX * 0.6;

const digits = (x: number) => (x < 10 ? 1 : x < 100 ? 2 : x < 1000 ? 3 : x < 10000 ? 4 : x < 100000 ? 5 : 6);

export class ChipBlocks {
  /** Token index where unit u starts (`units[nUnits] = n` at the end). */
  readonly units: Int32Array;
  nUnits = 0;
  /** Unit index where block b starts; closed blocks: `blockStarts.length - 1`. */
  readonly blockStarts: number[] = [0];
  /** Tokens scanned. */
  scanned = 0;
  /** Every token is scanned and every block closed. */
  done = false;
  /** Per block, its height as the browser measured it (0: never measured). */
  readonly measured: number[] = [];
  private unitsInBlock = 0;
  /** The last scanned token ends with a newline. */
  private endsLine = false;
  /** Per block: widths of its lines in character cells, chip borders and gaps spread over them. */
  private readonly lineCells: Float64Array[] = [];
  private widthCells = 80;
  private sumMeasured = 0;
  private sumEstimated = 0;
  /** Sum of the closed blocks' estimates. */
  private scannedEstimate = 0;

  constructor(
    readonly text: string,
    readonly table: TokenTable,
    readonly view: "text" | "ids",
    readonly whitespace: boolean,
  ) {
    this.units = new Int32Array(table.length + 1);
  }

  nBlocks(): number {
    return this.blockStarts.length - 1;
  }

  /** The text unit u covers. */
  unitText(u: number): string {
    const { start, end } = this.table;
    return this.text.slice(start[this.units[u]], end[this.units[u + 1] - 1]);
  }

  /** Unit u is a group: several tokens, or one token holding part of a character. */
  isGroup(u: number): boolean {
    return this.units[u + 1] - this.units[u] > 1 || (this.table.flags[this.units[u]] & FLAG_PARTIAL) !== 0;
  }

  /** Scan up to `count` more tokens (same grouping as `chipUnits`); `onClose(b)` as block b closes. */
  scan(count: number, onClose: (b: number) => void): void {
    const { table, text, units } = this;
    const n = table.length;
    const stop = Math.min(n, this.scanned + count);
    for (let k = this.scanned; k < stop; k++) {
      if (!joinsPrevious(table, k)) {
        units[this.nUnits] = k;
        if (this.unitsInBlock >= BLOCK_MAX || (this.unitsInBlock >= BLOCK_MIN && this.endsLine)) this.close(onClose);
        this.nUnits++;
        this.unitsInBlock++;
      }
      this.endsLine = text.charCodeAt(table.end[k] - 1) === 10;
    }
    this.scanned = stop;
    if (this.scanned === n && !this.done) {
      units[this.nUnits] = n;
      this.close(onClose);
      this.done = true;
    }
  }

  private close(onClose: (b: number) => void): void {
    const b = this.nBlocks();
    this.blockStarts.push(this.nUnits);
    this.unitsInBlock = 0;
    this.lineCells.push(this.blockLines(b));
    this.scannedEstimate += this.estimate(b);
    this.measured.push(0);
    onClose(b);
  }

  /** Block b's lines, each as wide as its characters (IDs view: its IDs and the spaces between). */
  private blockLines(b: number): Float64Array {
    const { units, text, view } = this;
    const { ids, start, end } = this.table;
    const u0 = this.blockStarts[b],
      u1 = this.blockStarts[b + 1];
    if (view === "ids") {
      const lines: number[] = [];
      let cells = 0;
      for (let k = units[u0]; k < units[u1]; k++) {
        cells += digits(ids[k]) + 2;
        if (text.charCodeAt(end[k] - 1) === 10) {
          lines.push(cells);
          cells = 0;
        }
      }
      if (cells > 0 || !lines.length) lines.push(cells);
      return Float64Array.from(lines);
    }
    const c0 = start[units[u0]],
      c1 = end[units[u1] - 1];
    const perChar = 1 + (u1 - u0) / Math.max(1, c1 - c0);
    const lines: number[] = [];
    for (let p = c0; p < c1;) {
      const nl = text.indexOf("\n", p);
      const stop = nl < 0 || nl >= c1 ? c1 : nl;
      lines.push((stop - p + (stop < c1 && this.whitespace ? 1 : 0)) * perChar);
      p = stop + 1;
    }
    return Float64Array.from(lines.length ? lines : [0]);
  }

  /** Block b's height in px from its lines, wrapped at the current width. */
  estimate(b: number): number {
    let rows = 0;
    for (const c of this.lineCells[b]) rows += Math.max(1, Math.ceil(c / this.widthCells));
    return rows * LINE_PX;
  }

  /** Measured heights over estimated ones, for the blocks measured so far. */
  private scale(): number {
    return this.sumEstimated > 0 ? this.sumMeasured / this.sumEstimated : 1;
  }

  /** Block b's estimate, corrected by how wrong the estimates were for measured blocks. */
  calibrated(b: number): number {
    return Math.max(LINE_PX, this.estimate(b) * this.scale());
  }

  /** Height of the text not scanned yet, at the scanned part's (estimated) height per character. */
  tailHeight(): number {
    const chars = this.scanned > 0 ? this.table.end[this.scanned - 1] : 0;
    return chars > 0 ? ((this.text.length - chars) * this.scannedEstimate * this.scale()) / chars : 0;
  }

  /** The browser laid block b out `height` px tall. */
  record(b: number, height: number): void {
    if (!this.measured[b]) {
      this.sumMeasured += height;
      this.sumEstimated += this.estimate(b);
    }
    this.measured[b] = height;
  }

  /** The view is now `widthPx` wide: measurements were for another width, start again from estimates. */
  resize(widthPx: number): void {
    this.widthCells = Math.max(8, Math.floor((widthPx - 16) / CHAR_PX));
    this.measured.fill(0);
    this.sumMeasured = this.sumEstimated = 0;
    this.scannedEstimate = 0;
    for (let b = 0; b < this.nBlocks(); b++) this.scannedEstimate += this.estimate(b);
  }
}
