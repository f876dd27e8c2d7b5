import { createHash } from 'node:crypto';
import { type FileHandle, open, readdir, readFile, rename, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRaw, inflateRawSync } from 'node:zlib';
import { InputError } from '../errors/index.js';
import type { VideoFrame } from '../frame/video-frame.js';
import { concatMp4 } from '../video/concat-mp4.js';
import { killPoint } from './kill-point.js';
import type { FrameEncoder } from './run-sink.js';
import { createWriteBehind } from './write-behind.js';

const deflate = promisify(deflateRaw);

/** Settings of {@link createSegmentedVideo}. */
export interface SegmentedVideoSettings {
  /** Folder of the segment files and spools (the run's checkpoint folder). */
  work: string;
  width: number;
  height: number;
  fps: number;
  /** Video frames per segment: each is encoded on its own, then the segments are joined without re-encoding. */
  segmentFrames: number;
  /** Keep the open segment's frames (deflated) so a resumed run can feed them to the encoder again. */
  spool: boolean;
  /** Opens an encoder for one segment file. */
  createEncoder: (options: { path: string; width: number; height: number; fps: number }) => FrameEncoder;
  /** Frames the encoder may lag behind. */
  bufferedFrames: number;
}

/** Where a segmented video stands at a checkpoint. */
export interface SegmentedVideoState {
  /** Finished segment files, in order, with their size and SHA-256 (checked on resume). */
  segments: Array<{ bytes: number; sha256: string }>;
  /** Frames of the open segment written so far. */
  frames: number;
  /** Bytes of the open segment's spool that hold them. */
  spoolBytes: number;
}

const name = (index: number, ext: string) => `segment-${String(index).padStart(4, '0')}.${ext}`;

