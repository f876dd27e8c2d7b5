import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleFrames } from '../agents/vlm/sample-frames.js';
import { buildCharacterSheet } from '../characters/build-character-sheet.js';
import { writeCharacterSheet } from '../characters/write-character-sheet.js';
import type { RenderRecordEntry } from '../engine/engine.js';
import { workProfile } from '../engine/work-profile.js';
import { writePng as writePngFile } from '../frame/index.js';
import type { VideoFrame } from '../frame/video-frame.js';
import { iamflowDefaults } from '../memory/iamflow/iamflow-defaults.js';
import { createMp4Encoder } from '../video/mp4-encoder.js';
import { createFrameSpill } from './frame-spill.js';
import type { FrameEncoder, RunOutputFiles, RunSink } from './run-sink.js';
import { createWriteBehind } from './write-behind.js';

/** Settings of {@link createRunDirSink}. */
export interface RunDirSinkSettings {
  /** The run folder (created with its parents). */
  dir: string;
  /** Opens the video writer; default the ffmpeg H.264 encoder (`createMp4Encoder`). */
  createEncoder?: (options: { path: string; width: number; height: number; fps: number }) => FrameEncoder;
  /** Writes one PNG; default `writePng`. */
  writePng?: (path: string, frame: VideoFrame) => Promise<void>;
  /** Frames the encoder may lag behind generation, so ffmpeg works while the next chunk is made. Default 24. */
  bufferedFrames?: number;
  /**
   * Write `characters.json` and `characters/<id>.png` (docs/characters.md). Default true. The sink then keeps each
   * chunk's verifier samples (video frames 0, 4, 8, fitted in 256 x 256: about 26 MB per minute of video).
   */
  characters?: boolean;
  /**
   * Bytes of those samples kept in memory; older ones go to `samples.part` in the run folder until the sheets are
   * written. Default 64 MiB (about 2.5 minutes of video), so a 60 s run never touches the file.
   */
  sampleMemoryBytes?: number;
}

const names = { video: 'video.mp4', renderRecord: 'render.jsonl', runJson: 'run.json' } as const;

/** Writes `text` to `<path>.part`, then renames it over `path`. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.part`, text);
  await rename(`${path}.part`, path);
}

/**
 * The run folder: `video.mp4` (streamed), `keyframes/prompt-NN.png` (the middle frame of each prompt, optional),
 * `render.jsonl` (written after the run), `characters.json` with `characters/<id>.png` (the character sheets) and
 * `run.json` (last). Every file is written under a temporary name and
 * renamed, so each appears complete or not at all, and a failed run leaves an earlier run's files intact.
 *
 * @example
 * const { result } = await runScript(spec, createRunDirSink({ dir: 'out/nora' }));
 */
export function createRunDirSink(settings: RunDirSinkSettings): RunSink {
  const { dir } = settings;
  const writePng = settings.writePng ?? writePngFile;
  const kept = new Map<string, VideoFrame>();
  const renderPath = join(dir, names.renderRecord);
  let keyframePlan = new Map<number, string>();
  let videoFramesPerLatent = 1;
  let encoder: FrameEncoder | undefined;
  let video: ReturnType<typeof createWriteBehind> | undefined;
  let renderPart = false;
  const characters = settings.characters ?? true;
  // The frames the verifier looked at, by video frame index: the character sheets crop them.
  const sampled = createFrameSpill({
    path: join(dir, 'samples.part'),
    memoryBytes: settings.sampleMemoryBytes ?? 64 * 2 ** 20,
  });

  return {
    async open(plan) {
      const { timeline } = plan;
      await mkdir(dir, { recursive: true });
      if (plan.keyframes) {
        await mkdir(join(dir, 'keyframes'), { recursive: true });
        keyframePlan = new Map(
          timeline.segments.map((s) => [
            Math.floor(((s.startFrame + s.endFrame) * timeline.videoFramesPerLatent) / 2),
            `keyframes/prompt-${String(s.index + 1).padStart(2, '0')}.png`,
          ]),
        );
      }
      videoFramesPerLatent = timeline.videoFramesPerLatent;
      const geometry = { width: plan.width, height: plan.height, fps: plan.fps };
      encoder = (settings.createEncoder ?? createMp4Encoder)({ path: join(dir, names.video), ...geometry });
      video = createWriteBehind(encoder, settings.bufferedFrames ?? 24);
      const files: RunOutputFiles = {
        video: names.video,
        renderRecord: plan.renderRecord ? names.renderRecord : null,
        keyframes: [...keyframePlan.values()],
        runJson: names.runJson,
      };
      return files;
    },
    async onFrames(chunk, frames) {
      const first = chunk.startFrame * videoFramesPerLatent;
      const encoding = workProfile.start('encode');
      for (const [i, frame] of frames.entries()) {
        await video?.write(frame);
        const keyframe = keyframePlan.get(first + i);
        // Copied: an engine may reuse its frame buffers.
        if (keyframe) kept.set(keyframe, { ...frame, data: frame.data.slice() });
      }
      workProfile.stop(encoding);
      if (characters) {
        const span = workProfile.start('characters');
        const { verifyFrameIndices, verifySize } = iamflowDefaults;
        const samples = sampleFrames(frames, verifyFrameIndices, verifySize);
        for (const [index, frame] of samples.entries()) {
          // a resized sample is a new buffer; only a frame already small enough is the engine's own (copied)
          const source = frames[verifyFrameIndices[index]!];
          const own = source !== undefined && frame.data === source.data;
          await sampled.set(
            first + verifyFrameIndices[index]!,
            own ? { ...frame, data: frame.data.slice() } : frame,
          );
        }
        workProfile.stop(span);
      }
    },
    async onRenderRecord(entries: RenderRecordEntry[]) {
      renderPart = true;
      await writeFile(`${renderPath}.part`, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    },
    async commit(runJson) {
      const encoding = workProfile.start('encode');
      await video?.drain();
      await encoder?.close();
      workProfile.stop(encoding);
      const io = workProfile.start('io');
      if (renderPart) {
        await rename(`${renderPath}.part`, renderPath);
        renderPart = false;
      }
      for (const [name, frame] of kept) {
        const path = join(dir, name);
        await writePng(`${path}.part`, frame);
        await rename(`${path}.part`, path);
      }
      const sheet = workProfile.start('characters');
      if (runJson && characters) {
        const crops = buildCharacterSheet(runJson).characters.flatMap((character) => character.crops);
        const frames = await sampled.load(crops.map((crop) => crop.videoFrame));
        await writeCharacterSheet(dir, runJson, (index) => frames.get(index));
      }
      workProfile.stop(sheet);
      await sampled.clear();
      if (runJson) await writeAtomically(join(dir, names.runJson), `${JSON.stringify(runJson, null, 2)}\n`);
      workProfile.stop(io);
    },
    async abort() {
      await sampled.clear();
      await video?.drain().catch(() => {});
      await encoder?.abort().catch(() => {});
      if (renderPart) await rm(`${renderPath}.part`, { force: true });
    },
  };
}
