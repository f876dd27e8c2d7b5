import { describe, expect, it } from 'vitest';
import { buildTimeline } from './timeline.js';

const six = { prompts: ['a', 'b', 'c', 'd', 'e', 'f'], seconds: [10, 10, 10, 10, 10, 10], fps: 16 };

describe('buildTimeline', () => {
  it('snaps the reference switch frames down to chunk multiples', () => {
    const timeline = buildTimeline(six);
    expect(timeline.segments.map((s) => s.startFrame)).toEqual([0, 39, 78, 120, 159, 198]);
    expect(timeline.totalLatentFrames).toBe(240);
    expect(timeline.totalChunks).toBe(80);
    expect(timeline.totalVideoFrames).toBe(960);
  });

  it('keeps at least one chunk per prompt', () => {
    const timeline = buildTimeline({ prompts: ['a', 'b'], seconds: [0.1, 0.1], fps: 16 });
    expect(timeline.segments.map((s) => [s.startFrame, s.endFrame])).toEqual([
      [0, 3],
      [3, 6],
    ]);
  });

  it('honours per-prompt durations', () => {
    const timeline = buildTimeline({ prompts: ['a', 'b'], seconds: [5, 15], fps: 16 });
    expect(timeline.segments.map((s) => s.startFrame)).toEqual([0, 18]);
    expect(timeline.totalLatentFrames).toBe(81);
  });
});

describe('buildTimeline on the example scripts', () => {
  it('lays harbor.yaml (10, 10, 8, 12 s = boundaries 40, 80, 112, 160) on chunk multiples', async () => {
    const { readScript } = await import('./read-script.js');
    const harbor = await readScript(new URL('../../examples/harbor.yaml', import.meta.url).pathname);
    const timeline = buildTimeline(harbor);
    expect(timeline.segments.map((s) => [s.startFrame, s.endFrame])).toEqual([
      [0, 39],
      [39, 78],
      [78, 111],
      [111, 159],
    ]);
    // 40 s = 160 latent frames, rounded to whole chunks of 3 (53 chunks).
    expect(timeline.totalVideoFrames).toBe(636);
  });
});
