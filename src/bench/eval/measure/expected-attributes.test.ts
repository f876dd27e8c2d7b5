import { describe, expect, it } from 'vitest';
import { attributesAt, changedPlaces, readAttribute } from './expected-attributes.js';

describe('readAttribute', () => {
  it('finds the place from the head noun and the colour from the first colour word', () => {
    expect(readAttribute('long red hair')).toMatchObject({ place: 'hair', colour: { name: 'red' } });
    expect(readAttribute('a Yellow  raincoat')).toMatchObject({
      phrase: 'a yellow raincoat',
      place: 'outerwear',
      colour: { name: 'yellow' },
    });
    expect(readAttribute('navy suit')).toMatchObject({ place: 'outfit', colour: { name: 'navy' } });
    expect(readAttribute('white tote bag')).toMatchObject({ place: 'bag', colour: { name: 'white' } });
    expect(readAttribute('blonde ponytail')).toMatchObject({ place: 'hair', colour: { name: 'blonde' } });
  });

  it('leaves out colours it cannot name and places it cannot find', () => {
    expect(readAttribute('clear umbrella')).toEqual({ phrase: 'clear umbrella', place: 'umbrella' });
    expect(readAttribute('thick-rimmed glasses').place).toBe('eyewear');
    expect(readAttribute('a beard').place).toBe('other');
  });
});

describe('attributesAt', () => {
  const annotation = {
    aliases: ['Nora'],
    attrs: ['red hair', 'yellow raincoat', 'gray scarf'],
    changes: { '2': ['blue scarf'], '4': ['green raincoat', 'clear umbrella'] },
  };

  it('applies the changes up to the prompt, each replacing its place', () => {
    expect(attributesAt(annotation, 0).map((item) => item.phrase)).toEqual([
      'red hair',
      'yellow raincoat',
      'gray scarf',
    ]);
    expect(attributesAt(annotation, 1).map((item) => item.phrase)).toEqual([
      'red hair',
      'yellow raincoat',
      'blue scarf',
    ]);
    expect(attributesAt(annotation, 3).map((item) => item.phrase)).toEqual([
      'red hair',
      'blue scarf',
      'green raincoat',
      'clear umbrella',
    ]);
  });

  it('lists the places that differ between two prompts', () => {
    expect([...changedPlaces(annotation, 0, 1)]).toEqual(['scarf']);
    expect([...changedPlaces(annotation, 0, 3)].sort()).toEqual(['outerwear', 'scarf', 'umbrella']);
    expect(changedPlaces(annotation, 1, 2).size).toBe(0);
  });
});
