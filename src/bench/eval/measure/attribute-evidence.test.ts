import { describe, expect, it } from 'vitest';
import { attributeEvidence } from './attribute-evidence.js';
import { readAttribute } from './expected-attributes.js';
import { labOf, pixelBin } from './lab-colour.js';
import type { FigureReading } from './read-figure.js';

/** A person read as gray from head to feet: a gray coat, gray trousers, gray hair. */
function grayFigure(): FigureReading {
  const gray = { lab: labOf(128, 128, 128), pixels: 40 };
  return {
    box: [0, 0, 10, 30],
    regions: { hair: gray, torso: gray, legs: gray },
    details: {},
    cells: new Map([[pixelBin(128, 128, 128), 200]]),
    pixels: 200,
  };
}

describe('attributeEvidence', () => {
  it('checks a coloured garment at its part', () => {
    const [coat] = attributeEvidence(grayFigure(), [readAttribute('gray coat')]);
    expect(coat).toMatchObject({ shown: true });
    const [red] = attributeEvidence(grayFigure(), [readAttribute('red coat')]);
    expect(red).toMatchObject({ shown: false });
  });

  it('leaves out places it has no part for (boots, a beard) instead of counting the colour anywhere', () => {
    // Gray fills the figure, so counting gray pixels anywhere would call gray boots shown and red ones not.
    expect(attributeEvidence(grayFigure(), [readAttribute('gray ankle boots')])).toEqual([]);
    expect(attributeEvidence(grayFigure(), [readAttribute('red sneakers')])).toEqual([]);
    expect(attributeEvidence(grayFigure(), [readAttribute('gray beard')])).toEqual([]);
  });

  it('leaves out a top under the coat the look asks for', () => {
    const checks = attributeEvidence(grayFigure(), [
      readAttribute('gray coat'),
      readAttribute('white shirt'),
    ]);
    expect(checks.map((check) => check.attribute.place)).toEqual(['outerwear']);
  });
});
