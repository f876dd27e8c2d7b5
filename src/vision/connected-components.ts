import type { Mask } from './foreground-mask.js';

/** A box in pixels: left, top, width, height. */
export type Box = readonly [number, number, number, number];

/** One 4-connected region of a mask. */
export interface Component {
  /** Bounding box of the region. */
  box: Box;
  /** Number of pixels in the region. */
  area: number;
  /** Foreground pixels per column of the box, left to right (the column profile). */
  columns: number[];
}

/** The 4-connected foreground regions of a mask, in scan order, each with its column profile. */
export function connectedComponents(mask: Mask): Component[] {
  const { width, height, data } = mask;
  const labels = new Int32Array(width * height).fill(-1);
  const components: Component[] = [];
  const stack = new Int32Array(width * height);
  const members = new Int32Array(width * height);
  for (let start = 0; start < data.length; start++) {
    if (data[start] !== 1 || labels[start] !== -1) continue;
    const label = components.length;
    labels[start] = label;
    let top = 0;
    let count = 0;
    stack[top++] = start;
    let left = width;
    let right = -1;
    let upper = height;
    let lower = -1;
    while (top > 0) {
      const pixel = stack[--top]!;
      members[count++] = pixel;
      const x = pixel % width;
      const y = (pixel - x) / width;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < upper) upper = y;
      if (y > lower) lower = y;
      // Four neighbours, each pushed once.
      if (x > 0 && data[pixel - 1] === 1 && labels[pixel - 1] === -1) {
        labels[pixel - 1] = label;
        stack[top++] = pixel - 1;
      }
      if (x < width - 1 && data[pixel + 1] === 1 && labels[pixel + 1] === -1) {
        labels[pixel + 1] = label;
        stack[top++] = pixel + 1;
      }
      if (y > 0 && data[pixel - width] === 1 && labels[pixel - width] === -1) {
        labels[pixel - width] = label;
        stack[top++] = pixel - width;
      }
      if (y < height - 1 && data[pixel + width] === 1 && labels[pixel + width] === -1) {
        labels[pixel + width] = label;
        stack[top++] = pixel + width;
      }
    }
    const columns = new Array<number>(right - left + 1).fill(0);
    for (let index = 0; index < count; index++) columns[(members[index]! % width) - left]! += 1;
    components.push({ box: [left, upper, right - left + 1, lower - upper + 1], area: count, columns });
  }
  return components;
}
