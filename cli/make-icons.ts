/**
 * Draws the Teams app icons: manifest/color.png (192x192, full colour) and
 * manifest/outline.png (32x32, white on transparent). Run with `npm run icons`; the PNGs
 * are committed, so this only needs running again to change the design.
 *
 * The design is a speech bubble (a conversation) holding a signpost board that points
 * right (signposting). Shapes are signed distance functions in a 0..1 square, rendered
 * with 8x8 supersampling so edges stay smooth at 32 pixels.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

type Point = [number, number];
type Rgb = [number, number, number];

/** NHS blue, also the manifest's accentColor. */
export const ACCENT: Rgb = [0x00, 0x5e, 0xb8];
const WHITE: Rgb = [255, 255, 255];

/** Signed distance to a rounded rectangle: negative inside. */
function roundedRect(p: Point, x0: number, y0: number, x1: number, y1: number, r: number): number {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(p[0] - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(p[1] - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Signed distance to a simple polygon: negative inside. */
function polygon(p: Point, v: Point[]): number {
  let d = Infinity;
  let sign = 1;
  for (let i = 0, j = v.length - 1; i < v.length; j = i, i++) {
    const ex = v[j][0] - v[i][0];
    const ey = v[j][1] - v[i][1];
    const wx = p[0] - v[i][0];
    const wy = p[1] - v[i][1];
    const t = Math.min(Math.max((wx * ex + wy * ey) / (ex * ex + ey * ey), 0), 1);
    d = Math.min(d, Math.hypot(wx - ex * t, wy - ey * t));
    const c1 = p[1] >= v[i][1];
    const c2 = p[1] < v[j][1];
    const c3 = ex * wy > ey * wx;
    if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) sign = -sign;
  }
  return sign * d;
}

/** The speech bubble: a rounded box with a tail at the bottom left. */
function bubble(p: Point): number {
  const body = roundedRect(p, 0.08, 0.12, 0.92, 0.7, 0.15);
  const tail = polygon(p, [[0.22, 0.6], [0.46, 0.6], [0.18, 0.9]]);
  return Math.min(body, tail);
}

/** The signpost: a board pointing right on a short post. */
function sign(p: Point): number {
  const board = polygon(p, [[0.24, 0.25], [0.62, 0.25], [0.77, 0.37], [0.62, 0.49], [0.24, 0.49]]);
  const post = roundedRect(p, 0.33, 0.45, 0.40, 0.64, 0.005);
  return Math.min(board, post);
}

interface Layer {
  /** Whether a point (in the 0..1 design square) is covered. */
  covers(p: Point): boolean;
  colour: Rgb;
}

/**
 * Renders layers (bottom first) onto a transparent square. `inset` shrinks the design
 * square towards the centre (the colour icon keeps its symbol in the middle, as Teams asks).
 */
function render(size: number, layers: Layer[], inset = 0, samples = 8): PNG {
  const png = new PNG({ width: size, height: size });
  const scale = 1 - 2 * inset;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples) / size;
          const v = (y + (sy + 0.5) / samples) / size;
          const p: Point = [(u - inset) / scale, (v - inset) / scale];
          let hit: Rgb | undefined;
          for (const layer of layers) if (layer.covers(p)) hit = layer.colour;
          if (hit) {
            r += hit[0];
            g += hit[1];
            b += hit[2];
            a += 1;
          }
        }
      }
      const i = (y * size + x) * 4;
      const n = samples * samples;
      // Colour is averaged over the covered samples only, so edges are not darkened.
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((255 * a) / n);
    }
  }
  return png;
}

/** 192x192: white bubble and blue signpost on an NHS blue square. */
export function colorIcon(): PNG {
  const png = render(192, [
    { covers: (p) => bubble(p) <= 0, colour: WHITE },
    { covers: (p) => sign(p) <= 0, colour: ACCENT },
  ], 0.19);
  // A solid background under everything (full colour icon, no transparency).
  for (let i = 0; i < png.data.length; i += 4) {
    const alpha = png.data[i + 3] / 255;
    for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(png.data[i + c] * alpha + ACCENT[c] * (1 - alpha));
    png.data[i + 3] = 255;
  }
  return png;
}

/** 32x32: the bubble drawn as a 2-pixel white line with the signpost filled, on transparency. */
export function outlineIcon(): PNG {
  const stroke = 2 / 32;
  return render(32, [
    { covers: (p) => { const d = bubble(p); return d <= 0 && d >= -stroke; }, colour: WHITE },
    { covers: (p) => sign(p) <= 0, colour: WHITE },
  ]);
}

function main(): void {
  const dir = join(__dirname, '..', 'manifest');
  for (const [name, png] of [['color.png', colorIcon()], ['outline.png', outlineIcon()]] as const) {
    const file = join(dir, name);
    writeFileSync(file, PNG.sync.write(png, { colorType: 6 }));
    process.stdout.write(`wrote ${file} (${png.width}x${png.height})\n`);
  }
}

if (require.main === module) main();
