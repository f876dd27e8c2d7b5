import type { FileHandle } from 'node:fs/promises';
import { open, rm } from 'node:fs/promises';
import type { VideoFrame } from '../frame/video-frame.js';

/** Frames by index, held in memory up to a byte budget; the oldest beyond it go to a file and are read back. */
export interface FrameSpill {
  /** Keeps a frame (the caller passes a copy it will not modify). */
  set(index: number, frame: VideoFrame): Promise<void>;
  /** The frames at `indices` (those kept), from memory or read back from the file. */
  load(indices: Iterable<number>): Promise<Map<number, VideoFrame>>;
  /** Bytes of frame data held in memory now. */
  memoryBytes(): number;
  /** Frames written to the file so far. */
  spilled(): number;
  /** Forgets every frame and removes the file. */
  clear(): Promise<void>;
}

/**
 * A frame store with bounded memory: frames stay in memory while their data totals at most `memoryBytes`; past
 * that the oldest go to `path` (raw RGB, appended) and only their place is remembered. What `load` returns is the
 * same either way, so a cap that binds changes memory, never output.
 *
 * @example
 * const spill = createFrameSpill({ path: 'out/nora/samples.part', memoryBytes: 64 * 2 ** 20 });
 * await spill.set(48, frame);
 * const frames = await spill.load([48]);
 */
export function createFrameSpill(settings: { path: string; memoryBytes: number }): FrameSpill {
  const inMemory = new Map<number, VideoFrame>();
  const onDisk = new Map<number, { offset: number; width: number; height: number; length: number }>();
  let held = 0;
  let file: FileHandle | undefined;
  let end = 0;

  const spillOldest = async () => {
    file ??= await open(settings.path, 'w+');
    while (held > settings.memoryBytes && inMemory.size > 0) {
      const [index, frame] = inMemory.entries().next().value as [number, VideoFrame];
      await file.write(frame.data, 0, frame.data.length, end);
      onDisk.set(index, { offset: end, width: frame.width, height: frame.height, length: frame.data.length });
      end += frame.data.length;
      held -= frame.data.length;
      inMemory.delete(index);
    }
  };

  return {
    async set(index, frame) {
      const previous = inMemory.get(index);
      if (previous) held -= previous.data.length;
      inMemory.delete(index);
      onDisk.delete(index);
      inMemory.set(index, frame);
      held += frame.data.length;
      if (held > settings.memoryBytes) await spillOldest();
    },
    async load(indices) {
      const result = new Map<number, VideoFrame>();
      for (const index of indices) {
        const frame = inMemory.get(index);
        if (frame) result.set(index, frame);
        const place = onDisk.get(index);
        if (place && file) {
          const data = new Uint8Array(place.length);
          await file.read(data, 0, place.length, place.offset);
          result.set(index, { width: place.width, height: place.height, data });
        }
      }
      return result;
    },
    memoryBytes: () => held,
    spilled: () => onDisk.size,
    async clear() {
      inMemory.clear();
      onDisk.clear();
      held = 0;
      end = 0;
      if (file) {
        await file.close();
        file = undefined;
        await rm(settings.path, { force: true });
      }
    },
  };
}
