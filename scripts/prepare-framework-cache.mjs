#!/usr/bin/env node
// Runs before `observable build` and `observable preview` (the prebuild/predev scripts).
//
// Observable Framework's client lazily imports 15 optional libraries. On a clean build it asks
// the npm registry for `@latest` of each one, which makes the build depend on the network (and
// fails with no network at all). An existing folder `src/.observablehq/cache/_npm/<name>@<semver>/`
// satisfies that lookup. Git keeps no empty folders, so we create them on every run.
// See /work/shared/notes/framework-offline.md.
import {mkdirSync} from "node:fs";
import {fileURLToPath} from "node:url";

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
for (const name of LIBRARIES) mkdirSync(`${cacheDir}${name}@0.0.0`, {recursive: true});

// Framework re-runs a data loader only when the loader file itself changes, not when a module
// it imports does (src/data/tokenizer-worker.js.ts bundles src/components and src/bpe;
// src/data/vocab/*.bin.ts use src/bpe). Drop their cached output so a build never ships a
// stale worker or vocabulary asset. It costs a few seconds per build.
import {rmSync} from "node:fs";
rmSync(fileURLToPath(new URL("../src/.observablehq/cache/data/", import.meta.url)), {recursive: true, force: true});
