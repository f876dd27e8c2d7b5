import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CausalVideoEngineV1 } from '../engine/engine.js';
import { createMiniEngine } from '../engine/mini/mini-engine.js';
import { IamflowError } from '../errors/index.js';
import { encodePng } from '../frame/encode-png.js';
import type { VideoFrame } from '../frame/video-frame.js';
import { eventsOfType } from '../memory/memory-event.js';
import { createFakeEngine } from '../pipeline/__fixtures__/fake-engine.js';
import { generateVideo } from '../pipeline/generate-video.js';
import { runJsonSchema } from '../pipeline/run-json.js';
import { parseScriptText } from '../script/parse-script-text.js';
import { buildTimeline } from '../script/timeline.js';
import { createCollectSink } from './collect-sink.js';
import { createRunDirSink } from './create-run-dir-sink.js';
import { runScript } from './run-script.js';
import type { FrameEncoder } from './run-sink.js';
import type { EngineFactory } from './run-spec.js';

const fakeEncoder = (): FrameEncoder => ({ write: () => {}, close: async () => {}, abort: async () => {} });
const silent = () => ({ specificationVersion: 'v1' as const, name: 'none', transition: 'swap' as const });

const size = { width: 96, height: 54 };
const prompts = [
  'Nora, a woman with red hair and a yellow coat, walks in the park.',
  'Nora sits on a bench in the park.',
];

/** A picture (the first frame of another seed's video) and a script beside it that starts from it. */
async function story() {
  const source = createMiniEngine({ seed: 9, ...size });
  await source.generateChunk({ prompt: await source.encodePrompt(prompts[0]!) });
  const picture = (await source.decodeChunk(0))[0]!;
  await source.release();
  const dir = await mkdtemp(join(tmpdir(), 'iamflow-start-'));
  await writeFile(join(dir, 'opening.png'), encodePng(picture));
  const text = JSON.stringify({ id: 'start', prompts, seconds: [2, 2], startImage: 'opening.png' });
  const script = parseScriptText(text, { path: join(dir, 'story.jsonl') }).scripts[0]!;
  return { picture, script };
}

const meanAbsolute = (first: VideoFrame, second: VideoFrame) =>
  first.data.reduce((sum, value, index) => sum + Math.abs(value - second.data[index]!), 0) /
  first.data.length;

/** The mini engine, with or without its image-to-video ability (then the policy's bank is the fallback). */
const mini =
  (imageToVideo: boolean): EngineFactory =>
  ({ steps: _steps, ...settings }) => {
    const engine = createMiniEngine(settings);
    return imageToVideo
      ? engine
      : ({ ...engine, info: { ...engine.info, imageToVideo: false } } as CausalVideoEngineV1);
  };

async function generate(policy: string, imageToVideo: boolean) {
  const { picture, script } = await story();
  const sink = createCollectSink();
  const { result } = await runScript(
    { script, policy: { name: policy }, seed: 4, size, engine: mini(imageToVideo) },
    sink,
  );
  return { picture, script, result, frames: sink.frames };
}

describe('a start image in a run', () => {
  it('longlive on an image-to-video engine starts from the picture: chunk 0 holds one denoised frame less', async () => {
    const started = await generate('longlive', true);
    const plain = await generate('longlive', false);
    // Measured (seed 4, 96x54): first frame 0.98 of 255 from the picture with it, 5.8 without (another seed's).
    expect(meanAbsolute(started.frames[0]!, started.picture)).toBeLessThan(1.5);
    expect(meanAbsolute(plain.frames[0]!, plain.picture)).toBeGreaterThan(3);
    const latent = started.result.timeline.totalLatentFrames;
    expect(started.result.costs.generatedFrames).toBe(latent - 1);
    expect(plain.result.costs.generatedFrames).toBe(latent);
    expect(eventsOfType(started.result.memoryEvents, 'reference-encode')).toEqual([]);
  }, 60_000);

  it('records in run.json which happened: sink, bank (iamflow without the ability) or unused', async () => {
    const cases: Array<[string, boolean, string]> = [
      ['iamflow', true, 'sink'],
      ['memflow', true, 'sink'],
      ['iamflow', false, 'bank'],
      ['longlive', false, 'unused'],
    ];
    for (const [policy, imageToVideo, use] of cases) {
      const { script } = await story();
      const dir = await mkdtemp(join(tmpdir(), 'iamflow-start-run-'));
      const { runJson, result } = await runScript(
        { script, policy: { name: policy }, seed: 4, size, engine: mini(imageToVideo) },
        createRunDirSink({ dir, createEncoder: fakeEncoder }),
        { now: () => 'now' },
      );
      const banked = eventsOfType(result.memoryEvents, 'reference-encode').filter(
        (event) => event.reference === 'start',
      );
      // Never both: an engine that took the picture into its sink leaves the policy without it.
      expect(banked.length, `${policy} ${use}`).toBe(use === 'bank' ? 1 : 0);
      expect(runJsonSchema.parse(runJson).startImage).toEqual({ path: 'opening.png', use });
    }
  }, 120_000);

  it('passes the picture with chunk 0 only, and refuses it for an engine without the ability', async () => {
    const { picture, script } = await story();
    const engine = createFakeEngine({ info: { imageToVideo: true } });
    const timeline = buildTimeline(script, engine.info);
    await generateVideo({ script, engine, timeline, seed: 1, policy: silent, startImage: picture });
    expect(engine.calls.filter((call) => call.startsWith('generate:'))).toEqual([
      'generate:0:start-image',
      ...Array.from({ length: timeline.totalChunks - 1 }, (_, index) => `generate:${index + 1}`),
    ]);
    const blind = createFakeEngine();
    const refused = await generateVideo({
      script,
      engine: blind,
      timeline,
      seed: 1,
      policy: silent,
      startImage: picture,
    }).catch((caught: unknown) => caught);
    expect(IamflowError.isInstance(refused)).toBe(true);
    expect(String((refused as Error).message)).toMatch(/cannot start a video from an image/);
    expect(blind.calls).toEqual([]);
  });
});
