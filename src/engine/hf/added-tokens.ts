/**
 * Cutting added tokens out of a text, leftmost and longest first, as Hugging Face's
 * DictionarySplitter does before a SentencePiece-style model runs (`sentencepiece.ts`).
 *
 * The tokens go into a trie of UTF-16 units. `cut` walks the text once; at each position that
 * can start a token it follows the trie as far as the text goes and keeps the longest token
 * it passed that `accept` takes (a special token only when allowed). With only the tokens "\n"
 * and "\n\n":
 *
 *   cut("a\n\n\nb")  → ordinary "a", token "\n\n", token "\n", ordinary "b"
 *
 * A trie rather than one regex of every token: Gemma 3 has 6,415 added tokens, and this walk
 * costs one table lookup per character that starts none.
 */

export class AddedTokenTrie {
  /** Child maps by UTF-16 unit, per node (node 0 is the root). */
  private readonly children: Map<number, number>[] = [new Map()];
  /** The added token ending at each node, or -1. */
  private readonly end: Int32Array;
  /** Units that start some added token. */
  private readonly first = new Uint8Array(65536);

  constructor(tokens: readonly { content: string; id: number }[]) {
    const { children, first } = this;
    const ends: number[] = [-1];
    for (const { content, id } of tokens) {
      let node = 0;
      first[content.charCodeAt(0)] = 1;
      for (let i = 0; i < content.length; i++) {
        const u = content.charCodeAt(i);
        let next = children[node].get(u);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          ends.push(-1);
          children[node].set(u, next);
        }
        node = next;
      }
      ends[node] = id;
    }
    this.end = Int32Array.from(ends);
  }

  /**
   * Cut `text` at the added tokens that `accept` takes, leftmost and longest first: calls
   * `ordinary(start, end)` for each stretch between them and `token(id, start, end)` for each.
   */
  cut(
    text: string,
    accept: (id: number) => boolean,
    ordinary: (start: number, end: number) => void,
    token: (id: number, start: number, end: number) => void,
  ): void {
    const { children, end, first } = this;
    const n = text.length;
    let last = 0;
    for (let i = 0; i < n;) {
      if (!first[text.charCodeAt(i)]) {
        i++;
        continue;
      }
      let node = 0,
        matchEnd = -1,
        matchId = -1;
      for (let j = i; j < n; j++) {
        const next = children[node].get(text.charCodeAt(j));
        if (next === undefined) break;
        node = next;
        const id = end[node];
        if (id >= 0 && accept(id)) {
          matchEnd = j + 1;
          matchId = id;
        }
      }
      if (matchEnd < 0) {
        i++;
        continue;
      }
      if (i > last) ordinary(last, i);
      token(matchId, i, matchEnd);
      i = last = matchEnd;
    }
    if (last < n) ordinary(last, n);
  }
}
