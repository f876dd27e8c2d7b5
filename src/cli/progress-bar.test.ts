import { describe, expect, it } from 'vitest';
import { createProgressBar, formatDuration, formatProgress } from './progress-bar.js';

describe('formatProgress', () => {
  it('shows the bar, chunks, decoded frames per second and ETA', () => {
    // 240 frames in 4 s = 60 fps; 720 frames left -> 12 s
    expect(
      formatProgress(
        { chunksDone: 20, totalChunks: 80, videoFramesDone: 240, totalVideoFrames: 960, elapsedMs: 4000 },
        20,
      ),
    ).toBe('[#####...............] 20/80 chunks    60.0 fps  ETA 0:12');
  });

  it('has no ETA before anything was measured', () => {
    expect(
      formatProgress(
        { chunksDone: 0, totalChunks: 8, videoFramesDone: 0, totalVideoFrames: 96, elapsedMs: 0 },
        4,
      ),
    ).toBe('[....] 0/8 chunks     0.0 fps  ETA --:--');
  });

  it.each([
    [0, '0:00'],
    [59.6, '1:00'],
    [3725, '1:02:05'],
  ])('formats %f s as %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

describe('createProgressBar', () => {
  it('throttles redraws but always draws the last chunk, and clears on finish', () => {
    const writes: string[] = [];
    let time = 0;
    const bar = createProgressBar({ write: (s: string) => writes.push(s) } as never, { now: () => time });
    const at = (chunksDone: number) => ({
      chunksDone,
      totalChunks: 3,
      videoFramesDone: chunksDone * 12,
      totalVideoFrames: 36,
      elapsedMs: 1000,
    });
    bar.update(at(1));
    time = 50;
    bar.update(at(2));
    bar.update(at(3));
    bar.finish();
    expect(writes).toHaveLength(3);
    expect(writes[1]).toContain('3/3 chunks');
    expect(writes[2]).toBe('\r\x1b[2K');
  });
});
