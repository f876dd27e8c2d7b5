import type { RenderRecordEntry } from '../../engine/engine.js';
import { appearanceLayout, appearanceRgb, skinRgb } from '../../engine/mini/appearance.js';
import type { ScriptAnnotations } from '../../script/script.js';
import type { Timeline } from '../../script/timeline.js';
import { lookSimilarity, swapMargin } from './identity-metrics.js';
import { coveredPlaces } from './measure/attribute-evidence.js';
import { termFit } from './measure/colour-vocabulary.js';
import { type AttributePlace, attributesAt, type ExpectedAttribute } from './measure/expected-attributes.js';
import type { Box } from './measure/figure-mask.js';
import { labOf, pixelBin } from './measure/lab-colour.js';
import { type FigureReading, poolReadings } from './measure/read-figure.js';
import { sampleIndices, segmentSpans } from './sample-frames.js';
import { mean, round } from './score.js';

/** Identity metrics computed from the miniature engine's render record, to check the pixel metrics. */
export interface OracleReport {
  /** Same names and meaning as the pixel metrics, from drawn appearance vectors and bound mentions, 0..100. */
  metrics: Partial<
    Record<
      'adjacentConsistency' | 'longRangeConsistency' | 'duplication' | 'identitySwaps' | 'entityGrounding',
      number
    >
  >;
  /** Drawn figures at the sampled frames whose mention named no annotated character (or several). */
  unmapped: number;
  /** Drawn figures at the sampled frames (mapped or not). */
  figures: number;
  /**
   * (Sampled frame, character on screen) pairs left out of grounding: no figure mapped to the character, but an
   * unmapped figure's mention could be theirs ("old man" with two old men on screen).
   */
  unsure: number;
}

/**
 * The character a figure's bound mention refers to: an alias equal to the mention, else the longest alias the
 * mention contains as words (case-insensitive, leading articles left out), else the one alias that contains the
 * mention; the characters on screen are tried first (all three ways), then every character (the first two).
 * Undefined when nothing fits or two characters fit equally well.
 */
export function characterOfMention(
  mention: string | null,
  annotations: ScriptAnnotations,
  present: readonly string[],
): string | undefined {
  if (mention === null) return undefined;
  const text = ` ${mention
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .trim()} `;
  const keys = Object.keys(annotations.characters);
  for (const pool of [present, keys]) {
    let best: { key: string; length: number } | undefined;
    let tie = false;
    for (const key of pool) {
      for (const alias of annotations.characters[key]?.aliases ?? []) {
        // Articles are left out on both sides: the engine binds "photographer" for the alias "the photographer".
        const needle = withoutArticle(alias.toLowerCase().trim());
        const score =
          withoutArticle(text.trim()) === needle ? 1000 : text.includes(` ${needle} `) ? needle.length : 0;
        if (score === 0) continue;
        if (best === undefined || score > best.length) {
          best = { key, length: score };
          tie = false;
        } else if (score === best.length && key !== best.key) tie = true;
      }
    }
    if (best !== undefined && !tie) return best.key;
    if (tie) return undefined;
    if (pool === present) {
      // The engine may bind a shorter phrase than every alias ("old man" for "the other old man"): then the one
      // character on screen with an alias that contains the mention as words; several is a tie.
      const bare = ` ${withoutArticle(text.trim())} `;
      const within = present.filter((key) =>
        aliasesOf(annotations, key).some((alias) => alias.includes(bare)),
      );
      if (within.length > 0) return within.length === 1 ? within[0] : undefined;
    }
  }
  return undefined;
}

/**
 * The characters on screen a mention could refer to: an alias of theirs contains the mention or is contained in
 * it, as words. An unmapped figure whose mention could be a character leaves the oracle unsure about that
 * character in that frame.
 */
export function possibleCharacters(
  mention: string | null,
  annotations: ScriptAnnotations,
  present: readonly string[],
): string[] {
  if (mention === null) return [];
  const text = ` ${withoutArticle(normalise(mention))} `;
  return present.filter((key) =>
    aliasesOf(annotations, key).some((alias) => alias.includes(text) || text.includes(alias)),
  );
}

function normalise(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .trim();
}

