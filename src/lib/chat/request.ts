/**
 * Reading a chat request from text: a request body `{"model", "messages", "tools"}` as an API
 * receives it, or a bare array of messages. Every problem is one sentence that says where.
 *
 *   parseChatRequest('[{"role": "user", "content": "Hi"}]')
 *     → {messages: [{role: "user", content: "Hi"}]}
 *   parseChatRequest('{"messages": [{"role": "robot", "content": "Hi"}]}')
 *     → throws 'messages[0].role is "robot": expected system, developer, user, assistant or tool'
 *   parseChatRequest('{"messages": [}')
 *     → throws "invalid JSON at line 1, column 15: ..."
 */
import type { ChatMessage, ChatRequest, ChatRole, ChatTool } from "../../engine/index.js";

export const CHAT_ROLES: readonly ChatRole[] = ["system", "developer", "user", "assistant", "tool"];

/** An error in the reader's request; its message is one sentence. */
export class ChatRequestError extends Error {}

/** Line and column (1-based) of UTF-16 offset `at` in `text`. */
export function lineColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

/**
 * Where and why `text` is not JSON: a small scanner of the JSON grammar, run only after
 * JSON.parse has failed (its messages in Node 20 often give no position).
 */
export function jsonErrorAt(text: string): { at: number; what: string } {
  let i = 0;
  const fail = (what: string): never => {
    throw { at: i, what };
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const describe = () => (i >= text.length ? "unexpected end of input" : `unexpected ${JSON.stringify(text[i])}`);
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(describe());
      i++;
    }
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) fail("control character in string");
      if (c === 0x5c) {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail("bad \\u escape");
          i += 5;
        } else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i])) i++;
        else fail("bad escape");
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === "-") fail(describe());
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`${describe()} where a property name in quotes was expected`);
        string();
        ws();
        if (text[i] !== ":") fail(`${describe()} where ":" was expected`);
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail(`${describe()} where "," or "}" was expected`);
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail(`${describe()} where "," or "]" was expected`);
      }
    } else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else if (c === "-" || (c >= "0" && c <= "9")) number();
    else fail(`${describe()} where a value was expected`);
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`${describe()} after the end of the JSON value`);
  } catch (err) {
    if (typeof err === "object" && err && "at" in err) return err as { at: number; what: string };
    throw err;
  }
  return { at: text.length, what: "invalid JSON" };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const { at, what } = jsonErrorAt(text);
    const { line, column } = lineColumn(text, at);
    throw new ChatRequestError(`invalid JSON at line ${line}, column ${column}: ${what}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function readMessage(value: unknown, where: string): ChatMessage {
  if (!isObject(value)) throw new ChatRequestError(`${where} is not an object with "role" and "content"`);
  const { role, content, name } = value;
  if (typeof role !== "string") throw new ChatRequestError(`${where} has no "role" string`);
  if (!(CHAT_ROLES as readonly string[]).includes(role)) {
    throw new ChatRequestError(
      `${where}.role is ${JSON.stringify(role)}: expected ${CHAT_ROLES.slice(0, -1).join(", ")} or tool`,
    );
  }
  // An assistant message that only calls tools may have content null.
  if (content === null || content === undefined) {
    throw new ChatRequestError(`${where} has no "content" (a string is needed)`);
  }
  if (typeof content !== "string") {
    throw new ChatRequestError(`${where}.content is not a string (content parts and images are not supported)`);
  }
  if (name !== undefined && typeof name !== "string") throw new ChatRequestError(`${where}.name is not a string`);
  for (const key of ["channel", "recipient"] as const) {
    if (value[key] !== undefined && typeof value[key] !== "string") {
      throw new ChatRequestError(`${where}.${key} is not a string`);
    }
  }
  // Keep every field the reader gave (templates may read more than these), typed ones checked.
  return { ...value, role, content } as ChatMessage;
}

function readTool(value: unknown, where: string): ChatTool {
  if (!isObject(value)) throw new ChatRequestError(`${where} is not an object`);
  if (value.type !== undefined && value.type !== "function") {
    throw new ChatRequestError(`${where}.type is ${JSON.stringify(value.type)}: only "function" tools are supported`);
  }
  const fn = value.function;
  if (!isObject(fn)) throw new ChatRequestError(`${where} has no "function" object`);
  if (typeof fn.name !== "string" || fn.name === "") throw new ChatRequestError(`${where} is missing function.name`);
  if (fn.description !== undefined && typeof fn.description !== "string") {
    throw new ChatRequestError(`${where}.function.description is not a string`);
  }
  if (fn.parameters !== undefined && !isObject(fn.parameters)) {
    throw new ChatRequestError(`${where}.function.parameters is not an object`);
  }
  return { ...value, type: "function", function: fn } as ChatTool;
}

/** A request from its JSON text; throws a ChatRequestError (one sentence) for anything wrong. */
export function parseChatRequest(text: string): ChatRequest {
  const value = parseJson(text);
  if (Array.isArray(value)) return { messages: value.map((m, i) => readMessage(m, `messages[${i}]`)) };
  if (!isObject(value)) throw new ChatRequestError("expected a request object or an array of messages");
  if (!Array.isArray(value.messages)) throw new ChatRequestError('the request has no "messages" array');
  const request: ChatRequest = { messages: value.messages.map((m, i) => readMessage(m, `messages[${i}]`)) };
  if (value.model !== undefined) {
    if (typeof value.model !== "string") throw new ChatRequestError('"model" is not a string');
    request.model = value.model;
  }
  if (value.tools !== undefined && value.tools !== null) {
    if (!Array.isArray(value.tools)) throw new ChatRequestError('"tools" is not an array');
    request.tools = value.tools.map((t, i) => readTool(t, `tools[${i}]`));
  }
  return request;
}
