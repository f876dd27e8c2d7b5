import { describe, expect, it } from 'vitest';
import type { ScriptAnnotations } from '../../script/script.js';
import type { SegmentAnalysis } from './analyse-segments.js';
import { entityGrounding, identitySwaps } from './identity-metrics.js';
import { labOf } from './measure/lab-colour.js';
import type { FigureReading } from './measure/read-figure.js';

const annotations: ScriptAnnotations = {
  characters: {
    ravi: { aliases: ['Ravi'], attrs: ['blue shirt'] },
    mia: { aliases: ['Mia'], attrs: ['pink shirt'] },
  },
  present: [['ravi']],
};

/** One segment, one sampled frame: Ravi matched to a figure whose shirt reads `rgb`. */
function ravisShirt(r: number, g: number, b: number): SegmentAnalysis[] {
  const figure: FigureReading = {
    box: [0, 0, 10, 30],
    regions: { torso: { lab: labOf(r, g, b), pixels: 40 } },
    details: {},
    cells: new Map(),
    pixels: 300,
  };
  const sample = { index: 0, figures: [figure], matches: [{ key: 'ravi', figure: 0, fit: 0, margin: 1 }] };
  return [
    { span: { segment: { index: 0 } }, samples: [sample], present: ['ravi'] },
  ] as unknown as SegmentAnalysis[];
}

describe('identity swaps', () => {
  it("counts a swap when the figure shows another character's attributes rather than its own", () => {
    expect(identitySwaps(ravisShirt(240, 120, 200), annotations)).toBe(0);
    expect(identitySwaps(ravisShirt(40, 60, 200), annotations)).toBe(100);
  });

  it('does not count a figure that shows neither look as a swap: grounding counts that', () => {
    // Mauve: named neither blue nor pink, though nearer pink (graded fits 0.07 blue, 0.24 pink).
    const mauve = ravisShirt(200, 100, 190);
    expect(identitySwaps(mauve, annotations)).toBe(100);
    expect(entityGrounding(mauve, annotations)).toBe(0);
  });
});
