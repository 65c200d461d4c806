// Makes sure a system Chromium exists for the browser tests (`npm test` runs this first).
// The tests drive it with playwright-core; we never download a browser.
//
// - /usr/bin/chromium or `chromium` on PATH: done.
// - otherwise, as root: `apt-get update && apt-get install -y chromium`, then check again.
// - otherwise: explain how to install it and exit 1.
//
// It also installs, as root, the fonts that the chips' screenshot test draws with (CJK,
// Devanagari, color emoji: `FONT_PACKAGES`, 17 MB), so that its text is text rather than
// empty boxes. Without them the tests still run; the screenshot test then compares the chips'
// DOM and skips the pixels (it says so), because its baseline was drawn with these fonts.
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of an executable Chromium, or undefined. */
export function findChromium(): string | undefined {
  const candidates = ["/usr/bin/chromium"];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) if (dir) candidates.push(join(dir, "chromium"));
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

function run(command: string, args: string[]): void {
  console.error(`ensure-chromium: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with status ${result.status}`);
}

/** Debian packages of the fonts the screenshot baseline was drawn with, and a file of each. */
export const FONT_PACKAGES: Record<string, string> = {
  "fonts-wqy-zenhei": "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
  "fonts-lohit-deva": "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf",
  "fonts-noto-color-emoji": "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
};

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

function exists(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

let updated = false;
function aptInstall(args: string[]): void {
  if (!updated) run("apt-get", ["update"]);
  updated = true;
  run("apt-get", ["install", "-y", ...args]);
}

function ensureFonts(): void {
  const missing = Object.keys(FONT_PACKAGES).filter((p) => !exists(FONT_PACKAGES[p]));
  if (!missing.length) return;
  if (!isRoot()) {
    console.error(
      `ensure-chromium: the fonts ${missing.join(", ")} are missing; the chips' screenshot test will compare the DOM only. Install them with \`sudo apt-get install -y ${missing.join(" ")}\`.`,
    );
    return;
  }
  try {
    aptInstall(["--no-install-recommends", ...missing]);
  } catch (err) {
    console.error(
      `ensure-chromium: installing the fonts failed (${(err as Error).message}); the screenshot test will compare the DOM only.`,
    );
  }
}

function main(): number {
  ensureFonts();
  let found = findChromium();
  if (found) return 0;
  if (isRoot()) {
    console.error("ensure-chromium: Chromium is not installed; installing the Debian package (as root).");
    try {
      aptInstall(["chromium"]);
    } catch (err) {
      console.error(`ensure-chromium: installing Chromium failed: ${(err as Error).message}`);
      return 1;
    }
    found = findChromium();
    if (found) {
      console.error(`ensure-chromium: installed ${found}.`);
      return 0;
    }
    console.error(
      "ensure-chromium: apt-get finished but no chromium executable was found at /usr/bin/chromium or on PATH.",
    );
    return 1;
  }
  console.error(
    "ensure-chromium: the browser tests need a system Chromium, and none was found at /usr/bin/chromium " +
      "or as `chromium` on PATH. The tests drive it with playwright-core and never download a browser. " +
      "On Debian or Ubuntu install it with `sudo apt-get update && sudo apt-get install -y chromium` " +
      "(or run `npm test` as root, which installs it for you), then run the tests again.",
  );
  return 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
