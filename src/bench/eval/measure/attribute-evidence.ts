import { mean } from '../score.js';
import { type ColourContext, termFit } from './colour-vocabulary.js';
import type { AttributePlace, ExpectedAttribute } from './expected-attributes.js';
import {
  type BodyPart,
  type DetailPart,
  type FigureReading,
  type PartColour,
  termShare,
} from './read-figure.js';

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

/** The body parts where each place shows; accessories that move about (bag, umbrella) have none. */
const partsOfPlace: Readonly<Record<AttributePlace, readonly BodyPart[]>> = {
  hair: ['hair'], headwear: ['hair'], top: ['torso'], outerwear: ['torso'], outfit: ['torso', 'legs'],
  bottom: ['legs'], scarf: ['neck'], bag: [], umbrella: [], eyewear: [], other: [],
}; // biome-ignore format: table

/** The body parts where a place shows (none for bags, umbrellas, eyewear and other places). */
export function partsOf(place: AttributePlace): readonly BodyPart[] {
  return partsOfPlace[place];
}

/** Places covered by another place the same look fills: a top under outerwear, hair under headwear. */
const coveredBy: ReadonlyArray<[AttributePlace, AttributePlace]> = [
  ['top', 'outerwear'],
  ['hair', 'headwear'],
];

/** The places an expected look covers with another of its places (its top under its coat, hair under its hat). */
export function coveredPlaces(attributes: readonly ExpectedAttribute[]): Set<AttributePlace> {
  const worn = new Set(attributes.map((attribute) => attribute.place));
  return new Set(coveredBy.filter(([, over]) => worn.has(over)).map(([under]) => under));
}

/** Places whose colour shows anywhere on a figure rather than on one part (a scarf also on the neck). */
const looseItems: ReadonlySet<AttributePlace> = new Set(['bag', 'umbrella', 'scarf']);

/**
 * Evidence for each coloured attribute a reading can show. Left out: attributes without a colour, `other` places
 * (a beard, boots: nothing to read them from), covered places
 * ({@link coveredBy}), and parts the reading did not see.
 */
export function attributeEvidence(
  reading: FigureReading,
  attributes: readonly ExpectedAttribute[],
): AttributeEvidence[] {
  const covered = coveredPlaces(attributes);
  return attributes.flatMap((attribute) => {
    // An `other` place (a beard, boots) has no part to read and no share of the figure to count.
    if (attribute.colour === undefined || attribute.place === 'other' || covered.has(attribute.place))
      return [];
    const found = looseItems.has(attribute.place)
      ? looseEvidence(reading, attribute)
      : partEvidence(
          reading,
          attribute,
          partsOf(attribute.place),
          attribute.place === 'hair' ? 'hair' : 'garment',
        );
    return found === undefined ? [] : [found];
  });
}

/** A loose item is shown when enough of the figure's pixels have its colour (a scarf: or its neck does). */
function looseEvidence(reading: FigureReading, attribute: ExpectedAttribute): AttributeEvidence {
  const share = termShare(reading, attribute.colour!, 'garment');
  const neck =
    attribute.place === 'scarf' ? partEvidence(reading, attribute, ['neck'], 'garment') : undefined;
  return {
    attribute,
    shown: share >= accessoryShare || neck?.shown === true,
    fit: Math.max(Math.min(1, share / (2 * accessoryShare)), neck?.fit ?? 0),
  };
}

/**
 * Places that share their part with another garment, and the detail read where they still show: a top between
 * the sides of an open coat, the coat at the torso's sides, a hat's crown above the hair. Such a place is shown when its part or its detail is
 * named with its colour (the prompt's "beige shirt" is there, under a coat it did not mention; its "yellow
 * raincoat" is there, open over a shirt).
 */
const detailOfPlace: Partial<Record<AttributePlace, DetailPart>> = {
  top: 'chest',
  outerwear: 'flanks',
  headwear: 'crown',
};

function partEvidence(
  reading: FigureReading,
  attribute: ExpectedAttribute,
  parts: readonly BodyPart[],
  context: ColourContext,
): AttributeEvidence | undefined {
  const seen = parts.map((part) => reading.regions[part]).filter((item) => item !== undefined);
  if (seen.length === 0 || attribute.colour === undefined) return undefined;
  const colour = attribute.colour;
  const detailName = detailOfPlace[attribute.place];
  const detail = detailName === undefined ? undefined : reading.details[detailName];
  let shown = true;
  let fit = 0;
  for (const part of seen) {
    const reads: PartColour[] = detail === undefined ? [part] : [part, detail];
    const named = reads.map((read) => termFit(read.lab, colour, context));
    shown &&= named.some((item) => item.nearest);
    fit += Math.max(...named.map((item) => item.probability));
  }
  return { attribute, shown, fit: fit / seen.length };
}

/** Mean fit of the checkable attributes, 0..1; undefined when none is checkable. */
export function attributeFit(
  reading: FigureReading,
  attributes: readonly ExpectedAttribute[],
): number | undefined {
  return mean(attributeEvidence(reading, attributes).map((item) => item.fit));
}

/** Share of the checkable attributes a reading shows, 0..1; undefined when none is checkable. */
export function shownShare(
  reading: FigureReading,
  attributes: readonly ExpectedAttribute[],
): number | undefined {
  const checks = attributeEvidence(reading, attributes);
  return checks.length === 0 ? undefined : checks.filter((check) => check.shown).length / checks.length;
}
