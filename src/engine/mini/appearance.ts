import { colorNames, hairColorNames, nearestColorName, type Rgb } from '../../frame/color-names.js';
import { gaussian, type Uniform } from './random.js';

/**
 * Layout of a figure token's appearance vector. Every entry lies in [0, 1]; colours are RGB / 255; a presence
 * entry is 1 when the item is worn (the decoder draws it above 0.5).
 *
 * | index | meaning |
 * |-------|---------|
 * | 0-2   | hair colour RGB |
 * | 3     | hair style: HAIR_STYLES[floor(v * 6)] |
 * | 4     | beard presence (drawn in hair colour) |
 * | 5     | skin tone, light (0) to dark (1) |
 * | 6-8   | top colour RGB |
 * | 9-11  | bottom colour RGB |
 * | 12    | outerwear presence, 13-15 its colour |
 * | 16    | hat presence, 17-19 its colour |
 * | 20    | glasses presence |
 * | 21    | scarf presence, 22-24 its colour |
 * | 25    | bag presence, 26-28 its colour |
 * | 29    | umbrella presence, 30-32 its colour |
 * | 33-35 | shoes colour RGB |
 * | 36    | height, short (0) to tall (1) |
 * | 37    | build, slender (0) to broad (1) |
 * | 38    | age, child (0) to old (1) |
 */
export const appearanceLayout = {
  hair: 0,
  hairStyle: 3,
  beard: 4,
  skin: 5,
  top: 6,
  bottom: 9,
  outerwear: 12,
  hat: 16,
  glasses: 20,
  scarf: 21,
  bag: 25,
  umbrella: 29,
  shoes: 33,
  height: 36,
  build: 37,
  age: 38,
} as const;

/** Length of an appearance vector. */
export const APPEARANCE_SIZE = 39;

/** Hair styles in the order of the hair-style entry. */
export const HAIR_STYLES = ['short', 'long', 'curly', 'ponytail', 'bun', 'cropped'] as const;

/** Items that have a presence entry followed by an RGB colour. */
export const COLOURED_ITEMS = ['outerwear', 'hat', 'scarf', 'bag', 'umbrella'] as const;

/** A figure's look in words, as the evaluator's oracle compares it with annotations. */
export interface NamedAppearance {
  /** Hair colour name from the palette's hair colours (`red`, `blonde`, ...). */
  hairColor: string;
  /** Hair style (`short`, `long`, `curly`, `ponytail`, `bun`, `cropped`). */
  hairStyle: string;
  /** Whether a beard is drawn. */
  beard: boolean;
  /** Colour name of the top. */
  top: string;
  /** Colour name of the trousers or skirt. */
  bottom: string;
  /** Colour name of shoes. */
  shoes: string;
  /** Colour name of each worn coloured item (outerwear, hat, scarf, bag, umbrella); absent when not worn. */
  items: Partial<Record<(typeof COLOURED_ITEMS)[number], string>>;
  /** Whether glasses are drawn. */
  glasses: boolean;
  /** Height, build and age in [0, 1]. */
  body: { height: number; build: number; age: number };
}

/** The RGB (0..255) stored at `offset` of an appearance vector. */
export function appearanceRgb(appearance: ArrayLike<number>, offset: number): Rgb {
  return [
    Math.round(appearance[offset]! * 255),
    Math.round(appearance[offset + 1]! * 255),
    Math.round(appearance[offset + 2]! * 255),
  ];
}

/** The RGB (0..255) the decoder draws skin with, from the skin-tone entry: light (0) to dark (1). */
export function skinRgb(tone: number): Rgb {
  const mix = (light: number, dark: number) => Math.round(light + (dark - light) * tone);
  return [mix(241, 95), mix(213, 60), mix(182, 40)];
}

/**
 * Maps an appearance vector back to named attributes with the shared palette, for the evaluator's oracle.
 *
 * @example
 * describeAppearance(record.figures[0].appearance).items.outerwear // 'yellow'
 */
