import { describe, expect, it } from 'vitest';
import { appearanceDistance } from './appearance.js';
import { createMiniEngine } from './mini-engine.js';

describe('mini engine drift (measured)', () => {
  it('(d) appearance distance to the first look grows with distance from the sink anchor', async () => {
    const near: number[] = [];
    const far: number[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const engine = createMiniEngine({ seed, width: 32, height: 18 });
      const prompt = await engine.encodePrompt('A man walks in the park.');
      const looks: number[][] = [];
      for (let chunk = 0; chunk < 40; chunk++) {
        const generated = await engine.generateChunk({ prompt });
        for (const entry of engine.renderRecord(generated.chunk).filter((_, index) => index % 4 === 0)) {
          looks.push(entry.figures[0]!.appearance);
        }
      }
      const distanceAt = (from: number, to: number) =>
        looks.slice(from, to).reduce((sum, look) => sum + appearanceDistance(looks[0]!, look), 0) /
        (to - from);
      near.push(distanceAt(3, 15));
      far.push(distanceAt(96, 120));
      await engine.release();
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    console.log(
      '(d) distance to frame 0: frames 3-15',
      mean(near).toFixed(4),
      'frames 96-120',
      mean(far).toFixed(4),
    );
    expect(mean(far)).toBeGreaterThan(1.1 * mean(near));
  });
});
