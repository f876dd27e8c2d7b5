import { type FileHandle, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GeneratedChunk, RenderRecordEntry } from '../../engine/engine.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import type { RunJson } from '../../pipeline/run-json.js';
import type { Timeline } from '../../script/timeline.js';
import { ensureWritableDir } from '../ensure-writable-dir.js';

/** A streaming video writer (the shape of `createMp4Encoder`). */
export interface FrameEncoder {
  /** Appends one frame. */
  write(frame: VideoFrame): Promise<void> | void;
  /** Finishes the file (what it resolves with is not read). */
  close(): Promise<unknown>;
  /** Stops and removes the partial file. */
  abort(): Promise<void>;
}

/** The files of one run in its output folder; each appears complete or not at all, run.json last. */
export interface RunOutputs {
  /** File names relative to the folder, for run.json. */
  files: RunJson['outputs'];
  /** Streams a chunk's frames to the video, keeps keyframes, appends the render record. */
  onFrames(chunk: GeneratedChunk, frames: VideoFrame[], record?: RenderRecordEntry[]): Promise<void>;
  /** Finishes the video and render record, writes the keyframes, then run.json (temp file + rename). */
  commit(runJson: RunJson): Promise<void>;
  /** Removes what this run started (partial files only); earlier runs' complete files stay. */
  abort(): Promise<void>;
}

const names = { video: 'video.mp4', renderRecord: 'render.jsonl', runJson: 'run.json' } as const;

/** Makes sure `out` is a writable folder with a `keyframes` folder, turning failures into InputErrors. */
export async function prepareOutputDir(out: string, absolute: string): Promise<void> {
  await ensureWritableDir('--out', out, absolute);
  await ensureWritableDir('--out', out, join(absolute, 'keyframes'));
}

/**
 * Opens the outputs of a run in `out` (already prepared): the encoder, a partial render record, and the keyframe
 * plan (the middle video frame of each segment).
 */
export async function openRunOutputs(options: {
  out: string;
  timeline: Timeline;
  encoder: FrameEncoder;
  writePng: (path: string, frame: VideoFrame) => Promise<void>;
  renderRecord: boolean;
  /** Frames the encoder may lag behind generation, so ffmpeg works while the next chunk is made. Default 24. */
  bufferedFrames?: number;
}): Promise<RunOutputs> {
  const { out, timeline, encoder } = options;
  const plan = new Map(
    timeline.segments.map((s) => [
      Math.floor(((s.startFrame + s.endFrame) * timeline.videoFramesPerLatent) / 2),
      `keyframes/prompt-${String(s.index + 1).padStart(2, '0')}.png`,
    ]),
  );
  const kept = new Map<string, VideoFrame>();
  const video = createWriteBehind(encoder, options.bufferedFrames ?? 24);
  const renderPath = join(out, names.renderRecord);
  let records: FileHandle | undefined = options.renderRecord
    ? await open(`${renderPath}.part`, 'w')
    : undefined;
  const files: RunJson['outputs'] = {
    video: names.video,
    renderRecord: records ? names.renderRecord : null,
    keyframes: [...plan.values()],
    runJson: names.runJson,
  };

  return {
    files,
    async onFrames(chunk, frames, record) {
      const first = chunk.startFrame * timeline.videoFramesPerLatent;
      for (const [i, frame] of frames.entries()) {
        await video.write(frame);
        const keyframe = plan.get(first + i);
        // Copied: an engine may reuse its frame buffers.
        if (keyframe) kept.set(keyframe, { ...frame, data: frame.data.slice() });
      }
      if (records && record) await records.write(record.map((e) => `${JSON.stringify(e)}\n`).join(''));
    },
    async commit(runJson) {
      await video.drain();
      await encoder.close();
      if (records) {
        await records.close();
        records = undefined;
        await rename(`${renderPath}.part`, renderPath);
      }
      for (const [name, frame] of kept) await options.writePng(join(out, name), frame);
      const path = join(out, names.runJson);
      await writeFile(`${path}.part`, `${JSON.stringify(runJson, null, 2)}\n`);
      await rename(`${path}.part`, path);
    },
    async abort() {
      await video.drain().catch(() => {});
      await encoder.abort().catch(() => {});
      if (records) {
        await records.close().catch(() => {});
        await rm(`${renderPath}.part`, { force: true });
      }
    },
  };
}

/**
 * Lets up to `limit` frames wait for the encoder instead of blocking generation on every pipe write; a write error
 * surfaces at the next `write` or at `drain`.
 */
function createWriteBehind(encoder: FrameEncoder, limit: number) {
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
