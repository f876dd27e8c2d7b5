import { describe, expect, it } from 'vitest';
import { colorNames, hairColorNames, nearestColorName, resolveColorName } from './color-names.js';

describe('palette', () => {
  it('names every canonical colour as itself', () => {
    for (const [name, rgb] of Object.entries(colorNames)) expect(nearestColorName(rgb)).toBe(name);
    for (const [name, rgb] of Object.entries(hairColorNames))
      expect(nearestColorName(rgb, hairColorNames)).toBe(name);
  });

  it('resolves synonyms and rejects unknown words', () => {
    expect(resolveColorName('Grey')).toBe('gray');
    expect(resolveColorName('crimson')).toBe('red');
    expect(resolveColorName('table')).toBeUndefined();
  });
});
