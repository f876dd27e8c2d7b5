import { describe, expect, it, vi } from 'vitest';
import { appearanceDistance } from './appearance.js';
import { conditionOn } from './conditioning.js';
import { generateFrame, writeCache } from './generator.js';
import { kernels } from './kernels.js';
import { createMiniEngine } from './mini-engine.js';
import { shiftedSigmas } from './settings.js';
import { analyzePrompt } from './text-encoder.js';
import type { ContextFrame, LatentFrame } from './tokens.js';

const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const YELLOW = [240 / 255, 210 / 255, 50 / 255];

/** Frame-to-frame jitter of Nora's look and the error of her stated coat colour, over 8 seeds x 24 frames. */
async function noiseAt(settings: { steps?: number; denoisingSteps?: number[] }) {
  const jitter: number[] = [];
  const coatError: number[] = [];
  for (const seed of seeds) {
    const engine = createMiniEngine({ seed, width: 32, height: 18, ...settings });
    const prompt = await engine.encodePrompt(
      'Nora, a woman with red hair and a yellow coat, stands in the park.',
    );
    let previous: number[] | undefined;
    for (let chunk = 0; chunk < 8; chunk++) {
      const generated = await engine.generateChunk({ prompt });
      for (const entry of engine.renderRecord(generated.chunk).filter((_, index) => index % 4 === 0)) {
        const look = entry.figures.find((figure) => figure.mention?.startsWith('Nora'))?.appearance;
        if (look === undefined) continue;
        if (previous !== undefined) jitter.push(appearanceDistance(previous, look));
        previous = look;
        coatError.push(Math.hypot(...YELLOW.map((value, channel) => look[13 + channel]! - value)));
      }
    }
    await engine.release();
  }
  return { jitter: mean(jitter), coatError: mean(coatError) };
}

describe('mini engine denoising', () => {
  it('fewer steps give a noisier result (jitter and stated-colour error fall with steps)', async () => {
    const curve = [];
    for (const steps of [1, 2, 4, 8, 16]) curve.push({ steps, ...(await noiseAt({ steps })) });
    for (const point of curve)
      console.log(
        `steps ${point.steps}: jitter ${point.jitter.toFixed(4)}, coat error ${point.coatError.toFixed(4)}`,
      );
    for (let index = 1; index < curve.length; index++) {
      expect(curve[index]!.jitter).toBeLessThan(curve[index - 1]!.jitter);
      expect(curve[index]!.coatError).toBeLessThan(curve[index - 1]!.coatError);
    }
    // a stated colour lands near its palette value, not on it
    const four = curve.find((point) => point.steps === 4)!;
    expect(four.coatError).toBeGreaterThan(0.005);
    expect(four.coatError).toBeLessThan(0.1);
  });

  it('the timesteps matter: the same step count at other timesteps gives another video', async () => {
    const records = async (denoisingSteps: number[]) => {
      const engine = createMiniEngine({ seed: 5, width: 32, height: 18, denoisingSteps });
      const prompt = await engine.encodePrompt('A man in a blue coat walks in the park.');
      const output = [];
      for (let chunk = 0; chunk < 3; chunk++)
        output.push(engine.renderRecord((await engine.generateChunk({ prompt })).chunk));
      await engine.release();
      return output;
    };
    expect(await records([999, 998, 997, 250])).not.toEqual(await records([1000, 750, 500, 250]));
  });

  it('a soft transition is continuous in alpha (the largest change, bisected, vanishes)', () => {
    const sigmas = shiftedSigmas([1000, 750, 500, 250], 5);
    const from = analyzePrompt('Nora, a woman with red hair and a yellow coat, walks in the park.');
    const to = analyzePrompt('A tall man with a gray beard and a blue jacket sits in the library, close-up.');
    for (const seed of seeds) {
      const frames: LatentFrame[] = [];
      const context = (): ContextFrame[] =>
        frames.map((frame) => ({
          position: frame.index,
          part: 'local',
          scene: frame.scene,
          cache: frame.cache,
        }));
      for (let index = 0; index < 6; index++) {
        const frame = generateFrame({
          index,
          context: context(),
          conditioning: conditionOn(from, undefined),
          sigmas,
          seed,
        });
        frame.cache = writeCache(frame, context(), conditionOn(from, undefined));
        frames.push(frame);
      }
      const stateAt = (alpha: number) => {
        const frame = generateFrame({
          index: 6,
          context: context(),
          conditioning: conditionOn(to, { from, alpha }),
          sigmas,
          seed,
        });
        return [...frame.slots.flatMap((slot) => [...slot.state]), ...frame.scene.state];
      };
      // The largest change between neighbours on a grid of 100 alphas, bisected 30 times: a jump would keep its
      // size; a continuous (if steep) output shrinks to nothing.
      let worst = { change: 0, lower: 0, upper: 0, entry: 0 };
      let previous = stateAt(0);
      for (let step = 1; step <= 100; step++) {
        const current = stateAt(step / 100);
        for (const [entry, value] of current.entries()) {
          const change = Math.abs(value - previous[entry]!);
          if (change > worst.change) worst = { change, lower: (step - 1) / 100, upper: step / 100, entry };
        }
        previous = current;
      }
      expect(
        Math.max(...stateAt(1).map((value, entry) => Math.abs(value - stateAt(0)[entry]!))),
      ).toBeGreaterThan(0.2);
      let { lower, upper } = worst;
      for (let round = 0; round < 30; round++) {
        const middle = (lower + upper) / 2;
        const [low, mid, high] = [lower, middle, upper].map((alpha) => stateAt(alpha)[worst.entry]!);
        if (Math.abs(mid! - low!) > Math.abs(high! - mid!)) upper = middle;
        else lower = middle;
      }
      expect(Math.abs(stateAt(upper)[worst.entry]! - stateAt(lower)[worst.entry]!)).toBeLessThan(1e-3);
    }
  });

  it('counters equal the attention dot products actually computed (instrumented)', async () => {
    const spy = vi.spyOn(kernels, 'dot');
    try {
      const engine = createMiniEngine({ seed: 9, width: 32, height: 18 });
      const first = await engine.encodePrompt('Nora, a woman in a yellow coat, walks in the park.');
      const second = await engine.encodePrompt('A man in a blue hoodie reads in the library.');
      let calls = spy.mock.calls.length;
      for (let chunk = 0; chunk < 4; chunk++) await engine.generateChunk({ prompt: first });
      await engine.storeFrame(4, 'kept');
      await engine.setBank(['kept']);
      expect(engine.costs().attentionOps).toBe(spy.mock.calls.length - calls);
      const before = engine.costs().attentionOps;
      calls = spy.mock.calls.length;
      await engine.recache(second);
      const recache = engine.costs().attentionOps - before;
      expect(recache).toBe(spy.mock.calls.length - calls);
      expect(recache).toBeGreaterThan(0);
      calls = spy.mock.calls.length;
      const previous = engine.costs().attentionOps;
      await engine.generateChunk({ prompt: second, blend: { from: first, alpha: 0.3 } });
      expect(engine.costs().attentionOps - previous).toBe(spy.mock.calls.length - calls);
      await engine.decodeChunk(0);
      expect(engine.costs().attentionOps - previous).toBe(spy.mock.calls.length - calls);
      await engine.release();
    } finally {
      spy.mockRestore();
    }
  });
});
