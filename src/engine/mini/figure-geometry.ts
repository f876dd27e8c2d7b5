import { appearanceLayout } from './appearance.js';
import type { Backdrop } from './scenes.js';
import type { FigureToken } from './tokens.js';

/** Where and how large a figure is drawn, in pixels. */
export interface FigureGeometry {
  /** Horizontal centre. */
  centerX: number;
  /** Feet line. */
  feetY: number;
  /** Figure height (head to feet). */
  height: number;
  /** Torso width. */
  width: number;
  /** Head radius (head height is about a seventh of the figure). */
  headRadius: number;
  /** Bounding box x, y, width, height (body with arms and hat, not the umbrella). */
  box: [number, number, number, number];
}

/** Lays a figure out on a frame: depth sets the feet line and size; height, build and age shape it. */
export function figureGeometry(
  figure: FigureToken,
  backdrop: Backdrop,
  width: number,
  height: number,
): FigureGeometry {
  const look = figure.appearance;
  const horizon = backdrop.horizon * height;
  const feetY = horizon + (height - horizon) * (0.3 + 0.6 * figure.depth);
  let tall = height * (0.34 + 0.22 * figure.depth) * (0.82 + 0.3 * look[appearanceLayout.height]!);
  if (look[appearanceLayout.age]! < 0.2) tall *= 0.72;
  const torso = tall * (0.2 + 0.1 * look[appearanceLayout.build]!);
  const headRadius = tall / 14;
  const centerX = figure.x * width;
  const hat = look[appearanceLayout.hat]! > 0.5 ? headRadius * 0.6 : 0;
  const boxWidth = torso * 1.5;
  const top = feetY - tall - hat;
  return {
    centerX,
    feetY,
    height: tall,
    width: torso,
    headRadius,
    box: [Math.round(centerX - boxWidth / 2), Math.round(top), Math.round(boxWidth), Math.round(feetY - top)],
  };
}
