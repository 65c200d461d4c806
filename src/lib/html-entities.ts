/**
 * HTML character references → characters, for text taken out of HTML or Markdown at build
 * time (the UDHR corpus of the language tax, the benchmark's corpora). Numeric references of
 * any code point, and the few named ones such text uses; any other `&name;` stays as written.
 *
 *   decodeEntities("Tom &#x26; Jerry &lt;3 &#233;t&eacute;") → "Tom & Jerry <3 ét&eacute;"
 */

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** The text of an HTML fragment, its character references decoded (the `udhr` package uses &#x26; and &#x3C;). */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (m, hex: string, dec: string, name: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    return NAMED_ENTITIES[name] ?? m;
  });
}
