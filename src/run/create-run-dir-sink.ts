import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { sampleFrames } from '../agents/vlm/sample-frames.js';
import { buildCharacterSheet } from '../characters/build-character-sheet.js';
import { writeCharacterSheet } from '../characters/write-character-sheet.js';
import type { RenderRecordEntry } from '../engine/engine.js';
import { workProfile } from '../engine/work-profile.js';
import { InputError } from '../errors/index.js';
import { writePng as writePngFile } from '../frame/index.js';
import type { VideoFrame } from '../frame/video-frame.js';
import { iamflowDefaults } from '../memory/iamflow/iamflow-defaults.js';
import { createMp4Encoder } from '../video/mp4-encoder.js';
import { createFrameSpill } from './frame-spill.js';
import { killPoint } from './kill-point.js';
import type { FrameEncoder, RunOutputFiles, RunPlan, RunSink } from './run-sink.js';
import { createDirectVideo, createSegmentedVideo, type SegmentedVideo, syncFile } from './segmented-video.js';

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
   * Bytes of the verifier samples (kept for the character sheets) held in memory; older ones go to `samples.part`
   * in the run folder until the sheets are written. Default 64 MiB (about 2.5 minutes of video at 240x136), so a
   * 60 s run never touches the file.
   */
  sampleMemoryBytes?: number;
  /**
   * Video frames per encoded segment (default 960, 60 s at 16 fps): segments are encoded one by one and joined
   * without re-encoding; a video of one segment is that encode. A resumed run encodes only the open segment again.
   */
  segmentFrames?: number;
  /**
   * Keep what a resumed run needs (`saveCheckpoint`): the open segment's frames (deflated), keyframes and verifier
   * samples in `<dir>/.checkpoint/`. Default false.
   */
  checkpoints?: boolean;
}

const names = {
  video: 'video.mp4',
  renderRecord: 'render.jsonl',
  runJson: 'run.json',
  work: '.checkpoint',
  checkpoint: 'checkpoint.json',
  samples: 'samples.bin',
} as const;

/** Default video frames per segment (60 s at 16 fps). */
export const defaultSegmentFrames = 960;

