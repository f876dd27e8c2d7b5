import { describe, expect, it } from 'vitest';
import { lookSimilarity } from '../identity-metrics.js';
import { labOf } from './lab-colour.js';
import { type FigureReading, poolReadings, readingSimilarity } from './read-figure.js';

const colour = (r: number, g: number, b: number, pixels = 10) => ({ lab: labOf(r, g, b), pixels });

/** A person in a yellow coat over a white shirt, navy trousers; `coat` paints the coat's sides. */
function reading(coat = colour(230, 200, 30)): FigureReading {
  return {
    box: [0, 0, 10, 30],
    regions: {
      hair: colour(20, 20, 20),
      face: colour(230, 200, 170),
      torso: colour(240, 240, 240),
      legs: colour(20, 30, 90),
    },
    details: { chest: colour(240, 240, 240), flanks: coat },
    cells: new Map(),
    pixels: 300,
  };
}

describe('reading similarity', () => {
  it('compares details only where asked and where their part is compared', () => {
    const red = reading(colour(200, 20, 20));
    expect(readingSimilarity(reading(), red)).toBe(1);
    expect(readingSimilarity(reading(), red, undefined, ['flanks'])).toBeCloseTo(4 / 5, 5);
    expect(readingSimilarity(reading(), red, new Set(['hair', 'legs']), ['flanks'])).toBe(1);
  });

  it('pools details as it pools parts, pixel-weighted', () => {
    const pooled = poolReadings([reading(colour(200, 20, 20, 30)), reading(colour(20, 20, 200, 10))])!;
    expect(pooled.details.flanks!.pixels).toBe(40);
    expect(pooled.details.flanks!.lab[0]).toBeCloseTo(
      (3 * labOf(200, 20, 20)[0] + labOf(20, 20, 200)[0]) / 4,
      5,
    );
    expect(pooled.regions.torso!.pixels).toBe(20);
  });

  it('pools three or more samples to their medoid, so that one wrong sample does not move the look', () => {
    const blue = colour(30, 60, 200);
    const samples = [reading(), reading(), reading(), reading()].map((item) => ({
      ...item,
      regions: { ...item.regions, torso: blue },
    }));
    // One sample read another person's red top.
    samples.push({ ...reading(), regions: { ...reading().regions, torso: colour(200, 20, 20) } });
    const pooled = poolReadings(samples)!;
    expect(pooled.regions.torso!.lab).toEqual(blue.lab);
    expect(pooled.regions.torso!.pixels).toBe(50);
    const alone = poolReadings(samples.slice(0, 4))!;
    expect(readingSimilarity(pooled, alone)).toBe(1);
  });

  it('counts an unscripted coat change as drift in consistency, a scripted one not', () => {
    const red = poolReadings([reading(colour(200, 20, 20))])!;
    const yellow = poolReadings([reading()])!;
    const annotation = { aliases: ['Ravi'], attrs: ['yellow raincoat', 'white shirt'] };
    expect(lookSimilarity(yellow, red, annotation, 0, 1)).toBeLessThan(0.9);
    const scripted = { ...annotation, changes: { '2': ['red raincoat'] } };
    expect(lookSimilarity(yellow, red, scripted, 0, 1)).toBe(1);
  });
});
