/**
 * Data loader: bundles the BPE page's training worker (src/workers/train-worker.ts) into one
 * module, printed to stdout as data/train-worker.js.
 */
import { printWorkerBundle } from "./build/bundle-worker.js";

await printWorkerBundle("train-worker.ts", "src/data/train-worker.js.ts");
