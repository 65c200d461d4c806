/**
 * Data loader: bundles the BPE page's training worker (src/workers/train-worker.ts) into one
 * module, printed to stdout as data/train-worker.js. Its client (src/workers/train-client.ts)
 * starts one per run from WORKER_URLS.train (src/lib/site-assets.ts).
 */
import { printWorkerBundle } from "./build/bundle-worker.js";

await printWorkerBundle("train-worker.ts", "src/data/train-worker.js.ts");
