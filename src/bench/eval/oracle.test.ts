import { describe, expect, it } from 'vitest';
import type { RenderRecordEntry } from '../../engine/engine.js';
import { APPEARANCE_SIZE, appearanceLayout, writeRgb } from '../../engine/mini/appearance.js';
import { colorNames, hairColorNames } from '../../frame/color-names.js';
import { annotations, timeline } from './__fixtures__/craft-video.js';
import { characterOfMention, evaluateRenderRecord } from './oracle.js';

function look(
  hair: keyof typeof hairColorNames,
  outer: keyof typeof colorNames,
  bottom: keyof typeof colorNames,
  top = outer,
): number[] {
  const vector = new Float32Array(APPEARANCE_SIZE);
  writeRgb(vector, appearanceLayout.hair, hairColorNames[hair]);
  writeRgb(vector, appearanceLayout.top, colorNames[top]);
  writeRgb(vector, appearanceLayout.bottom, colorNames[bottom]);
  vector[appearanceLayout.outerwear] = 1;
  writeRgb(vector, appearanceLayout.outerwear + 1, colorNames[outer]);
  return Array.from(vector);
}
const ravi = look('black', 'yellow', 'navy');
const nora = look('red', 'green', 'brown');

function records(
  figuresAt: (segment: number) => Array<{ appearance: number[]; mention: string }>,
): RenderRecordEntry[] {
  const entries: RenderRecordEntry[] = [];
  for (const segment of timeline.segments) {
    for (let frame = segment.startFrame * 4; frame < segment.endFrame * 4; frame++) {
      entries.push({
        frame,
        latentFrame: frame >> 2,
        prompt: segment.prompt,
        scene: { setting: null, appearance: [] },
        figures: figuresAt(segment.index).map((figure, slot) => ({ slot, box: [0, 0, 1, 1], ...figure })),
      });
    }
  }
  return entries;
}
const correct = (segment: number) =>
  annotations.present[segment]!.map((key) => ({
    appearance: key === 'ravi' ? ravi : nora,
    mention: key === 'ravi' ? 'Ravi' : 'the young woman',
  }));

describe('oracle', () => {
  it('maps mentions to characters by alias, preferring those on screen', () => {
    expect(characterOfMention('Ravi', annotations, [])).toBe('ravi');
    expect(characterOfMention('a young woman named Nora', annotations, [])).toBe('nora');
    expect(characterOfMention('THE TALL MAN', annotations, ['ravi'])).toBe('ravi');
    expect(characterOfMention('a dog', annotations, [])).toBeUndefined();
    expect(characterOfMention(null, annotations, [])).toBeUndefined();
  });

  it('scores a correct record 100 and drops on a swap and a duplicate', () => {
    const perfect = evaluateRenderRecord(records(correct), timeline, annotations);
    expect(perfect.metrics).toEqual({
      adjacentConsistency: 100,
      longRangeConsistency: 100,
      duplication: 100,
      identitySwaps: 100,
      entityGrounding: 100,
    });
    // 5 samples per segment of 1, 1, 2 and 1 figures.
    expect(perfect).toMatchObject({ unmapped: 0, figures: 25 });
    const swapped = evaluateRenderRecord(
      records((segment) => (segment === 3 ? [{ appearance: nora, mention: 'Ravi' }] : correct(segment))),
      timeline,
      annotations,
    );
    expect(swapped.metrics.identitySwaps).toBe(80);
    expect(swapped.metrics.longRangeConsistency!).toBeLessThan(70);
    const duplicated = evaluateRenderRecord(
      records((segment) =>
        segment === 0 ? [...correct(0), { appearance: ravi, mention: 'he' }] : correct(segment),
      ),
      timeline,
      annotations,
    );
    expect(duplicated.metrics.duplication!).toBeLessThan(95);
    expect(duplicated).toMatchObject({ unmapped: 5, figures: 30 });
  });
});
