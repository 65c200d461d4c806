/**
 * The token chips view in Node (no DOM): its stylesheet, and the PNG reader its screenshot test
 * uses. The DOM itself is tested in Chromium by token-chips.browser.test.ts; the text helpers it
 * draws with by tests/lib/token-text.test.ts, its units and blocks by tests/lib/chip-blocks.test.ts.
 */
import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { test } from "node:test";
import { PALETTE, TOKEN_CHIPS_CSS } from "../../src/components/token-chips/index.ts";
import { countDifferentPixels, decodePng } from "./png.ts";

test("PALETTE is the Okabe–Ito palette, and every color has light and dark tints in the stylesheet", () => {
  assert.deepEqual(
    PALETTE.map((c) => c.base),
    ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"],
  );
  for (const [i, c] of PALETTE.entries()) {
    assert.ok(TOKEN_CHIPS_CSS.includes(`--tc-bg-${i}:${c.light.bg}`), `light tint of ${c.name}`);
    assert.ok(TOKEN_CHIPS_CSS.includes(`--tc-bg-${i}:${c.dark.bg}`), `dark tint of ${c.name}`);
  }
  // Class-scoped: every rule selects by a .tc or .tc-* class, so the sheet cannot restyle the
  // page or widget it is put in.
  const selectors = TOKEN_CHIPS_CSS.replace(/@media[^{]*\{/g, "").match(/(^|\})\s*([^{}@]+)\{/g) ?? [];
  for (const s of selectors) {
    const sel = s.replace(/^\}?\s*/, "").replace(/\{$/, "");
    for (const part of sel.split(","))
      assert.match(
        part.trim(),
        /^\.tc[-.:\s>[]|^\.tc$/,
        `selector ${JSON.stringify(part)} does not start with a .tc class`,
      );
  }
});

test("decodePng(png) reads RGB and RGBA rows with every filter type (the screenshot test relies on it)", () => {
  // A 3×5 RGBA image, one row per filter type 0–4, encoded by hand.
  const width = 3,
    height = 5,
    bpp = 4;
  const pixels = Uint8Array.from({ length: width * height * bpp }, (_, i) => (i * 37 + 11) & 0xff);
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(y);
    for (let i = 0; i < width * bpp; i++) {
      const x = pixels[y * width * bpp + i];
      const left = i >= bpp ? pixels[y * width * bpp + i - bpp] : 0;
      const up = y > 0 ? pixels[(y - 1) * width * bpp + i] : 0;
      const upLeft = y > 0 && i >= bpp ? pixels[(y - 1) * width * bpp + i - bpp] : 0;
      const p = left + up - upLeft;
      const pa = Math.abs(p - left),
        pb = Math.abs(p - up),
        pc = Math.abs(p - upLeft);
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const pred = [0, left, up, (left + up) >> 1, paeth][y];
      rows.push((x - pred) & 0xff);
    }
  }
  const chunk = (type: string, body: Uint8Array) => {
    const out = Buffer.alloc(12 + body.length);
    out.writeUInt32BE(body.length, 0);
    out.write(type, 4, "latin1");
    Buffer.from(body).copy(out, 8);
    return out; // the CRC is not checked
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Uint8Array.from(rows))),
    chunk("IEND", new Uint8Array()),
  ]);
  const img = decodePng(png);
  assert.equal(img.width, width);
  assert.equal(img.height, height);
  assert.deepEqual(img.data, pixels);
  assert.equal(countDifferentPixels(img, img), 0);
  const other = { ...img, data: img.data.slice() };
  other.data[0] ^= 0xff;
  assert.equal(countDifferentPixels(img, other), 1);
});
