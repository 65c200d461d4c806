/**
 * Test helper (not a test file): a small PNG decoder for screenshot comparisons, with no
 * dependency but node:zlib. It reads what Chromium writes: 8-bit, non-interlaced, grey, grey +
 * alpha, RGB or RGBA; anything else is an error saying so.
 */
import { inflateSync } from "node:zlib";

export interface RgbaImage {
  width: number;
  height: number;
  /** 4 bytes per pixel, rows top to bottom. */
  data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(png: Uint8Array): RgbaImage {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error("not a PNG file");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let width = 0,
    height = 0,
    colorType = -1;
  const idat: Uint8Array[] = [];
  for (let pos = 8; pos + 8 <= png.length;) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...png.subarray(pos + 4, pos + 8));
    const body = png.subarray(pos + 8, pos + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      const bitDepth = body[8],
        interlace = body[12];
      colorType = body[9];
      if (bitDepth !== 8 || interlace !== 0 || !(colorType in CHANNELS)) {
        throw new Error(`unsupported PNG: bit depth ${bitDepth}, color type ${colorType}, interlace ${interlace}`);
      }
    } else if (type === "IDAT") {
      idat.push(body);
    } else if (type === "IEND") {
      break;
    }
    pos += 12 + length;
  }
  if (!width || !height || !idat.length) throw new Error("PNG without IHDR or IDAT");
  const bpp = CHANNELS[colorType];
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < height * (stride + 1)) throw new Error("PNG data too short");
  const data = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  let cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    const filter = raw[at];
    cur.set(raw.subarray(at + 1, at + 1 + stride));
    for (let i = 0; i < stride; i++) {
      const left = i >= bpp ? cur[i - bpp] : 0;
      const up = prev[i];
      const upLeft = i >= bpp ? prev[i - bpp] : 0;
      let add = 0;
      if (filter === 1) add = left;
      else if (filter === 2) add = up;
      else if (filter === 3) add = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left),
          pb = Math.abs(p - up),
          pc = Math.abs(p - upLeft);
        add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter} on row ${y}`);
      cur[i] = (cur[i] + add) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4,
        s = x * bpp;
      if (bpp >= 3) {
        data[o] = cur[s];
        data[o + 1] = cur[s + 1];
        data[o + 2] = cur[s + 2];
        data[o + 3] = bpp === 4 ? cur[s + 3] : 255;
      } else {
        data[o] = data[o + 1] = data[o + 2] = cur[s];
        data[o + 3] = bpp === 2 ? cur[s + 1] : 255;
      }
    }
    [prev, cur] = [cur, prev];
  }
  return { width, height, data };
}

/** How many pixels differ by more than `threshold` in some channel (images of equal size). */
export function countDifferentPixels(a: RgbaImage, b: RgbaImage, threshold = 24): number {
  if (a.width !== b.width || a.height !== b.height)
    throw new Error(`sizes differ: ${a.width}×${a.height} and ${b.width}×${b.height}`);
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (
      Math.abs(a.data[i] - b.data[i]) > threshold ||
      Math.abs(a.data[i + 1] - b.data[i + 1]) > threshold ||
      Math.abs(a.data[i + 2] - b.data[i + 2]) > threshold ||
      Math.abs(a.data[i + 3] - b.data[i + 3]) > threshold
    )
      n++;
  }
  return n;
}

/** Number of distinct colors (a blank or single-color screenshot has one or two). */
export function distinctColors(img: RgbaImage, limit = 64): number {
  const seen = new Set<number>();
  for (let i = 0; i < img.data.length && seen.size < limit; i += 4) {
    seen.add(((img.data[i] << 16) | (img.data[i + 1] << 8) | img.data[i + 2]) >>> 0);
  }
  return seen.size;
}
