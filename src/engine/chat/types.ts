/**
 * The shapes of a chat request and of the prompt a model sees for it, shared by every chat
 * format (OpenAI's published counting rules, gpt-oss's harmony format, and the open models'
 * Jinja chat templates in src/lib/chat/).
 *
 * A request is what an API receives: `{model, messages, tools}` in OpenAI's shape. The prompt
 * is that request rendered in one model's chat format, as parts: the format's own text (role
 * markers, separators, the reply priming, rendered tool definitions) and the reader's content.
 *
 *   {messages: [{role: "user", content: "Hi"}]} in harmony (o200k_harmony) →
 *     format  "<|start|>user<|message|>"   ids [200006, 1428, 200008]
 *     content "Hi"                         ids [12194]
 *     format  "<|end|>"                    ids [200007]
 *     format  "<|start|>assistant"         ids [200006, 173781]   (the reply priming)
 */

export type ChatRole = "system" | "developer" | "user" | "assistant" | "tool";

export interface ChatMessage {
  role: ChatRole;
  /** The message's text. Text is always text: special-token text in it is counted as ordinary text. */
  content: string;
  /** OpenAI's optional participant name. */
  name?: string;
  /** Harmony only: the channel (`analysis`, `commentary`, `final`). */
  channel?: string;
  /** Harmony only: the recipient (`functions.get_weather`). */
  recipient?: string;
}

/** A JSON Schema object as OpenAI's `tools` carry it (only what the counting rules read is typed). */
export interface ChatToolParameters {
  type?: string;
  properties?: Record<
    string,
    { type?: string; description?: string; enum?: readonly string[] } & Record<string, unknown>
  >;
  required?: readonly string[];
  [key: string]: unknown;
}

/** One tool definition in OpenAI's `tools` shape. */
export interface ChatTool {
  type: "function";
  function: { name: string; description?: string; parameters?: ChatToolParameters };
}

export interface ChatRequest {
  model?: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
}

/** One run of the rendered prompt. */
export interface PromptPart {
  /** `"format"`: the chat format's own text; `"content"`: the reader's text (a message's content or name, a tool's fields). */
  kind: "format" | "content";
  /** The text as the model sees it; for a format part whose tokens are not public, a readable marker such as "⟨message start⟩". */
  text: string;
  /** Index of the message it belongs to, or -1 (tool definitions, reply priming, a template's preamble). */
  message: number;
  /** Its token count. */
  tokens: number;
  /** Its token IDs, when the format's IDs are public (harmony, the open models' templates). */
  ids?: number[];
}

export interface ChatPrompt {
  /** Which format rendered it: `"openai-cookbook"`, `"harmony"` or `"template"`. */
  format: "openai-cookbook" | "harmony" | "template";
  /** Where the format's rule comes from, for the reader (a document, a file). */
  source: string;
  /** The encoding that tokenized it. */
  encoding: string;
  /** False when the count is an estimate by the nearest published rule; `note` then says which. */
  exact: boolean;
  note?: string;
  parts: PromptPart[];
  /** Every token of the prompt, format and content. */
  total: number;
  /** Per message: its content tokens (content and name) and the format's tokens around it. */
  perMessage: { content: number; overhead: number }[];
  /** Tokens of the rendered tool definitions (0 without tools). */
  tools: number;
  /** Tokens of the reply priming. */
  priming: number;
  /** The prompt's token IDs, when the format's IDs are public. */
  ids?: number[];
  /** What the reader should know about this rendering (e.g. message text that became a control token). */
  warnings?: string[];
}
