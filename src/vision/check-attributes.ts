import { colorFitMargin, colorWordDistance, colorWordFits, nearestKeywordDistance } from './color-words.js';
import { cssColorByName } from './css-colors.js';
import type { FigureDescription, RegionName } from './describe-figure.js';
import { hairColorDistance, nameHairColor } from './hair-colors.js';
import type { AttributeSlot, ParsedAttribute } from './parse-attribute.js';

/** The outcome of checking one expected attribute against a figure's pixels. */
export interface AttributeCheck {
  /** The attribute checked. */
  attribute: ParsedAttribute;
  /**
   * Whether the colour read there fits the expected colour word (CIEDE2000 within `colorFitMargin` of the best CSS
   * keyword; for hair, the nearest hair term), or, for accessories, shows on the figure.
   */
  matched: boolean;
  /**
   * A soft version of `matched`, 0..1: `1 - min(1, excess / 15)`, the excess being how much farther (CIEDE2000)
   * the expected word is than the best-fitting name; ranks candidate matches.
   */
  score: number;
}

/** Share of a figure's pixels an accessory colour needs to count as present. */
const accessoryShare = 0.03;

/** Which region shows each slot; accessories (`bag`, `umbrella`, `scarf`) are looked for anywhere. */
export function regionsOf(slot: AttributeSlot, fullBody = false): RegionName[] {
  switch (slot) {
    case 'hair':
    case 'hat':
      return ['hair'];
    case 'top':
      return fullBody ? ['torso', 'legs'] : ['torso'];
    case 'outerwear':
      return ['torso'];
    case 'bottom':
      return ['legs'];
    case 'scarf':
      return ['neck'];
    default:
      return [];
  }
}

/**
 * Checks each coloured attribute of a look against a figure. An attribute hidden by another is skipped (a top
 * under outerwear, hair under a hat); attributes without a colour or a place (glasses, build) are not checkable
 * from colour and are left out.
 */
export function checkAttributes(
  description: FigureDescription,
  look: readonly ParsedAttribute[],
): AttributeCheck[] {
  const slots = new Set(look.map((item) => item.slot));
  const checks: AttributeCheck[] = [];
  for (const attribute of look) {
    if (attribute.color === undefined) continue;
    if (attribute.slot === 'top' && slots.has('outerwear') && !attribute.fullBody) continue;
    if (attribute.slot === 'hair' && slots.has('hat')) continue;
    if (attribute.slot === 'bag' || attribute.slot === 'umbrella' || attribute.slot === 'scarf') {
      const share = colorShare(description, attribute.color);
      const inBand = attribute.slot === 'scarf' ? regionCheck(description, attribute, ['neck']) : undefined;
      const matched = share >= accessoryShare || inBand?.matched === true;
      checks.push({
        attribute,
        matched,
        score: Math.max(Math.min(1, share / (2 * accessoryShare)), inBand?.score ?? 0),
      });
      continue;
    }
    const check = regionCheck(description, attribute, regionsOf(attribute.slot, attribute.fullBody === true));
    if (check !== undefined) checks.push(check);
  }
  return checks;
}

/** Mean soft score of the checkable attributes, 0..1, or undefined when none is checkable. */
export function lookFit(
  description: FigureDescription,
  look: readonly ParsedAttribute[],
): number | undefined {
  const checks = checkAttributes(description, look);
  if (checks.length === 0) return undefined;
  return checks.reduce((sum, check) => sum + check.score, 0) / checks.length;
}

function regionCheck(
  description: FigureDescription,
  attribute: ParsedAttribute,
  regions: readonly RegionName[],
): AttributeCheck | undefined {
  const read = regions.map((region) => description.regions[region]).filter((item) => item !== undefined);
  if (read.length === 0 || attribute.color === undefined) return undefined;
  let matched = true;
  let score = 0;
  for (const region of read) {
    const hair = attribute.hairColor;
    const excess =
      hair !== undefined
        ? hairColorDistance(hair, region.rgb) - hairColorDistance(nameHairColor(region.rgb), region.rgb)
        : colorWordDistance(attribute.color, region.rgb) - nearestKeywordDistance(region.rgb);
    matched &&=
      hair !== undefined ? nameHairColor(region.rgb) === hair : colorWordFits(attribute.color, region.rgb);
    score += 1 - Math.min(1, Math.max(0, excess) / softScale);
  }
  return { attribute, matched, score: score / read.length };
}

/** CIEDE2000 excess over the best-fitting name at which the soft score reaches 0 (three fit margins). */
const softScale = 3 * colorFitMargin;

/** Share of a figure's pixels whose nearest CSS keyword fits a colour word. */
function colorShare(description: FigureDescription, word: string): number {
  let share = 0;
  for (const [name, value] of Object.entries(description.colorShares)) {
    const keyword = cssColorByName.get(name);
    if (keyword !== undefined && value !== undefined && colorWordFits(word, keyword.rgb)) share += value;
  }
  return share;
}