/** Writes `text` to `<path>.part`, then renames it over `path`. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.part`, text);
  await rename(`${path}.part`, path);
}

/** Writes `text` durably: a temporary file, fsync, rename over `path`, fsync of the folder. */
async function writeDurably(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    const bytes = Buffer.from(text);
    const half = Math.floor(bytes.length / 2);
    await handle.write(bytes.subarray(0, half));
    killPoint('checkpoint-write');
    await handle.write(bytes.subarray(half));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  const folder = await open(join(path, '..'), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

const sinkStateSchema = z.object({
  video: z.object({
    segments: z.array(z.object({ bytes: z.number().int().nonnegative(), sha256: z.string() })),
    frames: z.number().int().nonnegative(),
    spoolBytes: z.number().int().nonnegative(),
  }),
  keyframes: z.array(z.string()),
  samplesBytes: z.number().int().nonnegative(),
  segmentFrames: z.number().int().positive(),
});
const checkpointFileSchema = z.object({
  format: z.literal('iamflow-checkpoint'),
  version: z.literal(1),
  sink: sinkStateSchema,
  run: z.unknown(),
});

/**
 * The run folder: `video.mp4` (streamed), `keyframes/prompt-NN.png` (the middle frame of each prompt, optional),
 * `render.jsonl` (written after the run), `characters.json` with `characters/<id>.png` (the character sheets) and
 * `run.json` (last). Every file is written under a temporary name and
 * renamed, so each appears complete or not at all, and a failed run leaves an earlier run's files intact. With
 * `checkpoints`, `<dir>/.checkpoint/` holds what `--resume` needs until the run is committed.
 *
 * @example
 * const { result } = await runScript(spec, createRunDirSink({ dir: 'out/nora' }));
 */
export function createRunDirSink(settings: RunDirSinkSettings): RunSink {
  const { dir } = settings;
  const work = join(dir, names.work);
  const checkpointPath = join(work, names.checkpoint);
  const samplesPath = join(work, names.samples);
  const writePng = settings.writePng ?? writePngFile;
  const spool = settings.checkpoints ?? false;
  const segmentFrames = settings.segmentFrames ?? defaultSegmentFrames;
  const kept = new Map<string, VideoFrame>();
  /** Keyframes already written to the work folder (checkpoints), moved into place at commit. */
  const keyframesSaved = new Set<string>();
  const renderPath = join(dir, names.renderRecord);
  let keyframePlan = new Map<number, string>();
  let videoFramesPerLatent = 1;
  let video: SegmentedVideo | undefined;
  let direct: ReturnType<typeof createDirectVideo> | undefined;
  let renderPart = false;
  let samplesBytes = 0;
  let samplesFile: Awaited<ReturnType<typeof open>> | undefined;
  const keyframesSynced = new Set<string>();
  /** The checkpoint being made durable in the background. */
  let writing: Promise<void> = Promise.resolve();
  const characters = settings.characters ?? true;
  // The frames the verifier looked at, by video frame index: the character sheets crop them.
  const sampled = createFrameSpill({
    path: join(dir, 'samples.part'),
    memoryBytes: settings.sampleMemoryBytes ?? 64 * 2 ** 20,
  });

  const start = async (plan: RunPlan): Promise<RunOutputFiles> => {
    const { timeline } = plan;
    await mkdir(spool ? work : dir, { recursive: true });
    if (plan.keyframes) {
      await mkdir(join(dir, 'keyframes'), { recursive: true });
      if (spool) await mkdir(join(work, 'keyframes'), { recursive: true });
      keyframePlan = new Map(
        timeline.segments.map((s) => [
          Math.floor(((s.startFrame + s.endFrame) * timeline.videoFramesPerLatent) / 2),
          `keyframes/prompt-${String(s.index + 1).padStart(2, '0')}.png`,
        ]),
      );
    }
    videoFramesPerLatent = timeline.videoFramesPerLatent;
    const encoding = {
      width: plan.width,
      height: plan.height,
      fps: plan.fps,
      createEncoder: settings.createEncoder ?? createMp4Encoder,
      bufferedFrames: settings.bufferedFrames ?? 24,
    };
    // Without checkpoints nothing needs segments: one encode straight to video.mp4.
    if (spool) video = createSegmentedVideo({ ...encoding, work, segmentFrames, spool });
    else direct = createDirectVideo({ ...encoding, path: join(dir, names.video) });
    if (spool && characters) samplesFile = await open(samplesPath, 'a');
    return {
      video: names.video,
      renderRecord: plan.renderRecord ? names.renderRecord : null,
      keyframes: [...keyframePlan.values()],
      runJson: names.runJson,
    };
  };

  const keepSample = async (index: number, frame: VideoFrame) => {
    await sampled.set(index, frame);
    if (!samplesFile) return;
    const header = Buffer.alloc(12);
    header.writeUInt32LE(index, 0);
    header.writeUInt32LE(frame.width, 4);
    header.writeUInt32LE(frame.height, 8);
    await samplesFile.write(Buffer.concat([header, frame.data]));
  };

  return {
    async open(plan) {
      // A fresh run: whatever an earlier, killed run left in the work folder is not ours to continue.
      if (spool) await rm(work, { recursive: true, force: true });
      return start(plan);
    },
    async resume(plan) {
      const stored = await readStored(checkpointPath);
      if (stored.sink.segmentFrames !== segmentFrames) {
        throw checkpointError(
          checkpointPath,
          `segments of ${stored.sink.segmentFrames} frames, not ${segmentFrames}`,
        );
      }
      const files = await start(plan);
      await video!.resume(stored.sink.video);
      for (const name of stored.sink.keyframes) keyframesSaved.add(name);
      if (characters) {
        const data = await readFile(samplesPath).catch(() => Buffer.alloc(0));
        if (data.length < stored.sink.samplesBytes)
          throw checkpointError(
            samplesPath,
            `${data.length} bytes, the checkpoint needs ${stored.sink.samplesBytes}`,
          );
        for (let offset = 0; offset < stored.sink.samplesBytes; ) {
          const width = data.readUInt32LE(offset + 4);
          const height = data.readUInt32LE(offset + 8);
          const bytes = width * height * 3;
          const frame = {
            width,
            height,
            data: new Uint8Array(data.subarray(offset + 12, offset + 12 + bytes)),
          };
          await sampled.set(data.readUInt32LE(offset), frame);
          offset += 12 + bytes;
        }
        samplesBytes = stored.sink.samplesBytes;
        await samplesFile?.truncate(samplesBytes);
      }
      return files;
    },
    async onFrames(chunk, chunkFrames) {
      // Video, keyframes and character sheets read every frame: the sink declares no `framesRead`.
      const frames = chunkFrames.all();
      const first = chunk.startFrame * videoFramesPerLatent;
      for (const [i, frame] of frames.entries()) {
        if (i === Math.floor(frames.length / 2)) killPoint('frames');
        await (video ?? direct)?.write(frame);
        const keyframe = keyframePlan.get(first + i);
        if (keyframe && spool) {
          const path = join(work, 'keyframes', basename(keyframe));
          await writePng(`${path}.part`, frame);
          await rename(`${path}.part`, path);
          keyframesSaved.add(keyframe);
        } else if (keyframe) kept.set(keyframe, { ...frame, data: frame.data.slice() });
        // Copied: an engine may reuse its frame buffers.
      }
      if (characters) {
        const span = workProfile.start('characters');
        const { verifyFrameIndices, verifySize } = iamflowDefaults;
        const samples = sampleFrames(frames, verifyFrameIndices, verifySize);
        for (const [index, frame] of samples.entries()) {
          // a resized sample is a new buffer; only a frame already small enough is the engine's own (copied)
          const source = frames[verifyFrameIndices[index]!];
          const own = source !== undefined && frame.data === source.data;
          await keepSample(
            first + verifyFrameIndices[index]!,
            own ? { ...frame, data: frame.data.slice() } : frame,
          );
        }
        workProfile.stop(span);
      }
    },
    async saveCheckpoint(run) {
      // One write at a time; the previous one's failure surfaces here.
      await writing;
      const position = await video!.checkpoint();
      const keyframesNow = [...keyframesSaved];
      if (samplesFile) samplesBytes = (await samplesFile.stat()).size;
      const text = JSON.stringify({
        format: 'iamflow-checkpoint',
        version: 1,
        sink: { video: position.state, keyframes: keyframesNow, samplesBytes, segmentFrames },
        run,
      });
      // Made durable while the next chunk is generated: the data it claims first, then the file itself.
      writing = (async () => {
        for (const path of position.sync) await syncFile(path);
        if (samplesFile) await syncFile(samplesPath);
        for (const name of keyframesNow.filter((item) => !keyframesSynced.has(item))) {
          await syncFile(join(work, 'keyframes', basename(name)));
          keyframesSynced.add(name);
        }
        await writeDurably(checkpointPath, text);
        for (const path of position.obsolete) await rm(path, { force: true });
      })();
      writing.catch(() => {});
    },
    async readCheckpoint() {
      const text = await readFile(checkpointPath, 'utf8').catch(() => undefined);
      return text === undefined ? undefined : (await readStored(checkpointPath)).run;
    },
    async onRenderRecord(entries: RenderRecordEntry[]) {
      renderPart = true;
      await writeFile(`${renderPath}.part`, entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
    },
    async commit(runJson) {
      await writing;
      killPoint('commit');
      const encoding = workProfile.start('encode');
      await direct?.close();
      await video?.close(join(dir, names.video));
      workProfile.stop(encoding);
      const io = workProfile.start('io');
      if (renderPart) {
        await rename(`${renderPath}.part`, renderPath);
        renderPart = false;
      }
      for (const name of keyframesSaved) {
        const from = join(work, 'keyframes', basename(name));
        // A commit killed after this move leaves the checkpoint behind: on resume the keyframe is already in place.
        if (!existsSync(from) && existsSync(join(dir, name))) continue;
        await rename(from, join(dir, name));
      }
      killPoint('keyframes-placed');
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
      await samplesFile?.close();
      if (spool) await rm(work, { recursive: true, force: true });
      workProfile.stop(io);
    },
    async abort() {
      await writing.catch(() => {});
      await sampled.clear();
      await video?.abort();
      await direct?.abort();
      await samplesFile?.close().catch(() => {});
      if (renderPart) await rm(`${renderPath}.part`, { force: true });
      // A run with a checkpoint stays resumable; without one nothing in the work folder is of use.
      const resumable = await readFile(checkpointPath).then(
        () => true,
        () => false,
      );
      if (!resumable && spool) await rm(work, { recursive: true, force: true });
    },
  };
}

function checkpointError(path: string, message: string): InputError {
  return new InputError([
    {
      code: 'invalid-checkpoint',
      path: [path],
      message,
      hint: 'the run cannot be resumed from it; start it again without --resume',
    },
  ]);
}

async function readStored(path: string) {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError([
      {
        code: 'missing-checkpoint',
        path: [path],
        message: `no checkpoint to resume (${error.code ?? error.message})`,
        hint: 'give the --out folder of a run started with checkpoints (the default) that did not finish',
      },
    ]);
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw checkpointError(path, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = checkpointFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw checkpointError(path, `${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  return parsed.data;
}
