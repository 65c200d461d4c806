// See https://observablehq.com/framework/config for documentation.
// Everything here must build and run with no network (README.md: the npm registry, at install
// time, is the only network the project needs). So no `npm:` import, no font or stylesheet from
// a CDN; scripts/check-dist.ts fails the build on any reference to another origin left in dist/.
export default {
  root: "src",
  title: "Tokenizer Explorer",
  // The default global stylesheets link Google Fonts; style.css imports the themes instead.
  globalStylesheets: [],
  style: "style.css",
  // The home page (src/index.md, the playground) is the sidebar's title link, so it is not
  // listed again here.
  pages: [
    { name: "Vocabulary explorer", path: "/vocabulary" },
    { name: "The language tax", path: "/languages" },
    { name: "How BPE works", path: "/bpe" },
    { name: "Token-aware chunking", path: "/chunking" },
    { name: "What a chat request costs", path: "/chat" },
    { name: "Embed", path: "/embed" },
    { name: "About", path: "/about" },
  ],
  pager: false,
  // Modules other sites import (src/embed/, documented on /embed).
  dynamicPaths: ["/embed/tokens.js", "/embed/token-view.js"],
  footer: "Tokenizer Explorer: exact tiktoken token IDs, computed in your browser.",
};
