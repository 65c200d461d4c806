/**
 * `tokenizer-explorer`: encode, decode and count tokens from the command line.
 *
 *   tokenizer-explorer encode notes.txt            # 24912 2375 ...
 *   echo "[24912, 2375]" | tokenizer-explorer decode
 *   tokenizer-explorer count --model gpt-4 *.md    # table + total
 *   tokenizer-explorer chat --model qwen3 request.json   # the chat prompt's token count
 *
 * All the logic is in `main(argv, io)`, which tests call in-process. The executable is the
 * shim `scripts/tokenizer-explorer.mjs`, which registers tsx and calls `runCli()`;
 * `tsx scripts/cli.ts ...` works too.
 *
 * Output is buffered and written only when the command succeeds: on any error, stdout gets
 * nothing and stderr gets one line `tokenizer-explorer: <message>`, exit code 2.
 */
import { readFileSync, realpathSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { loadEncoding } from "../src/engine/node.js";
import { CL100K, O200K, R50K, WS } from "../src/engine/index.js";
import { codePointCount, encodingNameForModel, getEncodingSpec, listEncodings } from "../src/engine/index.js";
import { encodingInfo } from "../src/lib/encoding-info.js";
import type { Encoding } from "../src/engine/index.js";
import { parseIds } from "../src/lib/parse-ids.js";
import { CHAT_MODELS, chatModel, chatPrompt, parseChatRequest } from "../src/lib/chat/index.js";
import { readChatTemplate } from "../src/data/build/chat-templates.js";

/** What `main` may touch besides the file system. */
export interface CliIO {
  /** All of standard input (called at most once, and only when a command reads stdin). */
  readStdin(): Promise<Uint8Array | string>;
  /** Write to standard output (called only after the command has succeeded). */
  stdout(chunk: string | Uint8Array): void;
  /** Write to standard error (progress and the error line). */
  stderr(text: string): void;
  /** Is the user watching a terminal? Enables progress on stderr for large inputs. */
  isTTY: boolean;
}

export const PROGRAM = "tokenizer-explorer";
export const DEFAULT_ENCODING = "o200k_base";
/** Show `count` progress (when `io.isTTY`) once the inputs total more than this many bytes. */
export const PROGRESS_THRESHOLD_BYTES = 1 << 20;
/** With progress on, count a large text in pieces of about this many UTF-16 units. */
export const PROGRESS_CHUNK_CHARS = 1 << 20;

const COMMANDS = ["encode", "decode", "count", "chat"] as const;
type Command = (typeof COMMANDS)[number];

/** An error the user caused; its message becomes the one stderr line. */
class CliError extends Error {}

// ---------------------------------------------------------------------------------------
// Help and version
// ---------------------------------------------------------------------------------------

/** Wrap words to `width` columns, every line indented by `indent` spaces. */
function wrap(text: string, indent: number, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => " ".repeat(indent) + l).join("\n");
}

const CHAT_MODEL_NAMES = CHAT_MODELS.map((m) => m.name).join(", ");

