import { describe, expect, it } from 'vitest';
import type { ArchiveEntry } from './frame-archive.js';
import { greedyCover, selectIdMemory, selectTopFrames } from './select-memory.js';

function frame(id: string, order: number, scores: Record<number, number>, score = 0): ArchiveEntry {
  return {
    id,
    frame: order,
    chunk: order,
    segment: 0,
    keys: [],
    textScore: 0,
    entityScores: scores,
    entities: Object.keys(scores).map(Number),
    visualScore: null,
    score,
    provisional: false,
  };
}

const a = frame('a', 1, { 1: 0.9, 2: 0.8 });
const b = frame('b', 2, { 2: 0.5, 3: 0.6 });
const c = frame('c', 3, { 3: 0.9 });
const d = frame('d', 4, { 1: 0.3 }, 0.9);

describe('greedyCover', () => {
  it('takes the widest frame first, ties by entity score', () => {
    // a and b both add 2 IDs; a sums 1.7 > b 1.1. Then only 3 is left: c (0.9) beats b (0.6).
    expect(greedyCover([a, b, c, d], [1, 2, 3], 4).map((e) => e.id)).toEqual(['a', 'c']);
  });
});

describe('greedyCover: precision', () => {
  it('prefers, at equal gain, the frame holding fewer people the segment does not name', () => {
    const both = frame('both', 9, { 1: 0.9, 2: 0.9 });
    const alone = frame('alone', 5, { 1: 0.4 });
    expect(greedyCover([both, alone], [1], 4).map((e) => e.id)).toEqual(['alone']);
    expect(greedyCover([both, alone], [1, 2], 4).map((e) => e.id)).toEqual(['both']);
  });
});

describe('selectIdMemory', () => {
  it('budgets the frames the cover needs', () => {
    expect(selectIdMemory([a, b, c, d], [3, 1, 2])).toEqual({
      ids: ['a', 'c'],
      budget: 2,
      coverFrames: 2,
      covered: [1, 2, 3],
      uncovered: [],
    });
  });

  it('raises the budget to 2 for two entities and fills by coverage then score', () => {
    // a alone covers 1 and 2; filler: d covers one ID (1) like b (2) and c... b covers 2 -> count 1, d count 1;
    // b.score 0 < d.score 0.9, so d.
    const selection = selectIdMemory([a, b, c, d], [1, 2]);
    expect(selection.ids).toEqual(['a', 'd']);
    expect(selection.budget).toBe(2);
    expect(selection.coverFrames).toBe(1);
  });

  it('keeps one frame for one entity, and caps at 4', () => {
    expect(selectIdMemory([a, b, c, d], [3]).ids).toEqual(['c']);
    const many = [1, 2, 3, 4, 5].map((id) => frame(`e${id}`, id, { [id]: 1 }));
    const selection = selectIdMemory(many, [1, 2, 3, 4, 5]);
    expect(selection.ids).toEqual(['e5', 'e4', 'e3', 'e2']);
    expect(selection.uncovered).toEqual([1]);
  });

  it('uses the fixed budget, limited by the archive', () => {
    expect(selectIdMemory([a, b, c], [3], { budget: 'fixed' }).ids).toEqual(['c', 'b', 'a']);
  });

  it('selects nothing without entities or frames', () => {
    expect(selectIdMemory([a], []).ids).toEqual([]);
    expect(selectIdMemory([], [1]).uncovered).toEqual([1]);
  });
});

describe('selectTopFrames', () => {
  it('ranks by prompt score, newer first on ties', () => {
    expect(selectTopFrames([a, b, c, d], [0.1, 0.5, 0.5, 0.2])).toEqual(['c', 'b', 'd']);
  });
});
