/**
 * Data loader: bundles the vocabulary explorer's Web Worker (src/workers/vocab-worker.ts,
 * its search and the engine) into one self-contained module, printed to stdout as
 * data/vocab-worker.js. The explorer's client (src/workers/vocab-client.ts) starts it from
 * WORKER_URLS.vocab (src/lib/site-assets.ts).
 */
import { printWorkerBundle } from "./build/bundle-worker.js";

await printWorkerBundle("vocab-worker.ts", "src/data/vocab-worker.js.ts");
