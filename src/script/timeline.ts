import { reference } from '../reference/index.js';
import type { Script } from './script.js';

/** Reference defaults of DESIGN.md. */
export const timelineDefaults = {
  /** Video frames per second. */
  fps: reference.video.fps,
  /** Video frames per latent frame. */
  videoFramesPerLatent: reference.video.videoFramesPerLatent,
  /** Latent frames per generated chunk. */
  chunkFrames: reference.video.chunkFrames,
  /** Seconds per prompt when a script does not say. */
  secondsPerPrompt: reference.video.secondsPerPrompt,
} as const;

/** One prompt's span on the latent timeline. */
export interface Segment {
  /** 0-based prompt index. */
  index: number;
  prompt: string;
  /** First latent frame (inclusive), a chunk multiple. */
  startFrame: number;
  /** Last latent frame (exclusive), a chunk multiple. */
  endFrame: number;
  /** First chunk index (inclusive). */
  startChunk: number;
  /** Last chunk index (exclusive). */
  endChunk: number;
}

/** The latent-frame layout of a whole run. */
export interface Timeline {
  fps: number;
  videoFramesPerLatent: number;
  chunkFrames: number;
  totalLatentFrames: number;
  totalChunks: number;
  /** totalLatentFrames * videoFramesPerLatent. */
  totalVideoFrames: number;
  segments: Segment[];
}

/**
 * Lays the prompts of a script on the latent timeline: a prompt lasts `seconds * fps / videoFramesPerLatent`
 * latent frames; switch frames are snapped down to chunk multiples (40, 80, 120 -> 39, 78, 120); the end is
 * rounded to whole chunks. Every segment keeps at least one chunk.
 *
 * @example
 * buildTimeline(script).segments.map((s) => s.startFrame) // [0, 39, 78, 120, 159, 198] for 6 x 10 s
 */
export function buildTimeline(
  script: Pick<Script, 'prompts' | 'seconds' | 'fps'>,
  options: { videoFramesPerLatent?: number; chunkFrames?: number } = {},
): Timeline {
  const videoFramesPerLatent = options.videoFramesPerLatent ?? timelineDefaults.videoFramesPerLatent;
  const chunkFrames = options.chunkFrames ?? timelineDefaults.chunkFrames;
  const latentPerSecond = script.fps / videoFramesPerLatent;
  const boundaries: number[] = [];
  let elapsed = 0;
  for (const seconds of script.seconds) {
    elapsed += seconds * latentPerSecond;
    boundaries.push(elapsed);
  }
  const total = Math.max(chunkFrames, Math.round((boundaries.at(-1) ?? 0) / chunkFrames) * chunkFrames);
  const starts = [0];
  for (let i = 0; i < script.prompts.length - 1; i++) {
    const snapped = Math.floor(Math.round(boundaries[i]!) / chunkFrames) * chunkFrames;
    starts.push(Math.max(snapped, starts[i]! + chunkFrames));
  }
  const segments = script.prompts.map((prompt, index) => {
    const startFrame = starts[index]!;
    const endFrame = Math.max(
      index + 1 < starts.length ? starts[index + 1]! : total,
      startFrame + chunkFrames,
    );
    return {
      index,
      prompt,
      startFrame,
      endFrame,
      startChunk: startFrame / chunkFrames,
      endChunk: endFrame / chunkFrames,
    };
  });
  const totalLatentFrames = segments.at(-1)?.endFrame ?? total;
  return {
    fps: script.fps,
    videoFramesPerLatent,
    chunkFrames,
    totalLatentFrames,
    totalChunks: totalLatentFrames / chunkFrames,
    totalVideoFrames: totalLatentFrames * videoFramesPerLatent,
    segments,
  };
}

/** The segment that holds a latent frame. */
export function segmentAt(timeline: Timeline, latentFrame: number): Segment {
  const found = timeline.segments.find((s) => latentFrame >= s.startFrame && latentFrame < s.endFrame);
  return found ?? timeline.segments.at(-1)!;
}
