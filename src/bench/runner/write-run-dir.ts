import { type FileHandle, mkdir, open, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GeneratedChunk, RenderRecordEntry } from '../../engine/engine.js';
import type { VideoFrame } from '../../frame/video-frame.js';
import { createRunJson, type RunJsonDetails } from '../../pipeline/run-json.js';
import type { RunResult } from '../../pipeline/run-result.js';
import { createMp4Encoder, type Mp4Encoder } from '../../video/mp4-encoder.js';

/** Streams one run's outputs to a folder in the layout of `iamflow generate` (video.mp4, render.jsonl, run.json). */
export interface RunDirWriter {
  /** Appends a chunk's frames (and render record) as they are decoded. */
  onFrames(chunk: GeneratedChunk, frames: VideoFrame[], record?: RenderRecordEntry[]): Promise<void>;
  /** Closes the video and writes run.json last. */
  finish(result: RunResult, details: Pick<RunJsonDetails, 'script' | 'seed' | 'engineConfig'>): Promise<void>;
  /** Stops writing after a failure (removes the partial video). */
  abort(): Promise<void>;
}

/** Opens a run folder writer; keyframes are not written by benchmark runs. */
export async function openRunDir(
  dir: string,
  geometry: { width: number; height: number; fps: number },
): Promise<RunDirWriter> {
  await mkdir(dir, { recursive: true });
  const encoder: Mp4Encoder = createMp4Encoder({ path: join(dir, 'video.mp4'), ...geometry });
  const render: FileHandle = await open(join(dir, 'render.jsonl'), 'w');
  let wroteRecord = false;
  return {
    async onFrames(_chunk, frames, record) {
      for (const frame of frames) await encoder.write(frame);
      if (record) {
        wroteRecord = true;
        await render.write(record.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      }
    },
    async finish(result, details) {
      await encoder.close();
      await render.close();
      const runJson = createRunJson(result, {
        ...details,
        policySettings: {},
        outputs: {
          video: 'video.mp4',
          renderRecord: wroteRecord ? 'render.jsonl' : null,
          keyframes: [],
          runJson: 'run.json',
        },
        createdAt: new Date().toISOString(),
      });
      const temporary = join(dir, `run.json.${process.pid}.tmp`);
      await writeFile(temporary, `${JSON.stringify(runJson, null, 2)}\n`);
      await rename(temporary, join(dir, 'run.json'));
    },
    async abort() {
      await encoder.abort().catch(() => {});
      await render.close().catch(() => {});
    },
  };
}
