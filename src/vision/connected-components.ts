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
  const stack: number[] = [];
  const members: number[] = [];
  for (let start = 0; start < data.length; start++) {
    if (data[start] !== 1 || labels[start] !== -1) continue;
    const label = components.length;
    labels[start] = label;
    stack.push(start);
    members.length = 0;
    let left = width;
    let right = -1;
    let top = height;
    let bottom = -1;
    while (stack.length > 0) {
      const pixel = stack.pop()!;
      members.push(pixel);
      const x = pixel % width;
      const y = (pixel - x) / width;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
      if (x > 0) visit(pixel - 1);
      if (x < width - 1) visit(pixel + 1);
      if (y > 0) visit(pixel - width);
      if (y < height - 1) visit(pixel + width);
    }
    const columns = new Array<number>(right - left + 1).fill(0);
    for (const pixel of members) columns[(pixel % width) - left]! += 1;
    components.push({ box: [left, top, right - left + 1, bottom - top + 1], area: members.length, columns });

    function visit(next: number): void {
      if (data[next] === 1 && labels[next] === -1) {
        labels[next] = label;
        stack.push(next);
      }
    }
  }
  return components;
}
