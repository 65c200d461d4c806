// See https://observablehq.com/framework/config for documentation.
// Everything here must build and run with no network: see /work/shared/notes/framework-offline.md.
export default {
  root: "src",
  title: "Tokenizer Explorer",
  // The default global stylesheets link Google Fonts; style.css imports the themes instead.
  globalStylesheets: [],
  style: "style.css",
  // Just the home page (src/index.md) for now. Framework always links the home page as the
  // sidebar's title, so listing `{path: "/"}` here would show the same link twice; with an empty
  // list Framework hides the sidebar, which suits a one-page site. Add the next pages here.
  pages: [],
  pager: false,
  footer: "Tokenizer Explorer: exact tiktoken token IDs, computed in your browser.",
};
