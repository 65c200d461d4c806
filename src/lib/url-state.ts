/**
 * The playground's state in its URL, so that a link reproduces exactly what the reader saw.
 *
 *   ?text=hello%20world&encoding=cl100k_base,o200k_base&view=ids&ws=1&special=1&ids=15339,1917
 *
 * Readable `text=` links always work (docs link to them). A long text is written compressed
 * instead, as `z=` (deflate-raw, base64url), when that is shorter; a text that does not fit a
 * link even then gets a message, never a broken link.
 */
export interface PlaygroundState {
  text?: string;
  encodings?: string[];
  view?: "text" | "ids";
  whitespace?: boolean;
  special?: boolean;
  ids?: string;
}

/** Longest URL we write: well under what browsers and servers accept. */
export const MAX_URL_LENGTH = 16_000;

export async function readState(search: string): Promise<PlaygroundState> {
  const q = new URLSearchParams(search);
  const state: PlaygroundState = {};
  if (q.has("text")) state.text = q.get("text")!;
  else if (q.has("z")) {
    try {
      state.text = await inflate(q.get("z")!);
    } catch {
      state.text = undefined; // a damaged link: fall back to the sample
    }
  }
  const encodings = readEncodings(search);
  if (encodings) state.encodings = encodings;
  const view = q.get("view");
  if (view === "ids" || view === "text") state.view = view;
  if (q.has("ws")) state.whitespace = q.get("ws") === "1";
  if (q.has("special")) state.special = q.get("special") === "1";
  if (q.has("ids")) state.ids = q.get("ids")!;
  return state;
}

/**
 * Just the encodings of a query string, at once (`readState` may have to inflate a text):
 * the page asks for them first, to start loading their vocabularies.
 */
export function readEncodings(search: string): string[] | undefined {
  const enc = new URLSearchParams(search).get("encoding");
  const names = enc?.split(",").filter(Boolean);
  return names?.length ? names : undefined;
}

/**
 * The query string for `state`, or `{tooLong: true}` when the text cannot fit in a link.
 * The text goes in readable form when it fits, else compressed.
 */
export async function writeState(state: PlaygroundState): Promise<{ search: string; tooLong: boolean }> {
  const q = new URLSearchParams();
  const rest = new URLSearchParams();
  if (state.encodings?.length) rest.set("encoding", state.encodings.join(","));
  if (state.view === "ids") rest.set("view", "ids");
  if (state.whitespace) rest.set("ws", "1");
  if (state.special) rest.set("special", "1");
  if (state.ids) rest.set("ids", state.ids);
  const tail = rest.toString();
  const join = (head: string) => "?" + [head, tail].filter(Boolean).join("&");
  if (state.text !== undefined) {
    // Percent-encoding never makes a text shorter, so a text longer than a link goes straight
    // to compression (encoding a megabyte first would cost the page a long task).
    if (state.text.length <= MAX_URL_LENGTH) {
      q.set("text", state.text);
      const readable = join(q.toString());
      if (readable.length <= MAX_URL_LENGTH) return { search: readable, tooLong: false };
    }
    const compressed = join("z=" + (await deflate(state.text)));
    if (compressed.length <= MAX_URL_LENGTH) return { search: compressed, tooLong: false };
    return { search: join(""), tooLong: true };
  }
  return { search: join(""), tooLong: false };
}

async function deflate(text: string): Promise<string> {
  const stream = new Blob([new TextEncoder().encode(text.toWellFormed())])
    .stream()
    .pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function inflate(z: string): Promise<string> {
  const binary = atob(z.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new TextDecoder().decode(await new Response(stream).arrayBuffer());
}
