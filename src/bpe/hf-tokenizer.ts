/**
 * Hugging Face `tokenizer.json` files of byte-level BPE models (Llama 3 first; Qwen3 and
 * DeepSeek V3 are next), turned into what the engine takes: a `.tiktoken`-style rank table and
 * the split pattern. Pure TypeScript; the caller reads the file.
 *
 * Byte-level BPE writes each token in GPT-2's byte-to-unicode alphabet: every byte stands for
 * one printable character ("Ġ" is the space, 0x20; "Ċ" is the newline, 0x0a). Mapping the
 * characters back gives the token's bytes. When a vocabulary came from tiktoken, as Llama 3's
 * did, its merges come in the order of the IDs they make and `ignore_merges` is on, so merging
 * the pair with the lowest resulting ID (tiktoken's rule, and our engine's) is merging by the
 * merge list's order. `byteLevelBpe` checks that order, and refuses a file where it does not
 * hold rather than encode differently. One subtlety: several merges can make the same token
 * (Llama 3 lists "Ġ ĠĠĠ" and then "ĠĠ ĠĠ", both → "ĠĠĠĠ" 257). tiktoken then takes the
 * leftmost such pair, Hugging Face the one listed first; the differential test against
 * @lenml/tokenizers (tests/bpe/hf-tokenizer.test.ts) is the evidence that the results agree.
 *
 *   const {tiktokenText, specialTokens, pattern} = byteLevelBpe(JSON.parse(fileText));
 *   // tiktokenText: "IQ== 0\nIg== 1\n…" (ID = rank), specialTokens: {"<|begin_of_text|>": 128000, …}
 *   // pattern: Llama 3's split regex, which is cl100k_base's
 */

/** GPT-2's `bytes_to_unicode`: the printable character that stands for each byte. */
export function byteToUnicode(): string[] {
  const printable = new Set<number>();
  for (let b = 0x21; b <= 0x7e; b++) printable.add(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.add(b);
  for (let b = 0xae; b <= 0xff; b++) printable.add(b);
  const out: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) out[b] = String.fromCodePoint(printable.has(b) ? b : 256 + extra++);
  return out;
}

export interface ByteLevelBpe {
  /** The ranks in `.tiktoken` form: one "base64(bytes) id" line per ordinary token, by ID. */
  tiktokenText: string;
  /** Added tokens marked special: text → ID. */
  specialTokens: Record<string, number>;
  /** The pre-tokenizer's split regex, as the file gives it. */
  pattern: string;
  /** Number of ordinary tokens. */
  size: number;
}

type Step = { type: string; pattern?: { Regex?: string }; behavior?: string; use_regex?: boolean; add_prefix_space?: boolean };

export interface TokenizerJson {
  normalizer: unknown;
  pre_tokenizer: (Step & { pretokenizers?: Step[] }) | null;
  model: { type: string; vocab: Record<string, number>; merges: (string | [string, string])[]; ignore_merges?: boolean; byte_fallback?: boolean };
  added_tokens: { id: number; content: string; special: boolean }[];
}

const toBase64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));

/** Read a byte-level BPE `tokenizer.json`; throws a plain message for anything else. */
export function byteLevelBpe(json: TokenizerJson): ByteLevelBpe {
  const fail = (why: string): never => {
    throw new Error(`Not a byte-level BPE tokenizer this engine reads exactly: ${why}.`);
  };
  if (json.model?.type !== "BPE") fail(`the model is ${json.model?.type}, not BPE`);
  if (json.normalizer !== null && json.normalizer !== undefined) fail("it has a normalizer");
  if (json.model.byte_fallback) fail("it uses byte fallback (SentencePiece style)");
  const steps: Step[] = json.pre_tokenizer?.type === "Sequence" ? json.pre_tokenizer.pretokenizers ?? [] : json.pre_tokenizer ? [json.pre_tokenizer] : [];
  const split = steps.find((s) => s.type === "Split");
  const byteLevel = steps.find((s) => s.type === "ByteLevel");
  if (steps.length !== 2 || !split?.pattern?.Regex || split.behavior !== "Isolated" || !byteLevel || byteLevel.use_regex || byteLevel.add_prefix_space) {
    fail("its pre-tokenizer is not one Split regex (Isolated) then ByteLevel without its own regex or prefix space");
  }
  if (!json.model.ignore_merges) fail("ignore_merges is off, so a whole word in the vocabulary may still be merged apart");
  const fromChar = new Map(byteToUnicode().map((c, b) => [c, b]));
  const bytesOf = (token: string) => Array.from(token, (c) => fromChar.get(c) ?? fail(`the token ${JSON.stringify(token)} has a character outside the byte alphabet`));
  // Merges must come in the order of the IDs they make (equal IDs allowed, see above).
  let last = -1;
  for (const m of json.model.merges) {
    const [a, b] = typeof m === "string" ? (m.split(" ") as [string, string]) : m;
    const id = json.model.vocab[a + b];
    if (id === undefined) fail(`the merge ${a} + ${b} makes no token`);
    if (id < last) fail(`the merge ${a} + ${b} (→ ${id}) comes after a merge that made ${last}`);
    last = id;
  }
  const entries = Object.entries(json.model.vocab).sort((a, b) => a[1] - b[1]);
  const lines = entries.map(([token, id]) => `${toBase64(bytesOf(token))} ${id}`);
  const specialTokens: Record<string, number> = {};
  for (const t of json.added_tokens) if (t.special) specialTokens[t.content] = t.id;
  return { tiktokenText: lines.join("\n") + "\n", specialTokens, pattern: split!.pattern!.Regex!, size: entries.length };
}
