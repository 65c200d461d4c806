/**
 * The token chips' stylesheet, every rule scoped to `.tc`. The view carries it in a `<style>`
 * inside its own element, so the chips look the same in a page and in an embed widget's shadow
 * root. Colors: each token's palette color (src/lib/token-text.ts) as a light tint with a
 * darker border, or in dark mode (`prefers-color-scheme`) a dark tint with a lighter border;
 * the page's theme variables (`--theme-foreground`…) when there are any.
 */
import { PALETTE } from "../../lib/token-text.js";
import { el } from "../dom.js";

const colorVars = (mode: "light" | "dark") =>
  PALETTE.map((c, i) => `--tc-bg-${i}:${c[mode].bg};--tc-bd-${i}:${c[mode].border};`).join("");

/** The component's stylesheet; every rule is scoped to `.tc`. */
export const TOKEN_CHIPS_CSS = `
.tc{position:relative;${colorVars("light")}
--tc-fg:var(--theme-foreground,#1b1e23);--tc-bg:var(--theme-background,#fff);
--tc-faint:var(--theme-foreground-faint,#8b8e93);--tc-line:var(--theme-foreground-faintest,#d9dadc);
--tc-mark:#b3261e;--tc-focus:var(--theme-foreground-focus,#3b5fc0);
font:14px/1.5 var(--sans-serif,system-ui,-apple-system,"Segoe UI",sans-serif);color:var(--tc-fg)}
@media (prefers-color-scheme:dark){.tc{${colorVars("dark")}
--tc-fg:var(--theme-foreground,#dfdfd6);--tc-bg:var(--theme-background,#161616);
--tc-faint:var(--theme-foreground-faint,#7b7b76);--tc-line:var(--theme-foreground-faintest,#3a3a38);--tc-mark:#ff8a80}}
${PALETTE.map((_, i) => `.tc-c${i}{--bg:var(--tc-bg-${i});--bd:var(--tc-bd-${i})}`).join("\n")}
.tc-bar{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem;margin:0 0 .375rem}
.tc-copy{font:inherit;font-size:13px;padding:.125rem .5rem;border:1px solid var(--tc-line);border-radius:4px;background:transparent;color:inherit;cursor:pointer}
.tc-copy:hover{border-color:var(--tc-faint)}
.tc-msg{font-size:13px;color:var(--tc-faint)}
.tc-fallback{display:block;width:100%;box-sizing:border-box;height:5rem;margin:0 0 .375rem;font:12px/1.4 var(--monospace,ui-monospace,monospace)}
.tc-scroll{max-height:var(--tc-max-height,28rem);overflow:auto;overflow-anchor:auto;box-sizing:border-box;
border:1px solid var(--tc-line);border-radius:6px;padding:.375rem .5rem;
font:13.5px/2 var(--monospace,ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace);
white-space:pre-wrap;overflow-wrap:anywhere;tab-size:4;font-variant-ligatures:none}
.tc-ph{display:block}
.tc-empty{color:var(--tc-faint);font-family:var(--sans-serif,system-ui,sans-serif)}
.tc-chip,.tc-ghead{white-space:pre;unicode-bidi:isolate;border:1px solid var(--bd,var(--tc-line));background:var(--bg,transparent);
border-radius:3px;padding:1px 2px;margin:0 1px;-webkit-box-decoration-break:clone;box-decoration-break:clone;cursor:default}
.tc-chip:focus,.tc-ghead:focus{outline:none}
.tc-chip:focus-visible,.tc-ghead:focus-visible,.tc-chip.tc-hover,.tc-ghead.tc-hover{outline:2px solid var(--tc-focus);outline-offset:1px}
.tc-lead{background:var(--bd);background:color-mix(in srgb,var(--bd) 28%,transparent);border-radius:2px}
.tc-ids .tc-ls{box-shadow:inset 3px 0 0 var(--bd)}
.tc-nl::before{content:"↵";color:var(--tc-faint)}
.tc-ws{color:var(--tc-faint)}
.tc-mark{color:var(--tc-mark);font-size:.85em;border:1px dotted currentColor;border-radius:2px;padding:0 1px;margin:0 1px}
.tc-diff{text-decoration:underline wavy var(--tc-mark) 1px;text-underline-offset:4px;text-decoration-skip-ink:none}
.tc-special{--bg:transparent;border:1.5px dashed var(--tc-fg);font-weight:600;padding:1px 4px}
.tc-group{unicode-bidi:isolate}
.tc-ghead{cursor:pointer;border-style:solid;border-color:var(--tc-fg);border-color:color-mix(in srgb,var(--tc-fg) 55%,transparent)}
.tc-gn{font:600 9px/1 var(--sans-serif,system-ui,sans-serif);vertical-align:super;color:var(--tc-faint);margin-left:1px}
.tc-open>.tc-ghead{border-top-right-radius:0;border-bottom-right-radius:0;margin-right:0}
.tc-sub{margin:0;border-radius:0;border-left-width:0}
.tc-sub:last-child{border-top-right-radius:3px;border-bottom-right-radius:3px;margin-right:1px}
.tc-hex{font-size:.9em}
.tc-plabel{font:11px var(--sans-serif,system-ui,sans-serif);color:var(--tc-faint);margin-left:.375em}
.tc-glabel{font-size:.85em;color:var(--tc-faint);margin-right:2px}
.tc-gids{border-bottom:1.5px dotted var(--tc-faint);padding-bottom:2px}
.tc-card{position:absolute;z-index:20;pointer-events:none;box-sizing:border-box;max-width:min(26rem,100%);
padding:.5rem .625rem;border:1px solid var(--tc-line);border-radius:6px;background:var(--tc-bg);
box-shadow:0 4px 14px rgb(0 0 0 / .14);font-size:13px;line-height:1.45}
.tc-card[hidden]{display:none}
.tc-card-title{font-weight:600;margin-bottom:.25rem}
.tc-card-tag{font-weight:400;font-size:12px;color:var(--tc-faint);margin-left:.5rem}
.tc-card-dl{display:grid;grid-template-columns:auto 1fr;gap:.125rem .75rem;margin:0}
.tc-card-dl dt{color:var(--tc-faint)}
.tc-card-dl dd{margin:0;font-family:var(--monospace,ui-monospace,monospace);white-space:pre-wrap;overflow-wrap:anywhere}
.tc-card-note{margin-top:.25rem;font-size:12px;color:var(--tc-faint)}
`;

/** The `<style>` element that every token chips view starts with. */
export function chipsStyle(): HTMLElement {
  return el("style", undefined, TOKEN_CHIPS_CSS);
}
