import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFrameSpill } from './frame-spill.js';

const frame = (fill: number) => ({ width: 2, height: 2, data: new Uint8Array(12).fill(fill) });
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('frame spill', () => {
  it('keeps at most its byte budget in memory and reads the rest back unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spill-'));
    dirs.push(dir);
    const path = join(dir, 'samples.part');
    const spill = createFrameSpill({ path, memoryBytes: 24 });
    for (let index = 0; index < 5; index++) await spill.set(index * 4, frame(index + 1));
    expect(spill.memoryBytes()).toBe(24);
    expect(spill.spilled()).toBe(3);
    await spill.set(0, frame(9)); // replaced: the new one is in memory, the oldest others spill
    const loaded = await spill.load([0, 4, 8, 12, 16, 99]);
    expect([...loaded.keys()]).toEqual([0, 4, 8, 12, 16]);
    expect(Array.from(loaded.get(0)!.data)).toEqual(Array(12).fill(9));
    expect(Array.from(loaded.get(4)!.data)).toEqual(Array(12).fill(2));
    expect(loaded.get(16)).toEqual(frame(5));
    expect(existsSync(path)).toBe(true);
    await spill.clear();
    expect(existsSync(path)).toBe(false);
    expect((await spill.load([4])).size).toBe(0);
  });
  it('writes no file while under budget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spill-'));
    dirs.push(dir);
    const spill = createFrameSpill({ path: join(dir, 'samples.part'), memoryBytes: 1000 });
    await spill.set(0, frame(1));
    expect(spill.spilled()).toBe(0);
    expect(existsSync(join(dir, 'samples.part'))).toBe(false);
  });
});
