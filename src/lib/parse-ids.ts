/**
 * Reading a list of token IDs as people paste them: "[15339, 1917]", "15339 1917" or
 * "15339,1917". Every bad entry is reported with its 1-based position, and the good ones are
 * kept, so the playground can decode the rest and the CLI can refuse the whole list.
 *
 *   parseIds("[24912, x, 2375]", o200k)
 *   → {ids: [24912, 2375], problems: [{position: 2, entry: "x", message: '"x" at position 2 is not a number'}]}
 */
import type { Encoding } from "../engine/index.js";

export interface IdProblem {
  /** 1-based position of the entry in the list (0 for a problem with the brackets). */
  position: number;
  entry: string;
  message: string;
}

export interface ParsedIds {
  ids: number[];
  problems: IdProblem[];
}

const quote = (entry: string) => JSON.stringify(entry.length > 40 ? entry.slice(0, 40) + "…" : entry);

export function parseIds(input: string, enc: Pick<Encoding, "name" | "nVocab" | "tokenBytes">): ParsedIds {
  const problems: IdProblem[] = [];
  let s = input.trim();
  if (s.startsWith("[")) {
    if (s.endsWith("]")) s = s.slice(1, -1).trim();
    else {
      problems.push({ position: 0, entry: "[", message: `"[" is never closed by "]"` });
      s = s.slice(1).trim();
    }
  } else if (s.endsWith("]")) {
    problems.push({ position: 0, entry: "]", message: `"]" without a matching "["` });
    s = s.slice(0, -1).trim();
  }
  const ids: number[] = [];
  if (s === "") return { ids, problems };
  const maxId = enc.nVocab - 1;
  s.split(/\s*,\s*|\s+/).forEach((entry, k) => {
    const position = k + 1;
    const bad = (why: string) =>
      problems.push({ position, entry, message: `${quote(entry)} at position ${position} ${why}` });
    if (entry === "") {
      problems.push({
        position,
        entry,
        message: `empty entry at position ${position} (two commas in a row, or a comma at an end)`,
      });
    } else if (/^\d+$/.test(entry)) {
      const id = Number(entry);
      if (!Number.isSafeInteger(id) || id > maxId) bad(`is out of range for ${enc.name} (IDs are 0 to ${maxId})`);
      else if (!isToken(enc, id)) bad(`is not a token of ${enc.name}`);
      else ids.push(id);
    } else {
      const value = Number(entry);
      const numeric = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(entry) && Number.isFinite(value);
      if (numeric && value < 0) bad("is negative");
      else if (numeric && !Number.isInteger(value)) bad("is not an integer");
      else if (numeric) bad("is not written as a plain integer");
      else bad("is not a number");
    }
  });
  return { ids, problems };
}

function isToken(enc: Pick<Encoding, "tokenBytes">, id: number): boolean {
  try {
    enc.tokenBytes(id);
    return true;
  } catch {
    return false;
  }
}
