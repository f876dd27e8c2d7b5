import { describe, expect, it } from 'vitest';
import {
  checkAttributes,
  type FigureDescription,
  parseAttribute,
  type Rgb,
  rgbToLab,
} from '../../../vision/index.js';
import { isSeen } from './create-pixel-verifier.js';
import { proposeCorrections } from './propose-corrections.js';
import type { FrameReading } from './read-frame.js';

function region(name: 'green' | 'yellow' | 'blue' | 'red', rgb: Rgb) {
  return { name, rgb, lab: rgbToLab(rgb), pixels: 100 };
}

function reading(legs: 'blue' | 'red'): FrameReading {
  const figure: FigureDescription = {
    box: [10, 10, 20, 60],
    regions: {
      hair: region('green', [50, 150, 60]),
      torso: region('yellow', [240, 210, 50]),
      legs: legs === 'blue' ? region('blue', [45, 90, 200]) : region('red', [200, 40, 40]),
    },
    colorShares: {},
  };
  const look = ['red hat', 'yellow raincoat', 'blue jeans'].map(parseAttribute);
  return { figures: 1, entities: [{ id: 1, fit: 0.6, checks: checkAttributes(figure, look), figure }] };
}

describe('proposeCorrections', () => {
  it('corrects a slot that reads another colour in all frames of a clear match', () => {
    const frames = [reading('blue'), reading('blue'), reading('blue')];
    expect(proposeCorrections(frames)).toEqual([{ id: 1, attrs: ['green hat'] }]);
  });

  it('stays silent with fewer than 3 clear frames or fewer than 2 matched attributes', () => {
    expect(proposeCorrections([reading('blue'), reading('blue')])).toEqual([]);
    expect(proposeCorrections([reading('red'), reading('red'), reading('red')])).toEqual([]);
  });
});

describe('isSeen', () => {
  it('needs an assigned figure with one matched attribute, or nothing checkable', () => {
    expect(isSeen(reading('red').entities[0]!)).toBe(true);
    expect(isSeen({ id: 2, fit: 0, checks: [] })).toBe(false);
    const figure = reading('blue').entities[0]!.figure!;
    expect(isSeen({ id: 3, fit: 0.5, checks: [], figure })).toBe(true);
  });
});
