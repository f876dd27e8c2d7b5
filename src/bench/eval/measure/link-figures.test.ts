import { describe, expect, it } from 'vitest';
import { readAttribute } from './expected-attributes.js';
import { labOf } from './lab-colour.js';
import { linkSightings, matchCharacters } from './link-figures.js';
import type { FigureReading } from './read-figure.js';

const colour = (r: number, g: number, b: number) => ({ lab: labOf(r, g, b), pixels: 20 });

/** A person 40 px tall at `x` in a red coat over red (or `torso`) and navy trousers. */
function person(x: number, torso = colour(200, 20, 20)): FigureReading {
  return {
    box: [x, 10, 14, 40],
    regions: { hair: colour(20, 20, 20), torso, legs: colour(20, 30, 90) },
    details: {},
    cells: new Map(),
    pixels: 400,
  };
}

const nora = { key: 'nora', attributes: ['red coat', 'navy trousers'].map(readAttribute) };

describe('matching tracks to characters', () => {
  it('matches a person whose track broke at a jump in every sample', () => {
    // Five samples: she walks at x 10, then is at x 200 (far beyond a link) for the last two.
    const samples = [[person(10)], [person(12)], [person(14)], [person(200)], [person(202)]];
    const tracks = linkSightings(samples);
    expect(tracks).toHaveLength(2);
    const matched = matchCharacters(tracks, samples, [nora]).map((item) => item.sample);
    expect(matched.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('leaves a second figure where the character is already matched, and passing blobs where it is', () => {
    const blue = colour(20, 20, 200);
    // Her track in every sample; a look-alike beside her in samples 1-2; a blue blob once.
    const samples = [
      [person(10)],
      [person(12), person(80)],
      [person(14), person(82)],
      [person(16)],
      [person(18), person(140, blue)],
    ];
    const matches = matchCharacters(linkSightings(samples), samples, [nora]);
    expect(matches).toHaveLength(5);
    expect(matches.every(({ sample, match }) => samples[sample]![match.figure]!.box[0] < 40)).toBe(true);
  });

  it('matches nothing without characters', () => {
    const samples = [[person(10)], [person(12)], [person(14)]];
    expect(matchCharacters(linkSightings(samples), samples, [])).toEqual([]);
  });
});
