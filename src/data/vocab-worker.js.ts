/**
 * Data loader: bundles the vocabulary explorer's Web Worker (src/workers/vocab-worker.ts,
 * its search and the engine) into one self-contained module, printed to stdout as
 * data/vocab-worker.js, for `new Worker(FileAttachment("data/vocab-worker.js").href, {type: "module"})`.
 */
import { printWorkerBundle } from "./build/bundle-worker.js";

await printWorkerBundle("vocab-worker.ts", "src/data/vocab-worker.js.ts");
