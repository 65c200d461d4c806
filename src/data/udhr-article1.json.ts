/**
 * Data loader: Article 1 of every complete UDHR translation (the languages of
 * udhr-premium.csv.ts), NFC, for the "your own text" section of /languages: a reader picks a
 * language and sees its cost next to English's. Only this one article ships, not the texts.
 *
 *   npx tsx src/data/udhr-article1.json.ts → {"generator": …, "articles": [{code: "eng", name: "English", text: "All human beings are born free…"}, …]}
 */
import { udhrEntries } from "./build/udhr-corpus.js";

const articles = udhrEntries()
  .filter((e) => e.exclusions.length === 0)
  .map((e) => ({ code: e.info.code, name: e.info.name, text: e.parsed.articles.find((a) => a.number === 1)!.paragraphs.join("\n") }));
process.stdout.write(JSON.stringify({ generator: "src/data/udhr-article1.json.ts", articles }));