async function sha256(path: string): Promise<{ bytes: number; sha256: string }> {
  const data = await readFile(path);
  return { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

/** fdatasync of a file by path (any descriptor flushes the file's data). */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * A video written as fixed-length segments: each segment is its own encode (ffmpeg), the open one optionally
 * spooled, so that after a crash the finished segments are kept and the open one is encoded again from its spool:
 * the joined file is byte-identical to a run that never stopped. A video of one segment is that segment's file.
 */
export function createSegmentedVideo(settings: SegmentedVideoSettings) {
  const { work, segmentFrames } = settings;
  const finished: SegmentedVideoState['segments'] = [];
  let frames = 0;
  let spoolBytes = 0;
  let spool: FileHandle | undefined;
  let spoolTail: Promise<unknown> = Promise.resolve();
  let encoder: FrameEncoder | undefined;
  let video: ReturnType<typeof createWriteBehind> | undefined;
  /** Spools of segments finished since the last checkpoint: removed once a checkpoint no longer needs them. */
  const oldSpools: string[] = [];

  const startSegment = async () => {
    const index = finished.length;
    await rm(join(work, `${name(index, 'mp4')}.part`), { force: true });
    encoder = settings.createEncoder({
      path: join(work, name(index, 'mp4')),
      width: settings.width,
      height: settings.height,
      fps: settings.fps,
    });
    video = createWriteBehind(encoder, settings.bufferedFrames);
    if (settings.spool) spool = await open(join(work, name(index, 'spool')), 'a');
  };

  const finishSegment = async () => {
    await video!.drain();
    killPoint('segment-close');
    await encoder!.close();
    const index = finished.length;
    const path = join(work, name(index, 'mp4'));
    await syncFile(path);
    finished.push(await sha256(path));
    encoder = undefined;
    video = undefined;
    if (spool) {
      await spoolTail;
      throwSpoolError();
      await spool.close();
      spool = undefined;
      oldSpools.push(join(work, name(index, 'spool')));
    }
    frames = 0;
    spoolBytes = 0;
  };

  // The first failed spool write (a full disk): kept, not left as an unhandled rejection, and thrown by the next
  // write, checkpoint or segment end.
  let spoolError: unknown;
  const throwSpoolError = () => {
    if (spoolError !== undefined) throw spoolError;
  };
  const append = (frame: VideoFrame) => {
    const file = spool!;
    const data = frame.data.slice();
    spoolTail = spoolTail
      .then(async () => {
        if (spoolError !== undefined) return;
        const packed = await deflate(data, { level: 1 });
        const header = Buffer.alloc(4);
        header.writeUInt32LE(packed.length);
        await file.write(Buffer.concat([header, packed]));
      })
      .catch((error: unknown) => {
        spoolError ??= error;
      });
  };

  return {
    /** Appends one frame (the encoder copies it). */
    async write(frame: VideoFrame): Promise<void> {
      throwSpoolError();
      if (!encoder) await startSegment();
      await video!.write(frame);
      if (spool) append(frame);
      frames += 1;
      if (frames === segmentFrames) await finishSegment();
    },
    /**
     * The position now, the spool to fsync before a checkpoint may claim it (finished segments were fsynced when
     * they closed), and the spools a checkpoint of this position no longer needs (delete once it is durable).
     */
    async checkpoint(): Promise<{ state: SegmentedVideoState; sync: string[]; obsolete: string[] }> {
      const sync: string[] = [];
      if (spool) {
        await spoolTail;
        throwSpoolError();
        spoolBytes = (await spool.stat()).size;
        sync.push(join(work, name(finished.length, 'spool')));
      }
      const state = { segments: finished.map((item) => ({ ...item })), frames, spoolBytes };
      return { state, sync, obsolete: oldSpools.splice(0) };
    },
    /** Continues at a checkpoint's position: checks the finished segments, feeds the spooled frames again. */
    async resume(state: SegmentedVideoState): Promise<void> {
      for (const [index, expected] of state.segments.entries()) {
        const path = join(work, name(index, 'mp4'));
        const found = await sha256(path).catch(() => undefined);
        if (!found || found.sha256 !== expected.sha256 || found.bytes !== expected.bytes) {
          throw new InputError([
            {
              code: 'checkpoint-damaged',
              path: [path],
              message: found
                ? 'the segment file was changed after the checkpoint'
                : 'the segment file is missing',
              hint: 'the run cannot be resumed; start it again without --resume',
            },
          ]);
        }
        finished.push({ ...expected });
      }
      const open = state.segments.length;
      for (const entry of await readdir(work)) {
        const match = /^segment-(\d{4})\.(mp4|spool)/.exec(entry);
        if (!match) continue;
        const index = Number(match[1]);
        const keep =
          (match[2] === 'mp4' && index < open && !entry.endsWith('.part')) || entry === name(open, 'spool');
        if (!keep) await rm(join(work, entry), { force: true });
      }
      const spoolPath = join(work, name(open, 'spool'));
      if (state.frames === 0) {
        // Frames written after the checkpoint are generated again.
        await rm(spoolPath, { force: true });
        return;
      }
      const data = await readFile(spoolPath).catch(() => Buffer.alloc(0));
      if (data.length < state.spoolBytes) {
        throw new InputError([
          {
            code: 'checkpoint-damaged',
            path: [spoolPath],
            message: `the spool holds ${data.length} bytes, the checkpoint needs ${state.spoolBytes}`,
            hint: 'the run cannot be resumed; start it again without --resume',
          },
        ]);
      }
      await truncate(spoolPath, state.spoolBytes);
      const replay: Buffer[] = [];
      for (let offset = 0; offset < state.spoolBytes; ) {
        const length = data.readUInt32LE(offset);
        replay.push(inflateRawSync(data.subarray(offset + 4, offset + 4 + length)));
        offset += 4 + length;
      }
      if (replay.length !== state.frames) {
        throw new InputError([
          {
            code: 'checkpoint-damaged',
            path: [spoolPath],
            message: `the spool holds ${replay.length} frames, the checkpoint says ${state.frames}`,
          },
        ]);
      }
      await startSegment();
      for (const bytes of replay) {
        await video!.write({ width: settings.width, height: settings.height, data: new Uint8Array(bytes) });
      }
      frames = state.frames;
      spoolBytes = state.spoolBytes;
    },
    /** Finishes the open segment and joins the segments into `path`. */
    async close(path: string): Promise<void> {
      if (encoder) await finishSegment();
      const files = finished.map((_, index) => join(work, name(index, 'mp4')));
      if (files.length === 1) await rename(files[0]!, path);
      else await concatMp4(files, path);
      await syncFile(path);
    },
    /** Stops the open segment's encoder (its partial file is removed by the encoder). */
    async abort(): Promise<void> {
      await video?.drain().catch(() => {});
      await encoder?.abort().catch(() => {});
      await spool?.close().catch(() => {});
    },
  };
}

/** What {@link createSegmentedVideo} returns. */
export type SegmentedVideo = ReturnType<typeof createSegmentedVideo>;

/** A run's video without checkpoints: one encode streamed straight to the final path (its `.part` until close). */
export function createDirectVideo(
  settings: Omit<SegmentedVideoSettings, 'work' | 'segmentFrames' | 'spool'> & { path: string },
) {
  const encoder = settings.createEncoder({
    path: settings.path,
    width: settings.width,
    height: settings.height,
    fps: settings.fps,
  });
  const video = createWriteBehind(encoder, settings.bufferedFrames);
  return {
    write: (frame: VideoFrame) => video.write(frame),
    async close(): Promise<void> {
      await video.drain();
      await encoder.close();
    },
    async abort(): Promise<void> {
      await video.drain().catch(() => {});
      await encoder.abort().catch(() => {});
    },
  };
}
