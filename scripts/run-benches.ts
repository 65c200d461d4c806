/**
 * `npm run bench`: the engine against the JavaScript tiktoken ports (scripts/bench.ts), then
 * the open models' tokenizers against @lenml/tokenizers (scripts/bench-open-models.ts), each
 * in its own Node process with `--expose-gc`. Arguments go to both (e.g. `--no-write`).
 */
import { spawnSync } from "node:child_process";

for (const script of ["scripts/bench.ts", "scripts/bench-open-models.ts"]) {
  const args = process.argv.slice(2).filter((a) => script.endsWith("bench.ts") || a === "--no-write");
  const { status } = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", script, ...args], {
    stdio: "inherit",
  });
  if (status !== 0) process.exit(status ?? 1);
}