export function usage(): string {
  return `Usage: ${PROGRAM} <command> [options] [arguments]

Encode, decode and count tokens exactly as OpenAI's tiktoken does.

Commands:
  encode [FILE...]  Print the token IDs of each input, space-separated, one
                    line per input (in the order given).
  decode [IDS...]   Print the text of a list of token IDs, taken from the
                    arguments or, when there are none (or just -), from
                    standard input. Accepted forms: "[15339, 1917]",
                    "15339 1917", "15339,1917". An entry that is not a token
                    ID of the encoding (not a number, negative, not an
                    integer, out of range, unknown) is an error naming the
                    entry and its position (1 = first).
  count [FILE...]   Print the number of tokens. With several inputs, print a
                    table (file, tokens, chars, bytes) and a total line.
  chat --model MODEL [FILE]
                    Print the token count of a chat request's prompt, counted
                    the way the model's API counts it. FILE (or standard
                    input) holds a request body {"model", "messages",
                    "tools"} or a bare array of messages. MODEL: one of
${wrap(CHAT_MODEL_NAMES + ".", 20, 78)}
                    OpenAI publishes no counting rule for models after
                    gpt-4o-mini: their count is an estimate (a note on
                    stderr says by which rule). For llama-3, llama-3.1 and
                    qwen3, a warning on stderr names message text that the
                    template's tokenizer reads as a control token.

Options:
  --encoding NAME   Encoding to use (default ${DEFAULT_ENCODING}). One of:
${wrap(listEncodings().join(", ") + ".", 20, 78)}
  --model NAME      Use the encoding of a model, e.g. gpt-4o, gpt-4,
                    gpt-oss-20b, text-davinci-003. Not with --encoding.
  --allow-special   encode, count: encode special-token text as special tokens.
  --json            Print JSON instead of text:
                      encode  an array of IDs; with several inputs, an array
                              of {"file", "ids"} objects
                      decode  {"text"}
                      count   {"encoding", "file", "tokens", "chars", "bytes"};
                              with several inputs {"encoding", "files", "total"}
                      chat    {"model", "encoding", "format", "exact",
                              "tokens", "messages": [{"content", "overhead"}],
                              "tools", "priming", "ids"}; "ids" only where
                              the format's IDs are public (gpt-oss, the open
                              models' templates)
  -h, --help        Show this help and exit.
  --version         Show the version and exit.
  --                End of options: every later argument is a FILE or an ID.

Special tokens:
  By default, text that looks like a special token, such as "<|endoftext|>",
  is encoded and counted as ordinary text (tiktoken's encode_ordinary), so
  input can never smuggle in control tokens and never makes the command fail.
  With --allow-special, such text becomes the special token (tiktoken's encode
  with allowed_special="all"): "<|endoftext|>" is the one ID 199999 in
  o200k_base. decode always decodes special-token IDs to their text.

Input:
  With no FILE, or for FILE -, read standard input. Input is read as UTF-8:
  bytes that are not valid UTF-8 become U+FFFD (as TextDecoder does), and a
  leading byte order mark is kept (as U+FEFF) and tokenized like any other
  character. "chars" counts the Unicode code points of the text read, "bytes"
  the bytes read.

Output:
  decode writes the decoded bytes exactly, without adding a newline, so
  "encode | decode" gives back the input (a token that ends inside a character
  gives partial UTF-8); decode --json replaces such bytes with U+FFFD.
  On a terminal, count shows progress on stderr when the input is over 1 MB.

Exit status:
  0 on success; 2 on any error (bad arguments, unknown command, encoding or
  model, unreadable file, malformed ID list, a chat request that is not JSON
  or not valid): one line on stderr, nothing on stdout.

Examples:
  echo "hello world" | ${PROGRAM} encode --encoding cl100k_base
  ${PROGRAM} decode --encoding cl100k_base 15339 1917
  ${PROGRAM} count --model gpt-4o README.md docs/*.md
  ${PROGRAM} chat --model gpt-4o --json request.json
`;
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

// ---------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------

interface Args {
  command?: string;
  positionals: string[];
  encoding?: string;
  model?: string;
  json: boolean;
  allowSpecial: boolean;
  help: boolean;
  version: boolean;
}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { positionals: [], json: false, allowSpecial: false, help: false, version: false };
  const rest: string[] = [];
  let i = 0;
  const valueOf = (flag: string, inline: string | undefined): string => {
    if (inline !== undefined) {
      if (inline === "") throw new CliError(`${flag} needs a value`);
      return inline;
    }
    const v = argv[++i];
    if (v === undefined || (v.startsWith("-") && v !== "-")) throw new CliError(`${flag} needs a value`);
    return v;
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (a === "-" || !a.startsWith("-")) {
      rest.push(a);
      continue;
    }
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const flag = eq === -1 ? a : a.slice(0, eq);
    const inline = eq === -1 ? undefined : a.slice(eq + 1);
    const noValue = () => {
      if (inline !== undefined) throw new CliError(`${flag} takes no value`);
    };
    switch (flag) {
      case "--encoding":
        if (args.encoding !== undefined) throw new CliError("--encoding given twice");
        args.encoding = valueOf(flag, inline);
        break;
      case "--model":
        if (args.model !== undefined) throw new CliError("--model given twice");
        args.model = valueOf(flag, inline);
        break;
      case "--json":
        noValue();
        args.json = true;
        break;
      case "--allow-special":
        noValue();
        args.allowSpecial = true;
        break;
      case "-h":
      case "--help":
        noValue();
        args.help = true;
        break;
      case "--version":
        noValue();
        args.version = true;
        break;
      default:
        // A negative number is a (bad) token ID for decode: let decode report it by position.
        if (/^-\d/.test(a) && rest[0] === "decode") {
          rest.push(a);
          break;
        }
        throw new CliError(`unknown option ${JSON.stringify(a)} (see --help)`);
    }
  }
  args.command = rest[0];
  args.positionals = rest.slice(1);
  return args;
}

