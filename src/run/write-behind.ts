import type { VideoFrame } from '../frame/video-frame.js';
import type { FrameEncoder } from './run-sink.js';

/**
 * Lets up to `limit` frames wait for the encoder instead of blocking generation on every pipe write; a write error
 * surfaces at the next `write` or at `drain`.
 */
export function createWriteBehind(encoder: FrameEncoder, limit: number) {
  let tail: Promise<void> = Promise.resolve();
  const pending: Promise<void>[] = [];
  let failure: unknown;
  return {
    async write(frame: VideoFrame): Promise<void> {
      if (failure !== undefined) throw failure;
      // Copied: the engine may reuse the buffer before the encoder reads it.
      const copy = { ...frame, data: frame.data.slice() };
      tail = tail.then(async () => {
        if (failure !== undefined) return;
        await Promise.resolve(encoder.write(copy)).catch((error: unknown) => {
          failure = error;
        });
      });
      pending.push(tail);
      // Writes run in order, so waiting for the oldest keeps at most `limit` frames in flight.
      while (pending.length > limit) await pending.shift();
      if (failure !== undefined) throw failure;
    },
    async drain(): Promise<void> {
      pending.length = 0;
      await tail;
      if (failure !== undefined) throw failure;
    },
  };
}
