import { describe, expect, it } from 'vitest';
import type { GeneratedChunk } from '../engine/engine.js';
import type { VideoFrame } from '../frame/video-frame.js';
import type { LiveEvent } from './live-event.js';
import { createRunHub } from './run-hub.js';
import { createFrameStreamer } from './stream-frames.js';

const frame = (value: number): VideoFrame => ({
  width: 8,
  height: 8,
  data: new Uint8Array(8 * 8 * 3).fill(value),
});
const chunk = (index: number) => ({ chunk: index, startFrame: index * 3 }) as GeneratedChunk;

describe('createFrameStreamer', () => {
  it('publishes every frame in order while someone watches, each chunk`s last frame otherwise', async () => {
    const hub = createRunHub();
    const streamer = createFrameStreamer({ hub });
    streamer.push(chunk(0), [frame(1), frame(2), frame(3)], 4);
    const seen: number[] = [];
    hub.subscribe((event: LiveEvent) => {
      if (event.type === 'frame') seen.push(event.frame);
    });
    await streamer.drain();
    streamer.push(chunk(1), [frame(4), frame(5), frame(6)], 4);
    await streamer.drain();
    expect(seen).toEqual([2, 12, 13, 14]);
    expect(streamer.stats()).toMatchObject({ encoded: 4, skipped: 2 });
  });

  it('skips frames instead of waiting when the encoder lags', async () => {
    const hub = createRunHub();
    hub.subscribe(() => {});
    const streamer = createFrameStreamer({ hub, maxPending: 2 });
    streamer.push(chunk(0), [frame(1), frame(2), frame(3), frame(4)], 4);
    await streamer.drain();
    expect(streamer.stats()).toMatchObject({ encoded: 2, skipped: 2 });
  });
});

describe('createRunHub', () => {
  it('replays the history and the latest frame to a late viewer, and nothing after close', () => {
    const hub = createRunHub();
    hub.publish({ type: 'status', status: 'running' });
    hub.publish({ type: 'frame', frame: 0, chunk: 0, jpeg: 'a', latencyMs: 1 });
    hub.publish({ type: 'frame', frame: 1, chunk: 0, jpeg: 'b', latencyMs: 1 });
    const seen: string[] = [];
    const stop = hub.subscribe((event) =>
      seen.push(event.type === 'frame' ? `frame ${event.frame}` : event.type),
    );
    expect(seen).toEqual(['status', 'frame 1']);
    expect(hub.viewers()).toBe(1);
    stop();
    expect(hub.viewers()).toBe(0);
    hub.close();
    hub.publish({ type: 'status', status: 'done' });
    expect(seen).toHaveLength(2);
  });
});
