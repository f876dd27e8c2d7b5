import { describe, expect, it } from 'vitest';
import { joinList, sentence, thirdPerson, withArticle } from './phrasing.js';

describe('phrasing', () => {
  it.each([
    ['orange coat', 'an orange coat'],
    ['umbrella', 'an umbrella'],
    ['uniform', 'a uniform'],
    ['red scarf', 'a red scarf'],
  ])('withArticle(%s)', (phrase, expected) => expect(withArticle(phrase)).toBe(expected));

  it.each([
    ['carry a box', 'carries a box'],
    ['watch the sea', 'watches the sea'],
    ['play a guitar', 'plays a guitar'],
    ['go home', 'goes home'],
    ['walk', 'walks'],
  ])('thirdPerson(%s)', (phrase, expected) => expect(thirdPerson(phrase)).toBe(expected));

  it('joins lists and builds sentences', () => {
    expect(joinList(['a'])).toBe('a');
    expect(joinList(['a', 'b', 'c'])).toBe('a, b and c');
    expect(sentence('she waits,')).toBe('She waits.');
  });
});
