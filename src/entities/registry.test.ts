import { describe, expect, it } from 'vitest';
import { applyCorrection, applyExtraction, createRegistry } from './registry.js';
import { registryFromJSON, registryToJSON } from './registry-schema.js';
import { attributeSlot, attributesConflict, mergeAttributes } from './registry-vocabulary.js';

const first = applyExtraction(createRegistry(), {
  promptIndex: 1,
  characters: [
    {
      id: 1,
      isNew: true,
      kind: 'man',
      mention: 'Ravi',
      attrs: ['gray scarf', 'round glasses'],
      properName: 'Ravi',
    },
    { id: 2, isNew: true, kind: 'woman', mention: 'a woman', attrs: ['Yellow raincoat'] },
    { id: 3, isNew: true, kind: 'man', mention: 'a tall man', attrs: ['tall'] },
  ],
});

describe('registry', () => {
  it('creates entities with type names counted per kind', () => {
    expect(first.entities.map((entity) => entity.name)).toEqual(['man_1', 'woman_1', 'man_2']);
    expect(first.nextId).toBe(4);
    expect(first.entities[1]!.attrs).toEqual(['yellow raincoat']);
  });

  it('records mentions, instances and prompts, and replaces attributes of the same slot', () => {
    const next = applyExtraction(first, {
      promptIndex: 3,
      characters: [
        { id: 1, isNew: false, kind: 'man', mention: 'he', attrs: ['blue raincoat', 'blue scarf'] },
      ],
    });
    const ravi = next.entities[0]!;
    expect(ravi.mentions).toEqual(['Ravi', 'he']);
    expect(ravi.attrs).toEqual(['round glasses', 'blue raincoat', 'blue scarf']);
    expect(ravi.prompts).toEqual([1, 3]);
    expect(ravi.instances.map((instance) => instance.promptIndex)).toEqual([1, 3]);
    expect(first.entities[0]!.attrs).toEqual(['gray scarf', 'round glasses']);
  });

  it('applies corrections slot by slot', () => {
    const next = applyCorrection(first, { id: 2, attrs: ['green raincoat', 'red hair'] });
    expect(next.entities[1]!.attrs).toEqual(['green raincoat', 'red hair']);
  });

  it('rejects unknown IDs and reused new IDs', () => {
    const update = { id: 9, isNew: false, kind: 'man' as const, mention: 'he', attrs: [] };
    expect(() => applyExtraction(first, { promptIndex: 2, characters: [update] })).toThrow(/does not exist/);
    expect(() =>
      applyExtraction(first, { promptIndex: 2, characters: [{ ...update, id: 1, isNew: true }] }),
    ).toThrow(/already exists/);
    expect(() => applyCorrection(first, { id: 42, attrs: [] })).toThrow(/does not exist/);
  });

  it('round-trips through JSON and reports schema issues', () => {
    const parsed = registryFromJSON(JSON.parse(JSON.stringify(registryToJSON(first))));
    expect(parsed).toEqual({ success: true, data: first });
    const broken = registryFromJSON({ version: 1, nextId: 2, entities: [{ ...first.entities[0], id: 5 }] });
    expect(broken.success).toBe(false);
    if (!broken.success) expect(broken.issues[0]!.path).toEqual(['registry', 'entities', 0, 'id']);
    expect(registryFromJSON({ version: 2 }).success).toBe(false);
  });
});

describe('registry vocabulary', () => {
  it.each([
    ['gray scarf', 'scarf'],
    ['long red hair', 'hair-color'],
    ['ponytail', 'hair-style'],
    ['navy lab coat', 'outerwear'],
    ['tall', 'height'],
    ['bushy beard', 'beard'],
    ['silver watch', 'watch'],
  ])('slot of %s is %s', (phrase, slot) => expect(attributeSlot(phrase)).toBe(slot));

  it.each([
    ['red coat', 'blue raincoat', true],
    ['red coat', 'long coat', false],
    ['dark green coat', 'green jacket', false],
    ['tall', 'short', true],
    ['red hair', 'black hair', true],
    ['gray scarf', 'round glasses', false],
  ])('%s vs %s conflict: %s', (left, right, expected) =>
    expect(attributesConflict(left, right)).toBe(expected),
  );

  it('merges with replacement and de-duplication', () => {
    expect(mergeAttributes(['Grey coat', 'red hair'], ['gray coat', 'blue jacket'])).toEqual([
      'red hair',
      'blue jacket',
    ]);
  });
});
