/**
 * Data loader: bundles the tokenizer's Web Worker (src/workers/tokenizer-worker.ts and the
 * engine it imports) into one self-contained module, printed to stdout as
 * data/tokenizer-worker.js. Pages take its URL from src/lib/site-assets.ts (WORKER_URLS.tokenizer),
 * and their client (src/workers/tokenizer-client.ts) starts it with its boot in the URL's
 * fragment (src/workers/worker-url.ts); on the playground, the head script of src/index.md
 * starts it even before that, from a `<link>` to this file.
 */
import { printWorkerBundle } from "./build/bundle-worker.js";

await printWorkerBundle("tokenizer-worker.ts", "src/data/tokenizer-worker.js.ts");
