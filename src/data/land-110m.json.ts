/**
 * Data loader: the world's land outline at 1:110m, as GeoJSON, for the language map on
 * /languages. Made from the `world-atlas` package's TopoJSON (Natural Earth, public domain)
 * with `topojson-client`, at build time, so the page draws it offline.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve("world-atlas/land-110m.json"), "utf8"));
const land = feature(topology, topology.objects.land);
// Coordinates to 0.01°: about a kilometre, far finer than the map is drawn.
const round = (_key: string, v: unknown) => (typeof v === "number" ? Math.round(v * 100) / 100 : v);
process.stdout.write(JSON.stringify({ generator: "src/data/land-110m.json.ts", source: "world-atlas 2.0.2, land-110m (Natural Earth)", ...land }, round));
