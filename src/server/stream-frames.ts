import type { GeneratedChunk } from '../engine/engine.js';
import type { VideoFrame } from '../frame/video-frame.js';
import { encodeJpeg, encodeJpegSync } from './encode-jpeg.js';
import type { RunHub } from './run-hub.js';

/** Settings of {@link createFrameStreamer}. */
export interface FrameStreamerSettings {
  hub: RunHub;
  /** JPEG quality 1..100. Default 80. */
  quality?: number;
  /** Frames waiting for the encoder beyond which new frames are skipped (the run never waits). Default 48. */
  maxPending?: number;
  /** Milliseconds clock; default `performance.now`. */
  clock?: () => number;
}

/** Turns decoded frames into JPEG `frame` events, in order, without ever holding the run up. */
export interface FrameStreamer {
  /** Takes a chunk's frames (copied at once); returns immediately. */
  push(chunk: GeneratedChunk, frames: readonly VideoFrame[], videoFramesPerLatent: number): void;
  /** Resolves when every pushed frame was encoded or skipped. */
  drain(): Promise<void>;
  /** Frames skipped because the encoder lagged, and encoder time in ms. */
  stats(): { encoded: number; skipped: number; encodeMs: number };
}

/**
 * Encodes frames for live viewers. With nobody watching only each chunk's last frame is encoded (a late viewer
 * sees the current picture at once); with viewers every frame is.
 *
 * @example
 * const streamer = createFrameStreamer({ hub });
 * sink.onFrames = (chunk, frames) => streamer.push(chunk, frames, 4);
 */
export function createFrameStreamer(settings: FrameStreamerSettings): FrameStreamer {
  const { hub } = settings;
  const clock = settings.clock ?? (() => performance.now());
  const maxPending = settings.maxPending ?? 48;
  let chain: Promise<void> = Promise.resolve();
  let pending = 0;
  let encoded = 0;
  let skipped = 0;
  let encodeMs = 0;
  return {
    push(chunk, frames, videoFramesPerLatent) {
      const first = chunk.startFrame * videoFramesPerLatent;
      const pushedAt = clock();
      frames.forEach((frame, i) => {
        const wanted = hub.viewers() > 0 || i === frames.length - 1;
        if (!wanted || pending >= maxPending) {
          skipped += 1;
          return;
        }
        pending += 1;
        const copy: VideoFrame = { ...frame, data: frame.data.slice() };
        const quality = settings.quality ?? 80;
        const t0 = clock();
        // A chunk's first frame (its only one when nobody watches) is encoded here, so it leaves at once (the loop's
        // next turn sends it); the others on the thread pool, several in parallel. All are published in order.
        let encoding: Promise<Buffer>;
        if (i === 0 || hub.viewers() === 0) {
          encoding = Promise.resolve(encodeJpegSync(copy, quality));
          encodeMs += clock() - t0;
        } else {
          encoding = encodeJpeg(copy, quality).then((jpeg) => {
            encodeMs += clock() - t0;
            return jpeg;
          });
        }
        const publish = (jpeg: Buffer) => {
          encoded += 1;
          hub.publish({
            type: 'frame',
            frame: first + i,
            chunk: chunk.chunk,
            jpeg: jpeg.toString('base64'),
            latencyMs: clock() - pushedAt,
          });
        };
        chain = chain.then(async () => {
          try {
            publish(await encoding);
          } catch {
            skipped += 1;
          } finally {
            pending -= 1;
          }
        });
      });
    },
    drain: () => chain,
    stats: () => ({ encoded, skipped, encodeMs }),
  };
}
