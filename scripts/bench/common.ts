/**
 * What the benchmark scripts share: the repository's paths, a full collection before each
 * measurement, progress on stderr, and writing a section of README.md. (The median they all
 * take is src/lib/median.ts.)
 *
 *   writeReadmeSection("bench-open", table)  // README.md from <!-- bench-open:start --> to <!-- bench-open:end -->
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const NODE_MODULES = path.join(ROOT, "node_modules");

/** Decimal megabytes, as MB/s is usually quoted. */
export const MB = 1e6;

export const now = () => performance.now();

const gcFn = (globalThis as { gc?: () => void }).gc;
/** A full collection, so no measurement pays for another's garbage. Needs `--expose-gc`. */
export function gc(): void {
  if (!gcFn) throw new Error("Run with node --expose-gc (npm run bench does).");
  gcFn();
}

/** When this process started measuring (for progress lines and the run's duration). */
export const t0 = now();

/** Progress goes to stderr so that stdout holds only the report. */
export function progress(msg: string): void {
  process.stderr.write(`[bench ${((now() - t0) / 1000).toFixed(1).padStart(5)} s] ${msg}\n`);
}

/** Replace what README.md (or `file`) holds between `<!-- name:start -->` and `<!-- name:end -->` with `section`. */
export function writeReadmeSection(name: string, section: string, file = path.join(ROOT, "README.md")): void {
  const text = readFileSync(file, "utf8");
  const startMark = `<!-- ${name}:start -->`,
    endMark = `<!-- ${name}:end -->`;
  const i = text.indexOf(startMark),
    j = text.indexOf(endMark);
  if (i < 0 || j < i) throw new Error(`${path.basename(file)} lacks ${startMark} … ${endMark}`);
  writeFileSync(file, text.slice(0, i + startMark.length) + "\n" + section + "\n" + text.slice(j));
}