export function describeAppearance(appearance: ArrayLike<number>): NamedAppearance {
  const items: NamedAppearance['items'] = {};
  for (const item of COLOURED_ITEMS) {
    const offset = appearanceLayout[item];
    if (appearance[offset]! > 0.5) items[item] = nearestColorName(appearanceRgb(appearance, offset + 1));
  }
  const styleIndex = Math.min(
    HAIR_STYLES.length - 1,
    Math.floor(appearance[appearanceLayout.hairStyle]! * 6),
  );
  return {
    hairColor: nearestColorName(appearanceRgb(appearance, appearanceLayout.hair), hairColorNames),
    hairStyle: HAIR_STYLES[Math.max(0, styleIndex)]!,
    beard: appearance[appearanceLayout.beard]! > 0.5,
    top: nearestColorName(appearanceRgb(appearance, appearanceLayout.top)),
    bottom: nearestColorName(appearanceRgb(appearance, appearanceLayout.bottom)),
    shoes: nearestColorName(appearanceRgb(appearance, appearanceLayout.shoes)),
    items,
    glasses: appearance[appearanceLayout.glasses]! > 0.5,
    body: {
      height: appearance[appearanceLayout.height]!,
      build: appearance[appearanceLayout.build]!,
      age: appearance[appearanceLayout.age]!,
    },
  };
}

/** Root-mean-square difference of two appearance vectors (0 = identical, about 0.4 = unrelated looks). */
export function appearanceDistance(first: ArrayLike<number>, second: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < APPEARANCE_SIZE; index++) {
    const difference = first[index]! - second[index]!;
    sum += difference * difference;
  }
  return Math.sqrt(sum / APPEARANCE_SIZE);
}

/** Writes a palette colour into an appearance vector at `offset`. */
export function writeRgb(target: Float32Array, offset: number, rgb: Rgb): void {
  target[offset] = rgb[0] / 255;
  target[offset + 1] = rgb[1] / 255;
  target[offset + 2] = rgb[2] / 255;
}

const clothing = Object.values(colorNames) as Rgb[];
const hair = Object.values(hairColorNames) as Rgb[];

/** A fresh, plausible look sampled from a seeded stream: what the null key contributes. */
export function sampleAppearance(uniform: Uniform): Float32Array {
  const look = new Float32Array(APPEARANCE_SIZE);
  const pick = (list: Rgb[]) => list[Math.floor(uniform() * list.length)]!;
  const jitter = (offset: number) => {
    for (let channel = 0; channel < 3; channel++) {
      look[offset + channel] = clamp01(look[offset + channel]! + 0.03 * gaussian(uniform));
    }
  };
  writeRgb(look, appearanceLayout.hair, pick(hair));
  jitter(appearanceLayout.hair);
  look[appearanceLayout.hairStyle] = (Math.floor(uniform() * 6) + 0.5) / 6;
  look[appearanceLayout.beard] = uniform() < 0.15 ? 1 : 0;
  look[appearanceLayout.skin] = 0.1 + 0.8 * uniform();
  for (const offset of [appearanceLayout.top, appearanceLayout.bottom, appearanceLayout.shoes]) {
    writeRgb(look, offset, pick(clothing));
    jitter(offset);
  }
  const chances = { outerwear: 0.35, hat: 0.2, scarf: 0.15, bag: 0.2, umbrella: 0.05 } as const;
  for (const item of COLOURED_ITEMS) {
    const offset = appearanceLayout[item];
    look[offset] = uniform() < chances[item] ? 1 : 0;
    writeRgb(look, offset + 1, pick(clothing));
  }
  look[appearanceLayout.glasses] = uniform() < 0.2 ? 1 : 0;
  look[appearanceLayout.height] = 0.3 + 0.4 * uniform();
  look[appearanceLayout.build] = 0.3 + 0.4 * uniform();
  look[appearanceLayout.age] = 0.3 + 0.4 * uniform();
  return look;
}

/** Clamps to [0, 1]. */
export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
