import type { SKRSContext2D } from '@napi-rs/canvas';
import { appearanceLayout, appearanceRgb, HAIR_STYLES, skinRgb } from './appearance.js';
import type { FigureGeometry } from './figure-geometry.js';
import { stateLayout } from './tokens.js';

type Look = ArrayLike<number>;

const css = (look: Look, offset: number) => {
  const [red, green, blue] = appearanceRgb(look, offset);
  return `rgb(${red},${green},${blue})`;
};

/** Skin colour from the skin-tone entry: light to dark. */
function skinColour(tone: number): string {
  const [red, green, blue] = skinRgb(tone);
  return `rgb(${red},${green},${blue})`;
}

/**
 * Draws one figure: hair, head, clothing, accessories; legs and arms swing by `phase` (scaled by speed), a seated
 * figure is lowered with its thighs forward, and `facing` (-1 left, 1 right, 0 front) turns bag, hair and nose.
 */
export function drawFigure(
  context: SKRSContext2D,
  look: Look,
  geometry: FigureGeometry,
  phase: number,
  facing: number,
): void {
  const { centerX: x, feetY, height, width, headRadius: r } = geometry;
  const has = (entry: number) => look[entry]! > 0.5;
  const sit = look[stateLayout.sit]!;
  const stride = Math.min(1, Math.abs(look[stateLayout.speed]!) / 0.01);
  const swing = Math.sin(2 * Math.PI * phase) * height * 0.05 * stride * (1 - sit);
  const drop = 0.3 * height * sit;
  const hipY = feetY - height * 0.45 + drop;
  const shoulderY = feetY - height + 2.1 * r + drop;
  const headY = feetY - height + r + drop;
  const side = facing === 0 ? 1 : -facing;
  const hair = css(look, appearanceLayout.hair);
  const style = HAIR_STYLES[Math.min(5, Math.floor(look[appearanceLayout.hairStyle]! * 6))]!;
  const outer = has(appearanceLayout.outerwear);
  const sleeve = outer ? css(look, appearanceLayout.outerwear + 1) : css(look, appearanceLayout.top);

  if (style === 'long') {
    context.fillStyle = hair;
    context.fillRect(x - r * 1.15, headY - r * 0.4, r * 2.3, r * 2.8);
  }
  // legs and shoes (a seated figure's thighs point forward)
  context.fillStyle = css(look, appearanceLayout.bottom);
  const legWidth = width * 0.36;
  const thigh = sit * height * 0.22 * (facing === 0 ? 0 : facing);
  context.fillRect(
    Math.min(x - width * 0.42, x - width * 0.42 + thigh),
    hipY - legWidth * sit,
    width * 0.84 + Math.abs(thigh),
    legWidth * sit,
  );
  context.fillRect(x - width * 0.42 + swing + thigh, hipY, legWidth, feetY - hipY);
  context.fillRect(x + width * 0.06 - swing + thigh, hipY, legWidth, feetY - hipY);
  context.fillStyle = css(look, appearanceLayout.shoes);
  context.fillRect(x - width * 0.46 + swing + thigh, feetY - r * 0.5, legWidth * 1.2, r * 0.5);
  context.fillRect(x + width * 0.02 - swing + thigh, feetY - r * 0.5, legWidth * 1.2, r * 0.5);
  // arms behind the torso
  context.fillStyle = sleeve;
  context.fillRect(x - width * 0.72, shoulderY + swing * 0.4, width * 0.24, height * 0.36);
  context.fillRect(x + width * 0.48, shoulderY - swing * 0.4, width * 0.24, height * 0.36);
  // torso
  context.fillStyle = css(look, appearanceLayout.top);
  context.fillRect(x - width / 2, shoulderY, width, hipY - shoulderY + height * 0.04);
  if (outer) {
    context.fillStyle = css(look, appearanceLayout.outerwear + 1);
    const coatBottom = hipY + height * 0.14;
    context.fillRect(x - width / 2 - 1, shoulderY, width * 0.34, coatBottom - shoulderY);
    context.fillRect(x + width * 0.16 + 1, shoulderY, width * 0.34, coatBottom - shoulderY);
  }
  if (has(appearanceLayout.bag)) {
    context.fillStyle = css(look, appearanceLayout.bag + 1);
    const bagX = side > 0 ? x + width * 0.5 : x - width * 0.92;
    context.fillRect(bagX, hipY - height * 0.08, width * 0.42, height * 0.13);
  }
  if (has(appearanceLayout.scarf)) {
    context.fillStyle = css(look, appearanceLayout.scarf + 1);
    context.fillRect(x - width * 0.42, shoulderY - r * 0.2, width * 0.84, r * 0.6);
    context.fillRect(x + width * 0.12, shoulderY, width * 0.2, height * 0.16);
  }
  // head
  context.fillStyle = skinColour(look[appearanceLayout.skin]!);
  context.beginPath();
  context.arc(x, headY, r, 0, 2 * Math.PI);
  context.fill();
  drawHair(context, style, hair, x, headY, r, side);
  if (facing !== 0) {
    context.fillStyle = skinColour(look[appearanceLayout.skin]!);
    context.fillRect(x + facing * r * 0.85, headY - r * 0.05, r * 0.35 * facing, r * 0.3);
  }
  if (has(appearanceLayout.beard)) {
    context.fillStyle = hair;
    context.beginPath();
    context.arc(x, headY + r * 0.15, r * 0.85, 0.1 * Math.PI, 0.9 * Math.PI);
    context.fill();
  }
  if (has(appearanceLayout.glasses)) {
    context.fillStyle = 'rgb(20,20,24)';
    context.fillRect(x - r * 0.75, headY - r * 0.15, r * 1.5, Math.max(1, r * 0.3));
  }
  if (has(appearanceLayout.hat)) {
    context.fillStyle = css(look, appearanceLayout.hat + 1);
    context.fillRect(x - r * 1.3, headY - r * 0.75, r * 2.6, r * 0.35);
    context.fillRect(x - r * 0.85, headY - r * 1.6, r * 1.7, r * 0.95);
  }
  if (has(appearanceLayout.umbrella)) {
    context.fillStyle = 'rgb(40,40,40)';
    context.fillRect(x + width * 0.6, headY - r * 2.2, Math.max(1, r * 0.15), height * 0.5);
    context.fillStyle = css(look, appearanceLayout.umbrella + 1);
    context.beginPath();
    context.arc(x + width * 0.6, headY - r * 1.8, r * 2.6, Math.PI, 2 * Math.PI);
    context.fill();
  }
}

function drawHair(
  context: SKRSContext2D,
  style: string,
  colour: string,
  x: number,
  y: number,
  r: number,
  side: number,
): void {
  context.fillStyle = colour;
  context.beginPath();
  if (style === 'cropped') {
    context.arc(x, y, r * 1.02, 1.15 * Math.PI, 1.85 * Math.PI);
    context.fill();
    return;
  }
  context.arc(x, y - r * 0.05, r * 1.1, Math.PI, 2 * Math.PI);
  context.fill();
  if (style === 'curly') {
    for (const angle of [0.9, 1.2, 1.5, 1.8, 2.1]) {
      context.beginPath();
      context.arc(
        x + Math.cos(angle * Math.PI) * r,
        y + Math.sin(angle * Math.PI) * r,
        r * 0.4,
        0,
        2 * Math.PI,
      );
      context.fill();
    }
  } else if (style === 'ponytail') {
    context.fillRect(x + side * r * 0.8 - (side < 0 ? r * 0.5 : 0), y - r * 0.3, r * 0.5, r * 1.6);
  } else if (style === 'bun') {
    context.beginPath();
    context.arc(x, y - r * 1.15, r * 0.45, 0, 2 * Math.PI);
    context.fill();
  }
}