// ---------------------------------------------------------------------------------------
// Reading input
// ---------------------------------------------------------------------------------------

const STDIN = "-";

/** UTF-8 with U+FFFD for invalid bytes (never throws); a BOM is kept as U+FEFF. */
function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? new TextEncoder().encode(data) : data;
}

function describeFsError(file: string, err: unknown): CliError {
  const e = err as NodeJS.ErrnoException;
  const reason =
    e.code === "ENOENT"
      ? "no such file"
      : e.code === "EACCES" || e.code === "EPERM"
        ? "permission denied"
        : e.code === "EISDIR"
          ? "is a directory"
          : e.code
            ? e.code
            : String(e.message ?? e);
  return new CliError(`cannot read ${file}: ${reason}`);
}

interface Source {
  name: string;
  /** Known size in bytes (files: from stat; stdin: after reading). */
  size: number;
  /** Bytes already read (stdin is read up front). */
  bytes?: Uint8Array;
}

/** The inputs of encode/count: stdin when no file is named; each file checked before any work. */
async function openSources(files: readonly string[], io: CliIO): Promise<Source[]> {
  const names = files.length === 0 ? [STDIN] : files;
  if (names.filter((n) => n === STDIN).length > 1) throw new CliError(`standard input (-) can be named only once`);
  const sources: Source[] = [];
  for (const name of names) {
    if (name === STDIN) continue;
    let st;
    try {
      st = statSync(name);
    } catch (err) {
      throw describeFsError(name, err);
    }
    if (st.isDirectory()) throw new CliError(`cannot read ${name}: is a directory`);
    sources.push({ name, size: st.size });
  }
  const out: Source[] = [];
  let k = 0;
  for (const name of names) {
    if (name === STDIN) {
      const bytes = toBytes(await io.readStdin());
      out.push({ name, size: bytes.length, bytes });
    } else out.push(sources[k++]);
  }
  return out;
}

async function readSource(src: Source): Promise<Uint8Array> {
  if (src.bytes) return src.bytes;
  try {
    return await readFile(src.name);
  } catch (err) {
    throw describeFsError(src.name, err);
  }
}

// ---------------------------------------------------------------------------------------
// Encoding selection
// ---------------------------------------------------------------------------------------

function resolveEncodingName(args: Args): string {
  if (args.encoding !== undefined && args.model !== undefined) {
    throw new CliError("--encoding and --model cannot be used together (a model implies its encoding)");
  }
  const name = args.model !== undefined ? encodingNameForModel(args.model) : (args.encoding ?? DEFAULT_ENCODING);
  getEncodingSpec(name); // throws, listing the known encodings, for an unknown name
  return name;
}

// ---------------------------------------------------------------------------------------
// Counting, exactly, in pieces
// ---------------------------------------------------------------------------------------

function countWhole(enc: Encoding, text: string, allowSpecial: boolean): number {
  return allowSpecial ? enc.countTokens(text, { allowedSpecial: "all" }) : enc.encodeOrdinary(text).length;
}

/** Rust's `\s` (Unicode White_Space) together with JavaScript's `\s`: anything either calls space. */
const ANY_SPACE = new RegExp(`[${WS}\\s]`, "u");
const LETTER = /^\p{L}/u;
/** The split patterns for which `nextSafeSplit`'s positions are proven additive (see below). */
const CHUNKABLE_PATTERNS = new Set([R50K.pattern, CL100K.pattern, O200K.pattern]);

