import { type ColourContext, termFit } from './colour-vocabulary.js';
import type { AttributePlace, ExpectedAttribute } from './expected-attributes.js';
import { type BodyPart, type FigureReading, termShare } from './read-figure.js';

/** What a reading shows of one expected attribute. */
export interface AttributeEvidence {
  /** The attribute. */
  attribute: ExpectedAttribute;
  /** Whether the colour there is named with the attribute's colour (for accessories: enough pixels anywhere). */
  shown: boolean;
  /** A graded version of `shown`, 0..1 (naming probability, or accessory share), to rank matches. */
  fit: number;
}

/** Share of a figure's pixels an accessory's colour needs to count as shown. */
const accessoryShare = 0.03;

/** The parts where a place shows; accessories that move about (bag, umbrella) have none. */
export function partsOf(place: AttributePlace): BodyPart[] {
  switch (place) {
    case 'hair':
    case 'headwear':
      return ['hair'];
    case 'top':
    case 'outerwear':
      return ['torso'];
    case 'outfit':
      return ['torso', 'legs'];
    case 'bottom':
      return ['legs'];
    case 'scarf':
      return ['neck'];
    default:
      return [];
  }
}

/**
 * Evidence for each coloured attribute a reading can show. Left out: attributes without a colour, a top under
 * outerwear, hair under headwear, and parts the reading did not see.
 */
export function attributeEvidence(
  reading: FigureReading,
  attributes: readonly ExpectedAttribute[],
): AttributeEvidence[] {
  const places = new Set(attributes.map((attribute) => attribute.place));
  const evidence: AttributeEvidence[] = [];
  for (const attribute of attributes) {
    const { colour, place } = attribute;
    if (colour === undefined) continue;
    if (place === 'top' && places.has('outerwear')) continue;
    if (place === 'hair' && places.has('headwear')) continue;
    const context: ColourContext = place === 'hair' ? 'hair' : 'garment';
    if (place === 'bag' || place === 'umbrella' || place === 'scarf' || place === 'other') {
      const share = termShare(reading, colour, 'garment');
      const neck = place === 'scarf' ? partEvidence(reading, attribute, ['neck'], context) : undefined;
      evidence.push({
        attribute,
        shown: share >= accessoryShare || neck?.shown === true,
        fit: Math.max(Math.min(1, share / (2 * accessoryShare)), neck?.fit ?? 0),
      });
      continue;
    }
    const read = partEvidence(reading, attribute, partsOf(place), context);
    if (read !== undefined) evidence.push(read);
  }
  return evidence;
}

function partEvidence(
  reading: FigureReading,
  attribute: ExpectedAttribute,
  parts: readonly BodyPart[],
  context: ColourContext,
): AttributeEvidence | undefined {
  const seen = parts.map((part) => reading.regions[part]).filter((item) => item !== undefined);
  if (seen.length === 0 || attribute.colour === undefined) return undefined;
  let shown = true;
  let fit = 0;
  for (const part of seen) {
    const named = termFit(part.lab, attribute.colour, context);
    shown &&= named.nearest;
    fit += named.probability;
  }
  return { attribute, shown, fit: fit / seen.length };
}

/** Mean fit of the checkable attributes, 0..1; undefined when none is checkable. */
export function attributeFit(
  reading: FigureReading,
  attributes: readonly ExpectedAttribute[],
): number | undefined {
  const evidence = attributeEvidence(reading, attributes);
  if (evidence.length === 0) return undefined;
  return evidence.reduce((sum, item) => sum + item.fit, 0) / evidence.length;
}
