/** Left and right edges of the stage figures walk on (fractions of the frame width). */
export const STAGE = { left: 0.08, right: 0.92 } as const;

/**
 * Folds the walked position u into the stage: walking on past an edge comes back the other way (a triangle wave),
 * so a walker turns at the edges.
 */
export function stageX(walked: number): number {
  const span = STAGE.right - STAGE.left;
  const period = 2 * span;
  const phase = (((walked - STAGE.left) % period) + period) % period;
  return STAGE.right - Math.abs(phase - span);
}

/** Walking direction on screen for a walked position and speed: +1 right, -1 left, 0 standing. */
export function screenDirection(walked: number, speed: number): number {
  const span = STAGE.right - STAGE.left;
  const period = 2 * span;
  const phase = (((walked - STAGE.left) % period) + period) % period;
  return Math.sign(span - phase) * Math.sign(speed);
}
