import { describe, expect, it } from 'vitest';
import { hairRgb, paintBackground, paintFigures, rgb } from './__fixtures__/paint-scene.js';
import { checkAttributes } from './check-attributes.js';
import { describeFigure } from './describe-figure.js';
import { detectFigures } from './detect-figures.js';
import { changedSlots, expectedLook } from './expected-look.js';
import { matchFigures } from './match-figures.js';

const ravi = {
  aliases: ['Ravi'],
  attrs: ['yellow raincoat', 'navy trousers', 'gray scarf'],
  changes: { '3': ['blue raincoat'] },
};
const nora = { aliases: ['Nora'], attrs: ['red hair', 'green sweater', 'brown skirt'] };

describe('expectedLook', () => {
  it('applies changes from their prompt on, replacing the same slot', () => {
    expect(expectedLook(ravi, 1).map((item) => item.phrase)).toEqual([
      'yellow raincoat',
      'navy trousers',
      'gray scarf',
    ]);
    expect(expectedLook(ravi, 2).map((item) => item.phrase)).toEqual([
      'navy trousers',
      'gray scarf',
      'blue raincoat',
    ]);
    expect([...changedSlots(ravi, 0, 4)]).toEqual(['outerwear']);
    expect(changedSlots(ravi, 0, 1).size).toBe(0);
  });
});

describe('matchFigures', () => {
  const background = paintBackground(192, 128, [150, 190, 220], [110, 140, 90]);
  const frame = paintFigures(background, [
    { x: 50, y: 30, height: 80, hair: hairRgb('red'), top: rgb('green'), bottom: rgb('brown') },
    {
      x: 140,
      y: 30,
      height: 80,
      hair: hairRgb('black'),
      top: rgb('yellow'),
      bottom: rgb('navy'),
      scarf: rgb('gray'),
    },
  ]);
  const detection = detectFigures(frame, background);
  const descriptions = detection.figures.map((figure) => describeFigure(frame, detection.mask, figure.box));

  it('assigns each character the figure that wears its attributes', () => {
    const matches = matchFigures(descriptions, [
      { key: 'ravi', look: expectedLook(ravi, 0) },
      { key: 'nora', look: expectedLook(nora, 0) },
    ]);
    expect(Object.fromEntries(matches.map((match) => [match.key, match.figure]))).toEqual({
      nora: 0,
      ravi: 1,
    });
    expect(checkAttributes(descriptions[1]!, expectedLook(ravi, 0)).every((check) => check.matched)).toBe(
      true,
    );
    expect(checkAttributes(descriptions[0]!, expectedLook(nora, 0)).every((check) => check.matched)).toBe(
      true,
    );
  });

  it('fails the changed attribute once a change applies', () => {
    const checks = checkAttributes(descriptions[1]!, expectedLook(ravi, 2));
    expect(checks.find((check) => check.attribute.phrase === 'blue raincoat')?.matched).toBe(false);
    expect(checks.find((check) => check.attribute.phrase === 'navy trousers')?.matched).toBe(true);
  });

  it('leaves a character unmatched when there are fewer figures', () => {
    const matches = matchFigures(descriptions.slice(0, 1), [
      { key: 'ravi', look: expectedLook(ravi, 0) },
      { key: 'nora', look: expectedLook(nora, 0) },
    ]);
    expect(matches).toEqual([expect.objectContaining({ key: 'nora', figure: 0 })]);
  });
});
