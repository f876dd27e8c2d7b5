import { describe, expect, it } from 'vitest';
import {
  colorWordDistance,
  colorWordFits,
  colorWordPrototypes,
  isColorWord,
  nameColor,
  normalizeColorWord,
} from './color-words.js';
import { cssColorByName, cssColors, deltaE2000, nearestCssIndex } from './css-colors.js';
import { nameHairColor, resolveHairColor } from './hair-colors.js';

const css = (name: string) => cssColorByName.get(name)!.rgb;

describe('CSS colour table', () => {
  it('puts each of the 148 keywords in one hue group and finds each keyword again (within its 15-bit cell)', () => {
    expect(cssColors).toHaveLength(148);
    expect(new Set(cssColors.map((color) => color.family)).size).toBe(11);
    for (const color of cssColors) {
      const nearest = cssColors[nearestCssIndex(...color.rgb)]!;
      // Quantised to 5 bits a channel, a keyword may land on a neighbour a small step away.
      expect(deltaE2000(nearest.lab, color.lab)).toBeLessThan(6);
    }
  });
});

describe('colour words', () => {
  it.each([
    [css('firebrick'), 'red'],
    [css('forestgreen'), 'green'],
    [css('saddlebrown'), 'brown'],
    [css('gold'), 'yellow'],
    [css('midnightblue'), 'navy'],
    [css('darkcyan'), 'teal'],
    [css('rebeccapurple'), 'purple'],
    [css('hotpink'), 'pink'],
    // xkcd colour survey values, which the table was not built from.
    [[229, 0, 0] as const, 'red'],
    [[21, 176, 26] as const, 'green'],
    [[3, 67, 223] as const, 'blue'],
    [[249, 115, 6] as const, 'orange'],
    [[146, 149, 145] as const, 'gray'],
  ])('names %j %s', (rgb, word) => {
    expect(nameColor(rgb)).toBe(word);
  });

  it('lets a word fit colours it describes about as well as the best name, and no other', () => {
    expect(colorWordFits('red', css('crimson'))).toBe(true);
    expect(colorWordFits('navy', css('darkblue'))).toBe(true);
    expect(colorWordFits('blue', css('navy'))).toBe(true);
    expect(colorWordFits('red', css('forestgreen'))).toBe(false);
    expect(colorWordFits('yellow', css('royalblue'))).toBe(false);
    expect(colorWordFits('green', [229, 0, 0])).toBe(false);
    expect(colorWordDistance('coat', css('red'))).toBe(Number.POSITIVE_INFINITY);
  });

  it('knows CSS keywords and everyday words, spelled either way', () => {
    expect(normalizeColorWord('Grey')).toBe('gray');
    expect(isColorWord('tomato')).toBe(true);
    expect(isColorWord('scarlet')).toBe(true);
    expect(isColorWord('coat')).toBe(false);
    expect(
      colorWordPrototypes('navy')
        ?.map((color) => color.name)
        .sort(),
    ).toEqual(['darkblue', 'midnightblue', 'navy']);
    // CSS beige is nearly white; the everyday beige is a light tan.
    expect(nameColor(css('wheat'))).toBe('beige');
  });
});

describe('hair colours', () => {
  it('reads natural hair shades as hair terms', () => {
    expect(nameHairColor([20, 18, 16])).toBe('black');
    expect(nameHairColor([90, 55, 30])).toBe('brown');
    expect(nameHairColor([225, 190, 125])).toBe('blonde');
    expect(nameHairColor([170, 75, 35])).toBe('red');
    expect(nameHairColor([165, 165, 160])).toBe('gray');
    expect(resolveHairColor('Auburn')).toBe('red');
    expect(resolveHairColor('blond')).toBe('blonde');
    expect(resolveHairColor('coat')).toBeUndefined();
  });
});
