/**
 * The messages between the chat worker (chat-worker.ts) and its client (chat-client.ts), as
 * types both sides compile against. Wire format: rpc.ts. Boot: worker-url.ts, as the tokenizer
 * worker boots.
 *
 *   {type: "chat", body: '{"messages": […]}', models: ["gpt-4o", "qwen3"], templates, enableThinking?}
 *     → {type: "chat", results: [{model: "gpt-4o", prompt: ChatPrompt}, {model: "qwen3", error: "…"}],
 *        messages: [{role: "user"}], ms}
 *
 * A body that is not a valid request answers {type: "error", id, message} (with the line and
 * column of bad JSON); a model that cannot render it gets its own `error` beside the others.
 */
import type { ChatPrompt } from "../engine/index.js";
import type { ChatTemplate } from "../lib/chat/index.js";
import type { ErrorReply, ReplyMessage, RequestMessage } from "./rpc.js";
import type { UrlsMessage } from "./worker-url.js";

export type ChatResult = { model: string; prompt: ChatPrompt } | { model: string; error: string };

export type ChatCalls = {
  chat: {
    request: {
      body: string;
      models: string[];
      /** The open models' chat templates, by template name (data/chat-templates.json). */
      templates: Record<string, ChatTemplate>;
      enableThinking?: boolean;
    };
    /** `messages`: each message's role and name, for the per-message tables. */
    reply: { type: "chat"; results: ChatResult[]; messages: { role: string; name?: string }[]; ms: number };
  };
};

/** Every message the worker receives. */
export type ChatIn = UrlsMessage | RequestMessage<ChatCalls>;

/** Every message the worker posts. */
export type ChatOut = ReplyMessage<ChatCalls> | ErrorReply;