/**
 * The first position `p >= from` at which the text can be cut without changing the token
 * count, or -1. A position qualifies when `text[p-1]` is "\n", `text[p-2]` is not whitespace
 * and a letter starts at `p` (e.g. "end.\nNext").
 *
 * Why the count is additive there, for the r50k, cl100k and o200k patterns: tiktoken splits
 * the text with the pattern and runs BPE on each piece, so it suffices that the pieces of
 * `text` are the pieces of `text[..p]` followed by those of `text[p..]`.
 *  - No piece of `text` contains both the "\n" and the letter: the alternatives that can
 *    consume "\n" are `\s*[\r\n]+`, `\s+(?!\S)`, `\s+` (no letter), and the punctuation one,
 *    whose tail `[\r\n]*` / `[\r\n/]*` stops at a letter; the letter alternatives' optional
 *    prefix is `[^\r\n\p{L}\p{N}]` or " ". So `p` is a piece boundary.
 *  - The patterns have no lookbehind or anchors, so the pieces from `p` on are the same
 *    whether or not `text[..p]` precedes them.
 *  - Before `p`, every attempt behaves the same when the letter at `p` is replaced by the end
 *    of the text: a character test at `p` fails either way (a letter is not in `[\r\n/]` or
 *    `\s`), except the lookahead `(?!\S)`. In cl100k/o200k, an attempt can only reach it at
 *    `p` through whitespace containing the "\n", where the earlier `\s*[\r\n]+` succeeds
 *    first with the same piece. In r50k, because `text[p-2]` is not whitespace, the only
 *    such attempt is at `p-1`, where `\s+(?!\S)` (at the end) and `\s+` (before the letter)
 *    both give the piece "\n".
 *  - Special tokens (with --allow-special) never contain "\n" (checked by the caller), so
 *    none spans `p`.
 */
export function nextSafeSplit(text: string, from: number): number {
  let nl = text.indexOf("\n", Math.max(from - 1, 1));
  while (nl !== -1 && nl + 1 < text.length) {
    const p = nl + 1;
    if (!ANY_SPACE.test(text[nl - 1]) && LETTER.test(text.slice(p, p + 2))) return p;
    nl = text.indexOf("\n", p);
  }
  return -1;
}

/** Can `countTokensChunked` cut texts of this encoding (with these options) at all? */
export function canChunk(enc: Encoding, allowSpecial: boolean): boolean {
  // An open model's split regexes run with JavaScript's semantics (and maybe a normalizer):
  // the proof below is for tiktoken's, so those are counted whole, even when the text of
  // their pattern is cl100k's (Llama 3) or GPT-2's (Claude legacy).
  if (enc.spec.kind === "hf-bpe") return false;
  if (!CHUNKABLE_PATTERNS.has(enc.spec.pattern)) return false;
  if (allowSpecial) for (const special of enc.specialTokens.keys()) if (special.includes("\n")) return false;
  return true;
}

/**
 * The token count of `text` (as `encodeOrdinary`, or `encode` with every special token
 * allowed), computed in pieces of about `chunkChars` UTF-16 units cut only where counts
 * are provably additive (`nextSafeSplit`), calling `onProgress(charsDone)` after each piece.
 * The result always equals the whole-text count.
 */
export function countTokensChunked(
  enc: Encoding,
  text: string,
  allowSpecial: boolean,
  chunkChars = PROGRESS_CHUNK_CHARS,
  onProgress?: (charsDone: number) => void,
): number {
  if (!canChunk(enc, allowSpecial) || text.length <= chunkChars) {
    const n = countWhole(enc, text, allowSpecial);
    onProgress?.(text.length);
    return n;
  }
  let total = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.length - start > chunkChars ? nextSafeSplit(text, start + chunkChars) : -1;
    if (end === -1) end = text.length;
    total += countWhole(enc, text.slice(start, end), allowSpecial);
    start = end;
    onProgress?.(start);
  }
  return total;
}

/** `\r counting file 3/10 (45%)` on stderr, only on a terminal and for large inputs. */
class Progress {
  private shown = "";
  constructor(
    private readonly io: CliIO,
    readonly enabled: boolean,
    private readonly totalBytes: number,
    private readonly files: number,
  ) {}
  update(fileIndex: number, bytesDone: number): void {
    if (!this.enabled) return;
    const pct = this.totalBytes > 0 ? Math.floor((100 * bytesDone) / this.totalBytes) : 100;
    const line = `counting file ${fileIndex + 1}/${this.files} (${Math.min(pct, 100)}%)`;
    if (line === this.shown) return;
    this.shown = line;
    this.io.stderr(`\r${line}\x1b[K`);
  }
  clear(): void {
    if (this.shown) this.io.stderr("\r\x1b[K");
    this.shown = "";
  }
}

