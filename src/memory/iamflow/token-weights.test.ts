import { describe, expect, it } from 'vitest';
import { computeTokenWeights, findCameraTail } from './token-weights.js';

function wordTokens(text: string) {
  return [...text.matchAll(/[A-Za-z-]+/g)].map((match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

describe('computeTokenWeights', () => {
  const text = 'On a rainy pier, Nora in a red coat waves at the man. The camera pans left.';
  const spans = [
    { id: 1, start: 17, end: 21 },
    { id: 1, start: 27, end: 35 },
    { id: 2, start: 45, end: 52 },
  ];

  it('weights scene head 0.7, spans 2.5, camera tail 0.5, the rest 1.0', () => {
    const result = computeTokenWeights(text, wordTokens(text), spans);
    // On a rainy pier | Nora | in a | red coat | waves at | the man | The camera pans left
    expect(result.weights).toEqual([
      0.7, 0.7, 0.7, 0.7, 2.5, 1, 1, 2.5, 2.5, 1, 1, 2.5, 2.5, 0.5, 0.5, 0.5, 0.5,
    ]);
    expect([...result.entityTokens]).toEqual([
      [1, [4, 7, 8]],
      [2, [11, 12]],
    ]);
  });

  it('has no scene head without spans and keeps spans over the camera tail', () => {
    const plain = 'A quiet street, camera pans';
    expect(computeTokenWeights(plain, wordTokens(plain), []).weights).toEqual([1, 1, 1, 0.5, 0.5]);
    const inTail = 'Rain falls, the camera follows Nora';
    const weights = computeTokenWeights(inTail, wordTokens(inTail), [{ id: 3, start: 31, end: 35 }]).weights;
    expect(weights).toEqual([0.7, 0.7, 0.5, 0.5, 0.5, 2.5]);
  });
});

describe('findCameraTail', () => {
  it.each([
    ['A woman walks, close-up, slow motion.', 15],
    ['A woman walks in the rain.', null],
    ['Camera pans over the city.', null],
    ['A man waits; tracking shot', 13],
  ])('%s -> %s', (text, start) => {
    expect(findCameraTail(text)).toBe(start);
  });
});
