// Renders media/icon.png (128×128): three budget bars (requests, input tokens, output
// tokens) on a rounded tile, the middle one nearing its limit. Written procedurally so
// the icon needs no image tools; run `node scripts/make-icon.mjs` after changing it.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const S = 128;
const px = Buffer.alloc(S * S * 4);

function blend(x, y, [r, g, b], a) {
  if (x < 0 || y < 0 || x >= S || y >= S || a <= 0) return;
  const i = (y * S + x) * 4;
  const A = Math.min(1, a);
  const out = px[i + 3] / 255;
  const na = A + out * (1 - A);
  px[i] = Math.round((r * A + px[i] * out * (1 - A)) / na);
  px[i + 1] = Math.round((g * A + px[i + 1] * out * (1 - A)) / na);
  px[i + 2] = Math.round((b * A + px[i + 2] * out * (1 - A)) / na);
  px[i + 3] = Math.round(na * 255);
}

/** Signed distance to a rounded rectangle, for anti-aliased edges. */
function roundRect(x0, y0, x1, y1, rad, colorAt) {
  for (let y = Math.floor(y0) - 1; y <= Math.ceil(y1) + 1; y++) {
    for (let x = Math.floor(x0) - 1; x <= Math.ceil(x1) + 1; x++) {
      const cx = Math.max(x0 + rad, Math.min(x + 0.5, x1 - rad));
      const cy = Math.max(y0 + rad, Math.min(y + 0.5, y1 - rad));
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - rad;
      blend(x, y, colorAt(x, y), 0.5 - d);
    }
  }
}

const lerp = (a, b, t) => a.map((v, k) => Math.round(v + (b[k] - v) * t));
// Tile: deep slate to indigo.
roundRect(4, 4, 124, 124, 26, (_x, y) => lerp([30, 27, 75], [17, 24, 39], y / S));
// Track outlines and bars: green, amber (binding limit), green.
const bars = [
  { x: 26, fill: 0.78, color: [52, 211, 153] },
  { x: 56, fill: 0.22, color: [251, 191, 36] },
  { x: 86, fill: 0.62, color: [52, 211, 153] },
];
const top = 28;
const bottom = 100;
for (const bar of bars) {
  roundRect(bar.x, top, bar.x + 16, bottom, 6, () => [55, 65, 81]);
  const h = (bottom - top) * bar.fill;
  roundRect(bar.x, bottom - h, bar.x + 16, bottom, 6, () => bar.color);
}
// The limit line the bars must stay under.
roundRect(18, 20, 110, 23, 1.5, () => [248, 113, 113]);

function png(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++)
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(new URL('../media/icon.png', import.meta.url), png(S, S, px));
console.log('wrote media/icon.png');
