/**
 * The vocabulary explorer's state in its URL, so that a link shows the same search:
 *
 *   /vocabulary?encoding=r50k_base&q=SolidGoldMagikarp
 *   /vocabulary?encoding=o200k_base&q=%2F%5E+%5BA-Z%5D%2F&as=regex&case=1&facets=space,digits&script=Latin&sort=length&token=290
 *
 * Unknown or malformed values fall back to the defaults; nothing here throws.
 */
import { listEncodings } from "../engine/index.js";
import { FACETS, SCRIPTS } from "./token-facets.js";
import type { QueryKind } from "./vocab-search.js";

export interface VocabState {
  encoding: string;
  q: string;
  as: QueryKind;
  caseSensitive: boolean;
  /** Facet names (FACETS[].name). */
  facets: string[];
  /** A SCRIPTS name, or "" for any. */
  script: string;
  sort: "rank" | "length";
  token: number | null;
}

export const DEFAULT_VOCAB_STATE: VocabState = {
  encoding: "o200k_base",
  q: "",
  as: "auto",
  caseSensitive: false,
  facets: [],
  script: "",
  sort: "rank",
  token: null,
};

const KINDS: readonly QueryKind[] = ["auto", "text", "regex", "id", "hex"];

export function readVocabState(search: string): VocabState {
  const p = new URLSearchParams(search);
  const s = { ...DEFAULT_VOCAB_STATE };
  const encoding = p.get("encoding");
  if (encoding && listEncodings().includes(encoding)) s.encoding = encoding;
  s.q = p.get("q") ?? "";
  const as = p.get("as") as QueryKind | null;
  if (as && KINDS.includes(as)) s.as = as;
  s.caseSensitive = p.get("case") === "1";
  s.facets = (p.get("facets") ?? "").split(",").filter((f) => FACETS.some((x) => x.name === f));
  const script = p.get("script") ?? "";
  if ((SCRIPTS as readonly string[]).includes(script)) s.script = script;
  if (p.get("sort") === "length") s.sort = "length";
  const token = p.get("token");
  if (token && /^\d+$/.test(token)) s.token = Number(token);
  return s;
}

/** The query string for `state`, leaving out what equals the defaults. */
export function writeVocabState(state: VocabState): string {
  const p = new URLSearchParams();
  p.set("encoding", state.encoding);
  if (state.q) p.set("q", state.q);
  if (state.as !== "auto") p.set("as", state.as);
  if (state.caseSensitive) p.set("case", "1");
  if (state.facets.length) p.set("facets", state.facets.join(","));
  if (state.script) p.set("script", state.script);
  if (state.sort !== "rank") p.set("sort", state.sort);
  if (state.token !== null) p.set("token", String(state.token));
  return `?${p}`;
}
