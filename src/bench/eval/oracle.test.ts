import { describe, expect, it } from 'vitest';
import type { RenderRecordEntry } from '../../engine/engine.js';
import { APPEARANCE_SIZE, appearanceLayout, writeRgb } from '../../engine/mini/appearance.js';
import { colorNames, hairColorNames } from '../../frame/color-names.js';
import { annotations, timeline } from './__fixtures__/craft-video.js';
import { characterOfMention, evaluateRenderRecord, possibleCharacters } from './oracle.js';

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

  it('maps a mention shorter than every alias to the one character on screen it fits, else leaves it', () => {
    const twins = {
      characters: {
        one: { aliases: ['one old man', 'the old man in the purple shirt'], attrs: ['purple shirt'] },
        other: { aliases: ['the other old man', 'the old man in the orange shirt'], attrs: ['orange shirt'] },
      },
      present: [['one', 'other'], ['other']],
    };
    expect(characterOfMention('old man', twins, ['other'])).toBe('other');
    expect(characterOfMention('the old man', twins, ['one', 'other'])).toBeUndefined();
    expect(possibleCharacters('old man', twins, ['one', 'other'])).toEqual(['one', 'other']);
    expect(possibleCharacters('a dog', twins, ['one', 'other'])).toEqual([]);
    // On screen first: "old man" is not taken for a character off screen.
    expect(characterOfMention('old man', twins, [])).toBeUndefined();
  });

  it('leaves out of grounding a character whose figure it cannot tell apart, instead of scoring 0', () => {
    // Segment 2 shows Ravi and Nora; Nora is drawn bound to "woman", shorter than her aliases.
    const unsure = evaluateRenderRecord(
      records((segment) =>
        segment === 2
          ? [
              { appearance: ravi, mention: 'Ravi' },
              { appearance: nora, mention: 'woman' },
            ]
          : correct(segment),
      ),
      timeline,
      annotations,
    );
    // "woman" is contained in Nora's alias "the young woman": the one character on screen it fits.
    expect(unsure).toMatchObject({ unmapped: 0, unsure: 0 });
    expect(unsure.metrics.entityGrounding).toBe(100);
    const ambiguous = evaluateRenderRecord(
      records((segment) =>
        segment === 2
          ? [
              { appearance: ravi, mention: 'Ravi' },
              { appearance: nora, mention: 'person' },
            ]
          : correct(segment),
      ),
      timeline,
      {
        ...annotations,
        characters: {
          ravi: { ...annotations.characters.ravi!, aliases: ['Ravi', 'the tall man', 'the tall person'] },
          nora: { ...annotations.characters.nora!, aliases: ['Nora', 'the young woman', 'the young person'] },
        },
      },
    );
    // "person" fits both; Ravi is mapped through "Ravi", so only Nora's 5 samples there are left out.
    expect(ambiguous).toMatchObject({ unmapped: 5, unsure: 5 });
    expect(ambiguous.metrics.entityGrounding).toBe(100);
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

  it('compares and checks only the characters the script puts on screen, as the pixel metrics do', () => {
    // Ravi lingers in segment 1, where only Nora is on screen, in a red raincoat and Nora's green trousers.
    const lingering = records((segment) =>
      segment === 1
        ? [...correct(1), { appearance: look('black', 'red', 'green'), mention: 'Ravi' }]
        : correct(segment),
    );
    const { metrics, unmapped } = evaluateRenderRecord(lingering, timeline, annotations);
    expect(metrics).toMatchObject({
      adjacentConsistency: 100,
      longRangeConsistency: 100,
      identitySwaps: 100,
    });
    expect(metrics.duplication!).toBeLessThan(100);
    expect(unmapped).toBe(0);
  });

  it('leaves what the script changed out of consistency, as the pixel metric does', () => {
    // Ravi's raincoat turns red in segment 3: scripted, it costs nothing; unscripted, it costs consistency.
    const redCoat = look('black', 'red', 'navy', 'yellow');
    const changed = records((segment) =>
      segment === 3 ? [{ appearance: redCoat, mention: 'Ravi' }] : correct(segment),
    );
    const scripted = {
      ...annotations,
      characters: {
        ...annotations.characters,
        ravi: { ...annotations.characters.ravi!, changes: { '4': ['red raincoat'] } },
      },
    };
    expect(evaluateRenderRecord(changed, timeline, scripted).metrics.longRangeConsistency).toBe(100);
    // Only the coat changed (the top between its sides stays yellow): it costs the coat's share of the parts
    // compared (its sides, one of six), in each of the two pairs with segment 3 among the six long-range pairs.
    expect(evaluateRenderRecord(changed, timeline, annotations).metrics.longRangeConsistency!).toBeLessThan(
      95,
    );
  });

  it('applies the pixel metric rules to the drawn look: a covered top is not checked, an outfit is top and bottom', () => {
    // Ravi is drawn with a navy top under his yellow raincoat; his script asks for a white shirt under it.
    const shirt = {
      ...annotations,
      characters: {
        ...annotations.characters,
        ravi: {
          ...annotations.characters.ravi!,
          attrs: [...annotations.characters.ravi!.attrs, 'white shirt'],
        },
      },
    };
    const covered = evaluateRenderRecord(records(correct), timeline, shirt);
    expect(covered.metrics.entityGrounding).toBe(100);
    // A navy outfit: Ravi's bottom is navy but his top is not, so it does not show.
    const outfit = {
      ...annotations,
      characters: {
        ...annotations.characters,
        ravi: { ...annotations.characters.ravi!, attrs: ['black hair', 'navy suit'] },
      },
    };
    expect(evaluateRenderRecord(records(correct), timeline, outfit).metrics.entityGrounding!).toBeLessThan(
      100,
    );
  });
});
