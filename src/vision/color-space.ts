import type { Rgb } from './css-colors.js';

/** A CIE L*a*b* colour (D65): L 0..100, a and b roughly -128..127. */
export type Lab = readonly [number, number, number];

const linear = new Float64Array(256);
for (let value = 0; value < 256; value++) {
  const c = value / 255;
  linear[value] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** sRGB (0..255) to CIE Lab under D65; Lab distances approximate perceived colour differences. */
export function rgbToLab(rgb: Rgb): Lab {
  const r = linear[Math.max(0, Math.min(255, Math.round(rgb[0])))]!;
  const g = linear[Math.max(0, Math.min(255, Math.round(rgb[1])))]!;
  const b = linear[Math.max(0, Math.min(255, Math.round(rgb[2])))]!;
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const fx = labCurve(x);
  const fy = labCurve(y);
  const fz = labCurve(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** Euclidean distance in Lab (CIE76 delta E): about 2 is barely visible, 50 is a different colour. */
export function labDistance(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

function labCurve(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116;
}
