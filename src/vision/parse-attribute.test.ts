import { describe, expect, it } from 'vitest';
import { parseAttribute } from './parse-attribute.js';

describe('parseAttribute', () => {
  it.each([
    ['red hair', 'hair', 'red'],
    ['short blonde hair', 'hair', 'blonde'],
    ['auburn hair', 'hair', 'red'],
    ['a crimson coat', 'outerwear', 'crimson'],
    ['a yellow raincoat', 'outerwear', 'yellow'],
    ['gray scarf', 'scarf', 'gray'],
    ['Grey scarf', 'scarf', 'gray'],
    ['round glasses', 'glasses', undefined],
    ['navy suit', 'top', 'navy'],
    ['white dress', 'top', 'white'],
    ['black cap', 'hat', 'black'],
    ['teal baseball cap', 'hat', 'teal'],
    ['blue jeans', 'bottom', 'blue'],
    ['a green leather jacket', 'outerwear', 'green'],
    ['orange t-shirt', 'top', 'orange'],
    ['purple tote bag', 'bag', 'purple'],
    ['pink umbrella', 'umbrella', 'pink'],
    ['tall', 'build', undefined],
    ['elderly', 'age', undefined],
    ['a neat gray beard', 'other', 'gray'],
  ])('%s -> %s %s', (phrase, slot, color) => {
    const parsed = parseAttribute(phrase);
    expect(parsed.slot).toBe(slot);
    expect(parsed.color).toBe(color);
  });

  it('marks full-body garments and keeps the head noun', () => {
    expect(parseAttribute('white dress')).toMatchObject({ fullBody: true, word: 'dress' });
    expect(parseAttribute('yellow raincoat').fullBody).toBeUndefined();
    expect(parseAttribute('red ponytail')).toMatchObject({
      slot: 'hair',
      hairColor: 'red',
      word: 'ponytail',
    });
  });
});
