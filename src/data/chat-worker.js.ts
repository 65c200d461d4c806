/**
 * Data loader: bundles the chat page's Web Worker (src/workers/chat-worker.ts: the chat
 * formats, @huggingface/jinja and the engine) into one self-contained module, printed to stdout
 * as data/chat-worker.js. The page's client (src/workers/chat-client.ts) starts it from
 * WORKER_URLS.chat (src/lib/site-assets.ts).
 */
import { printWorkerBundle } from "./build/bundle-worker.js";

await printWorkerBundle("chat-worker.ts", "src/data/chat-worker.js.ts");
