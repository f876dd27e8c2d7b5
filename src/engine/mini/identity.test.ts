import { describe, expect, it } from 'vitest';
import { appearanceDistance } from './appearance.js';
import { createMiniEngine } from './mini-engine.js';

type Engine = ReturnType<typeof createMiniEngine>;
const seeds = [1, 2, 3, 4, 5, 6];
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Generates `chunks` chunks of a prompt; returns the render record of the last latent frame of each chunk. */
async function run(engine: Engine, text: string, chunks: number, options: { recache?: boolean } = {}) {
  const prompt = await engine.encodePrompt(text);
  if (options.recache) await engine.recache(prompt);
  const records = [];
  for (let index = 0; index < chunks; index++) {
    const chunk = await engine.generateChunk({ prompt });
    records.push(engine.renderRecord(chunk.chunk));
  }
  return records;
}

const figureOf = (records: Awaited<ReturnType<typeof run>>, chunk: number, mention: RegExp) => {
  const entry = records[chunk]!.at(-1)!;
  const figure = entry.figures.find((candidate) => mention.test(candidate.mention ?? ''));
  if (figure === undefined)
    throw new Error(
      `no figure bound to ${mention} in ${JSON.stringify(entry.figures.map((f) => f.mention))}`,
    );
  return figure.appearance;
};

describe('mini engine identity behaviour (measured)', () => {
  it('(a) a returning character drifts without a bank and is kept by a bank frame', async () => {
    const changed: number[] = [];
    const kept: number[] = [];
    for (const seed of seeds) {
      for (const withBank of [false, true]) {
        const engine = createMiniEngine({ seed, width: 64, height: 36 });
        await run(engine, 'An empty park bench under tall oak trees.', 1);
        const first = await run(
          engine,
          'Nora, a woman with red hair and a yellow coat, walks in the park.',
          3,
        );
        const before = figureOf(first, 2, /^Nora/);
        if (withBank) await engine.storeFrame(engine.costs().generatedFrames - 1, 'nora');
        await run(engine, 'A tall man in a green jacket reads in the library.', 4);
        await run(engine, 'A boy with a red backpack runs on the beach.', 4);
        if (withBank) await engine.setBank(['nora']);
        const back = await run(engine, 'Nora sits on a bench.', 2);
        const distance = appearanceDistance(before, figureOf(back, 1, /^Nora$/));
        (withBank ? kept : changed).push(distance);
        await engine.release();
      }
    }
    console.log(
      '(a) distance without bank',
      changed.map((d) => d.toFixed(3)),
      'with bank',
      kept.map((d) => d.toFixed(3)),
    );
    expect(mean(changed)).toBeGreaterThan(0.2);
    expect(mean(kept)).toBeLessThan(0.05);
    for (const [index, distance] of kept.entries()) expect(distance).toBeLessThan(changed[index]!);
  });

  it('(b) two similar characters leak into each other when a pronoun names one of them', async () => {
    const leakRatios: number[] = [];
    const namedRatios: number[] = [];
    for (const seed of seeds) {
      for (const named of [false, true]) {
        const engine = createMiniEngine({ seed, width: 64, height: 36 });
        const intro = named
          ? 'Nora, a woman in a red coat, and Mia, a woman in a blue coat, talk in the park.'
          : 'A woman in a red coat and a woman in a blue coat talk in the park.';
        const first = await run(engine, intro, 3);
        const [a, b] = first[2]!.at(-1)!.figures.map((figure) => figure.appearance);
        const later = await run(engine, named ? 'Nora sits on a bench.' : 'She sits on a bench.', 2);
        const x = figureOf(later, 1, named ? /^Nora$/ : /^She$/);
        const apart = appearanceDistance(a!, b!);
        // how far the figure stays from the woman it is NOT closest to, relative to how far apart they were
        const ratio = Math.max(appearanceDistance(x, a!), appearanceDistance(x, b!)) / apart;
        (named ? namedRatios : leakRatios).push(ratio);
        await engine.release();
      }
    }
    console.log(
      '(b) far-distance ratio, pronoun',
      leakRatios.map((r) => r.toFixed(2)),
      'named',
      namedRatios.map((r) => r.toFixed(2)),
    );
    expect(mean(leakRatios)).toBeLessThan(0.8);
    expect(mean(namedRatios)).toBeGreaterThan(0.9);
  });

  it('(c) a figure the new prompt fails to bind is duplicated after a swap, and recache removes it', async () => {
    const swapped: number[] = [];
    const recached: number[] = [];
    for (const seed of seeds) {
      for (const recache of [false, true]) {
        const engine = createMiniEngine({ seed, width: 64, height: 36 });
        await run(engine, 'A tall man in a green jacket reads in the library.', 3);
        const after = await run(engine, 'Ravi walks to the window of the library.', 2, { recache });
        const counts = after.flatMap((record) =>
          record.filter((_, index) => index % 4 === 0).map((entry) => entry.figures.length),
        );
        (recache ? recached : swapped).push(mean(counts));
        await engine.release();
      }
    }
    console.log('(c) figures per frame after the switch (1 mention): swap', swapped, 'recache', recached);
    expect(mean(swapped)).toBeGreaterThan(1.5);
    expect(mean(recached)).toBeLessThan(1.2);
  });
});
