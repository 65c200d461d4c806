/**
 * ESLint: the ecosystem's recommended rules, as they come but for one option (below).
 *
 *   npm run lint        (= eslint .)
 *
 * Every .js/.mjs/.ts file gets @eslint/js's recommended set; .ts files get typescript-eslint's
 * `recommended` set on top (no type-aware rules, so linting needs no TypeScript program).
 *
 * Globals follow where each folder's code runs (README, "File map"). typescript-eslint turns
 * `no-undef` off for .ts files, since TypeScript already checks every name, so for .ts they only
 * document the runtime; the engine's "no Node, no DOM" rule is checked by tests/engine/purity.test.ts.
 */
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
  // Built output, Framework's cache and generated tables (the scripts that write them are linted).
  globalIgnores(["dist/", "src/.observablehq/", "scratch/", "**/*.generated.ts"]),

  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommended],
    // The one option we set: a name starting with "_" is a deliberate discard (`for (const _ of text) n++`,
    // `const { vocab: _v, ...model } = json`), the usual typescript-eslint convention.
    rules: { "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }] },
  },

  // Dev tools, the CLI, tests, the configs and the data loaders run in Node.
  { files: ["scripts/**", "tests/**", "src/data/**", "*.config.{js,ts}"], languageOptions: { globals: globals.node } },
  // Tests drive fakes and read oracles' JSON, whose messages are untyped by nature: `any` is allowed there.
  { files: ["tests/**/*.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  // Browser tests drive Chromium: the functions they hand to page.evaluate() run in the page.
  { files: ["tests/site/**", "tests/components/**"], languageOptions: { globals: globals.browser } },

  // The engine and the site logic run in a page, a Web Worker and Node alike: only what all three share.
  { files: ["src/engine/**", "src/lib/**"], languageOptions: { globals: globals["shared-node-browser"] } },
  { files: ["src/engine/node.ts"], languageOptions: { globals: globals.node } },

  // Worker entry points run in a DedicatedWorkerGlobalScope, their clients in the page;
  // worker-url.ts is read on both sides.
  { files: ["src/workers/*-worker.ts", "src/workers/worker-url.ts"], languageOptions: { globals: globals.worker } },
  { files: ["src/workers/*-client.ts", "src/workers/worker-url.ts"], languageOptions: { globals: globals.browser } },

  // Views: functions of (data, options) that return DOM, and the modules other sites embed.
  { files: ["src/components/**", "src/embed/**"], languageOptions: { globals: globals.browser } },
]);
