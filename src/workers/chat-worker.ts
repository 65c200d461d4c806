/**
 * The chat page's Web Worker: a request body rendered and counted for each chosen model
 * (src/lib/chat/), off the page's thread, so a megabyte of conversation never blocks typing.
 * It boots as the tokenizer worker does (worker-url.ts) and loads each encoding once.
 */
import { chatModel, chatPrompt, parseChatRequest } from "../lib/chat/index.js";
import { encodingLoader } from "../lib/encoding-loader.js";
import type { ChatIn, ChatOut, ChatResult } from "./chat-protocol.js";
import { readWorkerBoot } from "./worker-url.js";

const scope = self as unknown as {
  postMessage(message: ChatOut): void;
  onmessage: ((e: MessageEvent<ChatIn>) => void) | null;
};
const loader = encodingLoader(readWorkerBoot(self.location.hash));

scope.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "urls") return loader.addUrls(msg.vocabUrls);
  try {
    const request = parseChatRequest(msg.body);
    const t0 = performance.now();
    const results: ChatResult[] = [];
    for (const name of msg.models) {
      try {
        const model = chatModel(name);
        const encoding = await loader.load(model.encoding);
        const template = model.template ? msg.templates[model.template] : undefined;
        results.push({
          model: name,
          prompt: chatPrompt(request, model, encoding, { template, enableThinking: msg.enableThinking }),
        });
      } catch (err) {
        results.push({ model: name, error: (err as Error).message ?? String(err) });
      }
    }
    const messages = request.messages.map(({ role, name }) => (name === undefined ? { role } : { role, name }));
    scope.postMessage({ type: "chat", id: msg.id, results, messages, ms: performance.now() - t0 });
  } catch (err) {
    scope.postMessage({ type: "error", id: msg.id, message: (err as Error).message ?? String(err) });
  }
};