// ---------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------

async function runEncode(args: Args, enc: Encoding, io: CliIO, out: (string | Uint8Array)[]): Promise<void> {
  const sources = await openSources(args.positionals, io);
  const results: { file: string; ids: number[] }[] = [];
  for (const src of sources) {
    const text = decodeUtf8(await readSource(src));
    const ids = args.allowSpecial ? enc.encode(text, { allowedSpecial: "all" }) : enc.encodeOrdinary(text);
    results.push({ file: src.name, ids: Array.from(ids) });
  }
  if (args.json) {
    out.push(JSON.stringify(results.length === 1 ? results[0].ids : results) + "\n");
  } else {
    for (const r of results) out.push(r.ids.join(" ") + "\n");
  }
}

interface CountRow {
  file: string;
  tokens: number;
  chars: number;
  bytes: number;
}

async function runCount(
  args: Args,
  enc: Encoding,
  io: CliIO,
  out: (string | Uint8Array)[],
  progress: { current?: Progress },
): Promise<void> {
  const sources = await openSources(args.positionals, io);
  const totalBytes = sources.reduce((s, src) => s + src.size, 0);
  const bar = new Progress(io, io.isTTY && totalBytes > PROGRESS_THRESHOLD_BYTES, totalBytes, sources.length);
  progress.current = bar;
  const rows: CountRow[] = [];
  let bytesBefore = 0;
  for (let i = 0; i < sources.length; i++) {
    const src = sources[i];
    bar.update(i, bytesBefore);
    const bytes = await readSource(src);
    const text = decodeUtf8(bytes);
    const tokens = bar.enabled
      ? countTokensChunked(enc, text, args.allowSpecial, PROGRESS_CHUNK_CHARS, (done) =>
          bar.update(i, bytesBefore + (text.length ? (bytes.length * done) / text.length : bytes.length)),
        )
      : countWhole(enc, text, args.allowSpecial);
    rows.push({ file: src.name, tokens, chars: codePointCount(text), bytes: bytes.length });
    bytesBefore += bytes.length;
  }
  bar.clear();

  const total = {
    tokens: rows.reduce((s, r) => s + r.tokens, 0),
    chars: rows.reduce((s, r) => s + r.chars, 0),
    bytes: rows.reduce((s, r) => s + r.bytes, 0),
  };
  if (args.json) {
    const value = rows.length === 1 ? { encoding: enc.name, ...rows[0] } : { encoding: enc.name, files: rows, total };
    out.push(JSON.stringify(value, null, 2) + "\n");
  } else if (rows.length === 1) {
    out.push(`${rows[0].tokens}\n`);
  } else {
    out.push(formatTable(rows, total));
  }
}

/** Printable file name for the table: control characters escaped. */
function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x1f\x7f]/.test(name) ? JSON.stringify(name) : name;
}

export function formatTable(rows: readonly CountRow[], total: Omit<CountRow, "file">): string {
  const table = [
    ["file", "tokens", "chars", "bytes"],
    ...rows.map((r) => [displayName(r.file), String(r.tokens), String(r.chars), String(r.bytes)]),
    ["total", String(total.tokens), String(total.chars), String(total.bytes)],
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...table.map((row) => row[c].length)));
  return table
    .map(
      (row) =>
        row
          .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
          .join("  ")
          .trimEnd() + "\n",
    )
    .join("");
}

/**
 * Parse "[15339, 1917]", "15339 1917" or "15339,1917" into IDs of `enc` (see
 * src/lib/parse-ids.ts). Throws a one-line error naming the first bad entry and its
 * 1-based position.
 */
export function parseIdList(input: string, enc: Encoding): number[] {
  const { ids, problems } = parseIds(input, enc);
  if (problems.length) throw new CliError(`malformed ID list: ${problems[0].message}`);
  return ids;
}