/** A character's aliases, lower-cased, articles left out, padded with spaces for whole-word search. */
function aliasesOf(annotations: ScriptAnnotations, key: string): string[] {
  return (annotations.characters[key]?.aliases ?? []).map((alias) => ` ${withoutArticle(normalise(alias))} `);
}

function withoutArticle(phrase: string): string {
  return phrase.replace(/^(a|an|the) +/, '');
}

/**
 * Where each place's colour is drawn in the appearance vector, and its presence entry for items that may not be
 * worn; places without an entry (eyewear, other) have no drawn colour. An outfit is its top and its bottom.
 */
const drawnAt: Partial<Record<AttributePlace, { colour: number; worn?: number }>> = {
  hair: { colour: appearanceLayout.hair },
  top: { colour: appearanceLayout.top },
  bottom: { colour: appearanceLayout.bottom },
  headwear: { worn: appearanceLayout.hat, colour: appearanceLayout.hat + 1 },
  outerwear: { worn: appearanceLayout.outerwear, colour: appearanceLayout.outerwear + 1 },
  scarf: { worn: appearanceLayout.scarf, colour: appearanceLayout.scarf + 1 },
  bag: { worn: appearanceLayout.bag, colour: appearanceLayout.bag + 1 },
  umbrella: { worn: appearanceLayout.umbrella, colour: appearanceLayout.umbrella + 1 },
};

/**
 * Whether a drawn look shows an expected colour attribute, named as the pixel metric names colours: the stated
 * colour is the nearest term of the evaluator's vocabulary to the drawn colour (an item not worn does not show).
 * Undefined for attributes without a colour or a drawn place.
 */
function drawnShows(vector: readonly number[], attribute: ExpectedAttribute): boolean | undefined {
  const colour = attribute.colour;
  const places: AttributePlace[] = attribute.place === 'outfit' ? ['top', 'bottom'] : [attribute.place];
  if (colour === undefined || places.some((place) => drawnAt[place] === undefined)) return undefined;
  const context = attribute.place === 'hair' ? 'hair' : 'garment';
  return places.every((place) => {
    const { colour: offset, worn } = drawnAt[place]!;
    if (worn !== undefined && vector[worn]! <= 0.5) return false;
    return termFit(labOf(...appearanceRgb(vector, offset)), colour, context).nearest;
  });
}

/**
 * Oracle identity metrics of a miniature-engine run: figures mapped to characters through their bound
 * mentions, consistency from appearance vectors, attributes from the drawn colours, at the same sampled frames
 * as the pixel metrics.
 */
