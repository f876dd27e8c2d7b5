import { converter, differenceCiede2000 } from 'culori';

/** A CIE L*a*b* colour under D65 (culori's `lab65`): L 0..100, a and b about -128..127. */
export type Lab = readonly [number, number, number];

const toLab65 = converter('lab65');
const ciede2000 = differenceCiede2000();

/** Bits kept per RGB channel by the lookup table of {@link labOfPixel} (15-bit table, 32768 entries). */
const tableBits = 5;
let table: Float32Array | undefined;

/** sRGB (0..255 per channel) to CIELAB D65, through culori. */
export function labOf(red: number, green: number, blue: number): Lab {
  const lab = toLab65({ mode: 'rgb', r: red / 255, g: green / 255, b: blue / 255 });
  return [lab.l, lab.a, lab.b];
}

/**
 * The Lab colour of an 8-bit pixel, read from a 15-bit table built once from {@link labOf} (the centre of each
 * 8x8x8 RGB cell: at most about 2 CIE76 units off, far below the thresholds the measurements use).
 */
export function labOfPixel(red: number, green: number, blue: number): Lab {
  const index = pixelBin(red, green, blue) * 3;
  const values = labTable();
  return [values[index]!, values[index + 1]!, values[index + 2]!];
}

/** The 15-bit cell of an 8-bit RGB pixel (5 bits per channel). */
export function pixelBin(red: number, green: number, blue: number): number {
  return ((red >> 3) << 10) | ((green >> 3) << 5) | (blue >> 3);
}

/** The Lab table indexed by {@link pixelBin} (3 floats per cell). */
export function labTable(): Float32Array {
  if (table !== undefined) return table;
  const size = 1 << (3 * tableBits);
  const values = new Float32Array(size * 3);
  const step = 1 << (8 - tableBits);
  for (let bin = 0; bin < size; bin++) {
    const lab = labOf(
      ((bin >> 10) & 31) * step + step / 2,
      ((bin >> 5) & 31) * step + step / 2,
      (bin & 31) * step + step / 2,
    );
    values.set(lab, bin * 3);
  }
  table = values;
  return values;
}

/** CIEDE2000 colour difference (culori): about 1 is a just noticeable difference, 30+ a different colour. */
export function deltaE2000(a: Lab, b: Lab): number {
  return ciede2000(
    { mode: 'lab65', l: a[0], a: a[1], b: a[2] },
    { mode: 'lab65', l: b[0], a: b[1], b: b[2] },
  );
}