async function runDecode(args: Args, enc: Encoding, io: CliIO, out: (string | Uint8Array)[]): Promise<void> {
  const fromStdin = args.positionals.length === 0 || (args.positionals.length === 1 && args.positionals[0] === STDIN);
  const text = fromStdin ? decodeUtf8(toBytes(await io.readStdin())) : args.positionals.join(" ");
  const ids = parseIdList(text, enc);
  if (args.json) out.push(JSON.stringify({ text: enc.decode(ids) }) + "\n");
  else out.push(enc.decodeBytes(ids));
}

/**
 * `chat --model MODEL [FILE]`: the prompt's token count (src/lib/chat/). An estimate's note and
 * a template's warnings go to stderr as `note:` / `warning:` lines (and into --json's output).
 */
async function runChat(args: Args, io: CliIO, out: (string | Uint8Array)[]): Promise<void> {
  if (args.model === undefined) throw new CliError("chat needs --model MODEL (e.g. gpt-4o, llama-3, qwen3)");
  if (args.encoding !== undefined) throw new CliError("chat takes --model, not --encoding (the model implies it)");
  if (args.allowSpecial) throw new CliError("--allow-special does not apply to chat (message text is text)");
  if (args.positionals.length > 1) throw new CliError("chat reads one request: one FILE, or standard input");
  const model = chatModel(args.model);
  const [source] = await openSources(args.positionals, io);
  const request = parseChatRequest(decodeUtf8(await readSource(source)));
  const template = model.template ? readChatTemplate(model.template) : undefined;
  const prompt = chatPrompt(request, model, loadEncoding(model.encoding), { template });
  if (prompt.note) io.stderr(`${PROGRAM}: note: ${prompt.note}\n`);
  for (const warning of prompt.warnings ?? []) io.stderr(`${PROGRAM}: warning: ${warning}\n`);
  if (!args.json) return void out.push(`${prompt.total}\n`);
  const { format, exact, source: from, note, warnings, ids } = prompt;
  const value = { model: model.name, encoding: prompt.encoding, format, exact, source: from, note, warnings };
  const counts = { tokens: prompt.total, messages: prompt.perMessage, tools: prompt.tools, priming: prompt.priming };
  out.push(JSON.stringify({ ...value, ...counts, ids }, null, 2) + "\n");
}

// ---------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------

/**
 * Run the CLI with `argv` (without `node` and the script). Resolves to the exit code:
 * 0 on success, 2 on any error. Writes to `io.stdout` only on success, all at once.
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const out: (string | Uint8Array)[] = [];
  const progress: { current?: Progress } = {};
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.stdout(usage());
      return 0;
    }
    if (args.version) {
      io.stdout(`${PROGRAM} ${version()}\n`);
      return 0;
    }
    if (args.command === undefined) throw new CliError(`missing command: expected ${COMMANDS.join(", ")} (see --help)`);
    if (!(COMMANDS as readonly string[]).includes(args.command)) {
      throw new CliError(
        `unknown command ${JSON.stringify(args.command)}: expected ${COMMANDS.join(", ")} (see --help)`,
      );
    }
    const command = args.command as Command;
    if (command === "chat") await runChat(args, io, out);
    else {
      if (command === "decode" && args.allowSpecial) {
        throw new CliError("--allow-special applies to encode and count only (decode always decodes special tokens)");
      }
      const name = resolveEncodingName(args);
      const enc = loadEncoding(name);
      // Claude's legacy tokenizer says what it is, on stderr, wherever it is used.
      const warning = encodingInfo(name).warning;
      if (warning) io.stderr(`${PROGRAM}: note: ${name} is ${warning}\n`);
      if (command === "encode") await runEncode(args, enc, io, out);
      else if (command === "count") await runCount(args, enc, io, out, progress);
      else await runDecode(args, enc, io, out);
    }
  } catch (err) {
    progress.current?.clear();
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`${PROGRAM}: ${message.replace(/\s*[\r\n]+\s*/g, " ").trim()}\n`);
    return 2;
  }
  for (const chunk of out) io.stdout(chunk);
  return 0;
}

/** Run with the real process: argv, stdin, stdout, stderr; sets `process.exitCode`. */
export async function runCli(): Promise<void> {
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0); // e.g. `| head`
    throw err;
  });
  process.exitCode = await main(process.argv.slice(2), {
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    stdout: (chunk) => void process.stdout.write(chunk),
    stderr: (text) => void process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
  });
}

function isRunDirectly(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isRunDirectly()) await runCli();
