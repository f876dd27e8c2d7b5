import { appearanceLayout } from './appearance.js';
import type { Backdrop } from './scenes.js';
import { stageX } from './stage.js';
import { stateLayout } from './tokens.js';

/** Where and how large a figure is drawn, in world pixels (before the camera). */
export interface FigureGeometry {
  /** Horizontal centre. */
  centerX: number;
  /** Feet line. */
  feetY: number;
  /** Standing figure height (head to feet). */
  height: number;
  /** Torso width. */
  width: number;
  /** Head radius (head height is about a seventh of the figure). */
  headRadius: number;
  /** Bounding box x, y, width, height (body with arms and hat, not the umbrella), seated figures lower. */
  box: [number, number, number, number];
}

/** The camera of a frame: zoom about the pan point, as a canvas transform. */
export interface Camera {
  zoom: number;
  /** Horizontal centre of the view, a fraction of the width. */
  pan: number;
}

/** The vertical anchor the camera zooms about (a fraction of the height: near the feet line). */
const ANCHOR_Y = 0.82;

/** Canvas transform of a camera: [a, b, c, d, e, f] for setTransform. */
export function cameraTransform(camera: Camera, width: number, height: number): number[] {
  const { zoom, pan } = camera;
  return [zoom, 0, 0, zoom, width / 2 - zoom * pan * width, ANCHOR_Y * height * (1 - zoom)];
}

/** Lays a figure out on the stage: walked position and depth set place and size; height, build, age shape it. */
export function figureGeometry(
  state: ArrayLike<number>,
  backdrop: Backdrop,
  width: number,
  height: number,
): FigureGeometry {
  const horizon = backdrop.horizon * height;
  const depth = state[stateLayout.depth]!;
  const feetY = horizon + (height - horizon) * (0.3 + 0.6 * depth);
  const age = state[appearanceLayout.age]!;
  const tall =
    height *
    (0.34 + 0.22 * depth) *
    (0.82 + 0.3 * state[appearanceLayout.height]!) *
    (1 - 0.28 * Math.max(0, 1 - age / 0.2));
  const torso = tall * (0.2 + 0.1 * state[appearanceLayout.build]!);
  const headRadius = tall / 14;
  const centerX = stageX(state[stateLayout.walked]!) * width;
  const hat = state[appearanceLayout.hat]! > 0.5 ? headRadius * 0.6 : 0;
  const drop = 0.3 * tall * state[stateLayout.sit]!;
  const boxWidth = torso * 1.5;
  const top = feetY - tall - hat + drop;
  return {
    centerX,
    feetY,
    height: tall,
    width: torso,
    headRadius,
    box: [Math.round(centerX - boxWidth / 2), Math.round(top), Math.round(boxWidth), Math.round(feetY - top)],
  };
}

/** A world-pixel box seen through the camera, clipped to the frame. */
export function cameraBox(
  box: readonly number[],
  transform: readonly number[],
  width: number,
  height: number,
) {
  const [zoom, , , , offsetX, offsetY] = transform as [number, number, number, number, number, number];
  const left = Math.max(0, box[0]! * zoom + offsetX);
  const top = Math.max(0, box[1]! * zoom + offsetY);
  const right = Math.min(width, (box[0]! + box[2]!) * zoom + offsetX);
  const bottom = Math.min(height, (box[1]! + box[3]!) * zoom + offsetY);
  return [
    Math.round(left),
    Math.round(top),
    Math.round(Math.max(0, right - left)),
    Math.round(Math.max(0, bottom - top)),
  ] as [number, number, number, number];
}
