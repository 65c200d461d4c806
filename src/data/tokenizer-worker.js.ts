/**
 * Data loader: bundles the playground's Web Worker (src/workers/tokenizer-worker.ts and
 * the engine it imports) into one self-contained module, printed to stdout as
 * data/tokenizer-worker.js. The page starts it with
 * `new Worker(FileAttachment("data/tokenizer-worker.js").href, {type: "module"})`.
 */
import { printWorkerBundle } from "./build/bundle-worker.js";

await printWorkerBundle("tokenizer-worker.ts", "src/data/tokenizer-worker.js.ts");
