/**
 * The page's side of the chat worker (chat-worker.ts): `chat(body, models, templates)` answers
 * with one result per model. Only the newest request waits (rpc.ts), so typing into a long
 * conversation queues at most one render.
 *
 *   const client = chatClient(WORKER_URLS.chat, VOCAB_URLS);
 *   const {results} = await client.chat('[{"role": "user", "content": "Hi"}]', ["gpt-4o"], templates);
 *   results[0].prompt.total  // 8
 */
import type { ChatTemplate } from "../lib/chat/index.js";
import type { ChatCalls, ChatResult } from "./chat-protocol.js";
import { moduleWorker, workerRpc } from "./rpc.js";
import { bootWorker, type BootedClientOptions } from "./worker-url.js";

export interface ChatClient {
  chat(
    body: string,
    models: string[],
    templates: Record<string, ChatTemplate>,
    options?: { enableThinking?: boolean },
  ): Promise<{ results: ChatResult[]; messages: { role: string; name?: string }[]; ms: number }>;
}

export function chatClient(
  workerUrl: string,
  vocabUrls: Record<string, string>,
  options: BootedClientOptions = {},
): ChatClient {
  const { preload = [], createWorker = moduleWorker, base = location.href } = options;
  const rpc = workerRpc<ChatCalls>({
    name: "chat",
    start: () => bootWorker(workerUrl, vocabUrls, { preload, base, createWorker }),
  });
  return {
    chat: (body, models, templates, { enableThinking } = {}) =>
      rpc.request("chat", { body, models, templates, enableThinking }),
  };
}
