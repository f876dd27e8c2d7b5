import { describe, expect, it } from 'vitest';
import { nameColour, resolveColourWord, termFit } from './colour-vocabulary.js';
import { labOf } from './lab-colour.js';

describe('colour vocabulary (CSS colours in CIELAB, nearest by CIEDE2000)', () => {
  it('names everyday garment colours with their basic term', () => {
    // Typical clothing dyes (not any engine's palette): a red jacket, a navy suit, a beige coat, a brown skirt.
    const cases: Array<[[number, number, number], string]> = [
      [[200, 40, 40], 'red'],
      [[235, 130, 30], 'orange'],
      [[240, 210, 50], 'yellow'],
      [[50, 150, 60], 'green'],
      [[45, 90, 200], 'blue'],
      [[125, 60, 160], 'purple'],
      [[235, 130, 170], 'pink'],
      [[120, 75, 40], 'brown'],
      [[25, 25, 28], 'black'],
      [[240, 240, 236], 'white'],
      [[128, 128, 128], 'gray'],
      [[215, 195, 160], 'beige'],
      [[25, 35, 90], 'navy'],
      [[30, 140, 140], 'teal'],
    ];
    for (const [rgb, name] of cases) expect([rgb, nameColour(labOf(...rgb), 'garment')]).toEqual([rgb, name]);
  });

  it('names hair shades with hair words', () => {
    expect(nameColour(labOf(230, 200, 110), 'hair')).toBe('blonde');
    expect(nameColour(labOf(175, 60, 30), 'hair')).toBe('red');
    expect(nameColour(labOf(105, 65, 35), 'hair')).toBe('brown');
    expect(nameColour(labOf(30, 25, 22), 'hair')).toBe('black');
    expect(nameColour(labOf(150, 150, 150), 'hair')).toBe('gray');
  });

  it('resolves spellings, hair words and any CSS colour; other words name no colour', () => {
    expect(resolveColourWord('Grey', 'garment')?.name).toBe('gray');
    expect(resolveColourWord('auburn', 'hair')?.name).toBe('red');
    expect(resolveColourWord('blond', 'hair')?.name).toBe('blonde');
    expect(resolveColourWord('crimson', 'garment')?.name).toBe('crimson');
    expect(resolveColourWord('clear', 'garment')).toBeUndefined();
    expect(resolveColourWord('denim', 'garment')).toBeUndefined();
  });

  it('gives a high probability to the nearest term and a low one to a far term', () => {
    const red = resolveColourWord('red', 'garment')!;
    const green = resolveColourWord('green', 'garment')!;
    const jacket = labOf(200, 40, 40);
    expect(termFit(jacket, red, 'garment').nearest).toBe(true);
    expect(termFit(jacket, red, 'garment').probability).toBeGreaterThan(0.5);
    expect(termFit(jacket, green, 'garment').nearest).toBe(false);
    expect(termFit(jacket, green, 'garment').probability).toBeLessThan(0.01);
    // A CSS word outside the terms competes with them: crimson cloth reads as crimson, not as blue.
    const crimson = resolveColourWord('crimson', 'garment')!;
    expect(termFit(labOf(220, 20, 60), crimson, 'garment').nearest).toBe(true);
    expect(termFit(labOf(45, 90, 200), crimson, 'garment').nearest).toBe(false);
  });
});
