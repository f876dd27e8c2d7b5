import { describe, expect, it } from 'vitest';
import { applyExtraction, createRegistry, findEntity } from '../../entities/registry.js';
import { correctRegistry } from './correct-registry.js';

const registry = applyExtraction(createRegistry(), {
  promptIndex: 1,
  characters: [
    { id: 1, isNew: true, kind: 'woman', mention: 'Nora', attrs: ['red coat', 'long hair'] },
    { id: 2, isNew: true, kind: 'man', mention: 'Ravi', attrs: ['gray scarf'] },
  ],
});

describe('correctRegistry', () => {
  it('replaces the whole attribute list of any registered ID, as the reference', () => {
    const { registry: next, changes } = correctRegistry(registry, [{ id: 2, attrs: ['blue scarf'] }], {
      mode: 'replace',
      segmentIds: [1],
    });
    expect(findEntity(next, 2)?.attrs).toEqual(['blue scarf']);
    expect(changes).toEqual([
      { id: 2, attrs: ['blue scarf'], before: ['gray scarf'], after: ['blue scarf'] },
    ]);
  });

  it('same-slot (ours) replaces one slot and only for the segment IDs; no-ops are not changes', () => {
    const corrections = [
      { id: 1, attrs: ['green coat'] },
      { id: 2, attrs: ['blue scarf'] },
    ];
    const { registry: next, changes } = correctRegistry(registry, corrections, {
      mode: 'same-slot',
      segmentIds: [1],
    });
    expect(findEntity(next, 1)?.attrs).toEqual(['long hair', 'green coat']);
    expect(findEntity(next, 2)?.attrs).toEqual(['gray scarf']);
    expect(changes.map((change) => change.id)).toEqual([1]);
    expect(
      correctRegistry(registry, [{ id: 2, attrs: ['gray scarf'] }], { mode: 'replace', segmentIds: [] })
        .changes,
    ).toEqual([]);
  });
});
