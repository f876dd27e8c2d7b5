import { describe, expect, it } from 'vitest';
import { IamflowError } from '../errors/index.js';
import { buildTimeline } from '../script/timeline.js';
import { createFakeEngine } from './__fixtures__/fake-engine.js';
import { generateVideo } from './generate-video.js';
import { createLivePrompts } from './live-prompts.js';
import { keepsPast, scriptOfTimeline, timelineFromChunks } from './prompt-source.js';

const script = {
  id: 's',
  fps: 16,
  prompts: ['Nora walks.', 'Ravi waves.'],
  seconds: [3, 3],
  source: { path: 'x' },
};
const timeline = buildTimeline(script);
const spans = (t: typeof timeline) => t.segments.map((s) => [s.prompt, s.startChunk, s.endChunk]);

describe('createLivePrompts', () => {
  it('changes nothing until edited', () => {
    const live = createLivePrompts(timeline);
    expect(live.timelineAt(0, timeline)).toBe(timeline);
    expect(live.nextChunk()).toBe(1);
  });

  it('inserts inside a segment: the new prompt takes its rest, later prompts move back', () => {
    const live = createLivePrompts(timeline);
    live.timelineAt(1, timeline);
    expect(live.insert('A red umbrella opens.')).toEqual({
      kind: 'insert',
      chunk: 2,
      segment: 1,
      text: 'A red umbrella opens.',
    });
    expect(spans(live.timeline())).toEqual([
      ['Nora walks.', 0, 2],
      ['A red umbrella opens.', 2, 4],
      ['Ravi waves.', 4, 8],
    ]);
    expect(keepsPast(timeline, live.timeline(), 2)).toBe(true);
  });

  it('inserts at a boundary with the given length', () => {
    const live = createLivePrompts(timeline);
    live.timelineAt(3, timeline);
    live.insert('Rain starts.', { chunks: 2 });
    expect(spans(live.timeline())).toEqual([
      ['Nora walks.', 0, 4],
      ['Rain starts.', 4, 6],
      ['Ravi waves.', 6, 10],
    ]);
  });

  it('edits an upcoming prompt and refuses a started one', () => {
    const live = createLivePrompts(timeline);
    live.timelineAt(0, timeline);
    live.edit(1, 'Ravi runs.');
    expect(spans(live.timeline())).toEqual([
      ['Nora walks.', 0, 4],
      ['Ravi runs.', 4, 8],
    ]);
    expect(() => live.edit(0, 'x')).toThrow(/started at chunk 0/);
    expect(() => live.edit(5, 'x')).toThrow(/no prompt 5/);
    expect(() => live.insert('  ')).toThrow(/needs some text/);
    expect(live.edits().map((e) => e.kind)).toEqual(['edit']);
  });

  it('lays chunk-exact seconds that buildTimeline lays out again identically', () => {
    const edited = timelineFromChunks(timeline, [
      { prompt: 'a', chunks: 13 },
      { prompt: 'b', chunks: 1 },
      { prompt: 'c', chunks: 7 },
    ]);
    expect(buildTimeline({ ...scriptOfTimeline(edited), fps: 16 })).toEqual(edited);
  });
});

describe('generateVideo with a prompt source', () => {
  it('switches at the next chunk boundary with the policy transition and reports the timeline followed', async () => {
    const engine = createFakeEngine();
    const live = createLivePrompts(timeline);
    const recached: string[] = [];
    const recache = engine.recache.bind(engine);
    engine.recache = async (prompt) => {
      recached.push(prompt.text);
      return recache(prompt);
    };
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      policy: { specificationVersion: 'v1', name: 'test', transition: 'recache' },
      prompts: live,
      onChunk: (progress) => {
        if (progress.chunksDone === 1) live.insert('A red umbrella opens.', { chunks: 1 });
      },
    });
    // The inserted prompt replaces the rest of the interrupted one; the next prompt follows it.
    expect(result.chunks.map((c) => c.segment)).toEqual([0, 1, 2, 2, 2, 2]);
    expect(result.prompts.map((p) => p.text)).toEqual([
      'Nora walks.',
      'A red umbrella opens.',
      'Ravi waves.',
    ]);
    expect(recached).toEqual(['A red umbrella opens.', 'Ravi waves.']);
    expect(result.switches.map((s) => s.chunk)).toEqual([1, 2]);
    expect(spans(result.timeline)).toEqual([
      ['Nora walks.', 0, 1],
      ['A red umbrella opens.', 1, 2],
      ['Ravi waves.', 2, 6],
    ]);
  });

  it('blends into an inserted prompt with the soft transition', async () => {
    const engine = createFakeEngine();
    const live = createLivePrompts(timeline);
    const blends: (number | null)[] = [];
    const generate = engine.generateChunk.bind(engine);
    engine.generateChunk = async (options) => {
      blends.push(options.blend ? options.blend.alpha : null);
      return generate(options);
    };
    const result = await generateVideo({
      script,
      engine,
      timeline,
      seed: 1,
      policy: { specificationVersion: 'v1', name: 'test', transition: 'soft' },
      prompts: live,
      onChunk: (progress) => {
        if (progress.chunksDone === 1) live.insert('A red umbrella opens.');
      },
    });
    expect(result.switches.map((s) => [s.chunk, s.transition])).toEqual([
      [1, 'soft'],
      [4, 'soft'],
    ]);
    // The inserted prompt starts at chunk 1 blended from the old one: alpha 0 for the delay, then a ramp.
    expect(blends[0]).toBeNull();
    expect(blends[1]).toBe(0);
    expect(blends.slice(1, 4).every((alpha) => alpha !== null)).toBe(true);
  });

  it('rejects a source that rewrites the past', async () => {
    const run = generateVideo({
      script,
      engine: createFakeEngine(),
      timeline,
      seed: 1,
      policy: { specificationVersion: 'v1', name: 'test', transition: 'swap' },
      prompts: {
        timelineAt: (chunk) =>
          chunk === 2 ? timelineFromChunks(timeline, [{ prompt: 'other', chunks: 8 }]) : undefined,
      },
    });
    await expect(run).rejects.toThrow(IamflowError);
    await expect(run).rejects.toThrow(/started before chunk 2/);
  });
});
