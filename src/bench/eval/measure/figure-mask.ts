/** A binary image, 1 = figure, row-major. */
export interface Mask {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** 0 or 1 per pixel. */
  data: Uint8Array;
}

/** A box in pixels: left, top, width, height. */
export type Box = readonly [number, number, number, number];
