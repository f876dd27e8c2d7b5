import { describe, expect, it } from 'vitest';
import { createMiniEngine } from './mini-engine.js';

const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Box of the first drawn figure at each latent frame of `chunks` chunks of a prompt. */
async function boxes(seed: number, text: string, chunks: number) {
  const engine = createMiniEngine({ seed, width: 160, height: 90 });
  const prompt = await engine.encodePrompt(text);
  const output: Array<[number, number, number, number]> = [];
  for (let chunk = 0; chunk < chunks; chunk++) {
    const generated = await engine.generateChunk({ prompt });
    for (const entry of engine.renderRecord(generated.chunk).filter((_, index) => index % 4 === 0)) {
      const figure = entry.figures[0];
      if (figure !== undefined) output.push(figure.box);
    }
  }
  await engine.release();
  return output;
}

describe('mini engine motion and camera (measured over 8 seeds)', () => {
  it('walkers move across the frame, seated figures stay and are lower', async () => {
    const walked: number[] = [];
    const sat: number[] = [];
    const heights: Array<[number, number]> = [];
    for (const seed of seeds) {
      const walking = await boxes(seed, 'A man in a blue coat walks in the park, wide shot.', 8);
      const sitting = await boxes(seed, 'A man in a blue coat sits in the park, wide shot.', 8);
      const travel = (list: typeof walking) =>
        list.slice(1).reduce((sum, box, index) => sum + Math.abs(box[0] - list[index]![0]), 0);
      walked.push(travel(walking));
      sat.push(travel(sitting));
      heights.push([walking.at(-1)![3], sitting.at(-1)![3]]);
    }
    console.log(
      '(e) pixels travelled in 24 latent frames, walking',
      walked.join(' '),
      '| sitting',
      sat.join(' '),
    );
    expect(mean(walked)).toBeGreaterThan(2 * mean(sat) + 5);
    for (const [standing, seated] of heights) expect(seated).toBeLessThan(standing);
  });

  it('shot words scale the figures: close-up > medium > wide', async () => {
    const size = { close: [] as number[], medium: [] as number[], wide: [] as number[] };
    for (const seed of seeds) {
      for (const [shot, words] of [
        ['close', 'close-up'],
        ['medium', 'medium shot'],
        ['wide', 'wide shot'],
      ] as const) {
        const list = await boxes(seed, `A woman in a red coat stands in the street, ${words}.`, 4);
        size[shot].push(list.at(-1)![3]);
      }
    }
    console.log(
      '(e) figure height in pixels, close-up',
      size.close.join(' '),
      '| medium',
      size.medium.join(' '),
      '| wide',
      size.wide.join(' '),
    );
    for (const seed of seeds.keys()) {
      expect(size.close[seed]!).toBeGreaterThan(size.medium[seed]!);
      expect(size.medium[seed]!).toBeGreaterThan(size.wide[seed]!);
    }
  });
});