export function evaluateRenderRecord(
  records: readonly RenderRecordEntry[],
  timeline: Timeline,
  annotations: ScriptAnnotations,
): OracleReport {
  const grounding: number[] = [];
  const duplication: number[] = [];
  const swaps: number[] = [];
  const looks = new Map<number, Map<string, FigureReading[]>>();
  let unmapped = 0;
  let figures = 0;
  let unsure = 0;
  for (const span of segmentSpans(timeline, records.length)) {
    const index = span.segment.index;
    const present = annotations.present[index] ?? [];
    const expected = new Map(
      Object.keys(annotations.characters).map((key) => [
        key,
        attributesAt(annotations.characters[key]!, index),
      ]),
    );
    const perSegment = new Map<string, FigureReading[]>();
    for (const frame of sampleIndices(span)) {
      const entry = records[frame];
      if (entry === undefined) continue;
      duplication.push(
        100 * (entry.figures.length <= present.length ? 1 : present.length / entry.figures.length),
      );
      figures += entry.figures.length;
      // Each mapped character's figure, as the share of the character's attributes it shows.
      const mapped = new Map<string, { share: number | undefined }>();
      const unsureOf = new Set<string>();
      for (const figure of entry.figures) {
        const key = characterOfMention(figure.mention, annotations, present);
        if (key === undefined || mapped.has(key)) {
          unmapped++;
          for (const other of possibleCharacters(figure.mention, annotations, present)) unsureOf.add(other);
          continue;
        }
        // A character the script does not put on screen here is a duplicate for the oracle as for the pixel
        // metrics (which match figures to the characters on screen only): no look to compare, no swap to count.
        if (!present.includes(key)) continue;
        const own = attributeShare(figure.appearance, expected.get(key)!);
        mapped.set(key, { share: own });
        perSegment.set(key, [...(perSegment.get(key) ?? []), drawnReading(figure.appearance)]);
        const others = [...expected]
          .filter(([other]) => other !== key)
          .map(([, look]) => attributeShare(figure.appearance, look) ?? 0);
        if (own !== undefined) swaps.push(Math.max(0, ...others) > own + swapMargin ? 0 : 100);
      }
      for (const key of present) {
        const figure = mapped.get(key);
        // Not drawn is a 0; drawn under a mention the oracle cannot resolve is not known, so left out.
        if (figure === undefined && unsureOf.has(key)) {
          unsure++;
          continue;
        }
        grounding.push(figure === undefined ? 0 : 100 * (figure.share ?? 1));
      }
    }
    looks.set(index, perSegment);
  }
  const adjacent: number[] = [];
  const longRange: number[] = [];
  const indices = [...looks.keys()].sort((a, b) => a - b);
  for (const [i, from] of indices.entries()) {
    for (const to of indices.slice(i + 1)) {
      for (const [key, before] of looks.get(from)!) {
        const after = looks.get(to)!.get(key);
        const annotation = annotations.characters[key];
        if (after === undefined || annotation === undefined) continue;
        // The pixel metric's formula on the drawn colours, conditional: parts the script changed are left out.
        const similarity = lookSimilarity(poolReadings(before)!, poolReadings(after)!, annotation, from, to);
        if (similarity !== undefined) (to - from === 1 ? adjacent : longRange).push(100 * similarity);
      }
    }
  }
  const metrics: OracleReport['metrics'] = {};
  const put = (name: keyof OracleReport['metrics'], values: number[]) => {
    const value = mean(values);
    if (value !== undefined) metrics[name] = round(value);
  };
  put('adjacentConsistency', adjacent);
  put('longRangeConsistency', longRange);
  put('duplication', duplication);
  put('identitySwaps', swaps);
  put('entityGrounding', grounding);
  return { metrics, unmapped, figures, unsure };
}

/**
 * Share of a look's checkable attributes a drawn appearance shows, under the pixel metric's rules: places the
 * look covers with another of its places are left out, and so are places without a drawn colour (eyewear, other).
 */
function attributeShare(vector: readonly number[], look: readonly ExpectedAttribute[]): number | undefined {
  const covered = coveredPlaces(look);
  const checks = look
    .map((attribute) => (covered.has(attribute.place) ? undefined : drawnShows(vector, attribute)))
    .filter((value) => value !== undefined);
  return checks.length === 0 ? undefined : checks.filter(Boolean).length / checks.length;
}

/**
 * What the pixel reader would read of a drawn look, part by part, seen from the front: the hair band shows the
 * hair (under a hat's brim too; the hat shows at the crown above it), the face a drawn beard (else skin), the neck
 * a worn scarf (else the top), the torso's middle the top and its sides an open coat, the legs the bottom; loose
 * items are a tenth of the figure each. The oracle's consistency compares these with the pixel metric's formula.
 *
 * @example
 * drawnReading(record.figures[0].appearance).regions.torso?.lab // the drawn top's CIELAB
 */
export function drawnReading(vector: ArrayLike<number>, box: Box = [0, 0, 0, 0]): FigureReading {
  const has = (entry: number) => vector[entry]! > 0.5;
  const at = (offset: number) => ({ lab: labOf(...appearanceRgb(vector, offset)), pixels: 1 });
  const { hair, hat, beard, scarf, top, outerwear, bottom, skin } = appearanceLayout;
  const cells = new Map<number, number>();
  for (const item of ['scarf', 'bag', 'umbrella'] as const) {
    const offset = appearanceLayout[item];
    if (has(offset)) cells.set(pixelBin(...appearanceRgb(vector, offset + 1)), 10);
  }
  return {
    box,
    regions: {
      hair: at(hair),
      face: has(beard) ? at(hair) : { lab: labOf(...skinRgb(vector[skin]!)), pixels: 1 },
      neck: at(has(scarf) ? scarf + 1 : top),
      torso: at(top),
      legs: at(bottom),
    },
    details: {
      chest: at(top),
      flanks: at(has(outerwear) ? outerwear + 1 : top),
      ...(has(hat) ? { crown: at(hat + 1) } : {}),
    },
    cells,
    pixels: 100,
  };
}
