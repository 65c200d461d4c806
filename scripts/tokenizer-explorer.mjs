#!/usr/bin/env node
// The `tokenizer-explorer` executable: lets Node load TypeScript (via tsx), then runs the
// CLI in ./cli.ts. Usage: `tokenizer-explorer --help`.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("./cli.ts");
await runCli();
