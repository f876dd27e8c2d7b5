import { describe, expect, it } from 'vitest';
import { createMiniEngine } from './mini-engine.js';

const settings = { seed: 11, width: 96, height: 54 };
const text = 'Nora, a woman in a yellow coat, walks in the park. A man in a blue hoodie waits by the gate.';

describe('mini engine decodeFrames', () => {
  it('draws exactly the frames decodeChunk draws at those indices, and counts only them', async () => {
    // Two engines of the same seed: one decodes whole chunks, the other only a few frames, out of order, so no
    // drawing state of an earlier frame can leak into a later one.
    const whole = createMiniEngine(settings);
    const subset = createMiniEngine(settings);
    const asked = [[11, 0, 5], [], [7, 8, 3, 0]];
    for (const [chunk, indices] of asked.entries()) {
      await whole.generateChunk({ prompt: await whole.encodePrompt(text) });
      await subset.generateChunk({ prompt: await subset.encodePrompt(text) });
      const all = await whole.decodeChunk(chunk);
      const some = await subset.decodeFrames(chunk, indices);
      expect(some).toHaveLength(indices.length);
      some.forEach((frame, position) => {
        expect(Buffer.from(frame.data).equals(Buffer.from(all[indices[position]!]!.data))).toBe(true);
      });
    }
    expect(whole.costs().decodedFrames).toBe(36);
    expect(subset.costs().decodedFrames).toBe(7);
    // Only the decoded-frame counter differs: the generation work is the same.
    expect({ ...subset.costs(), decodedFrames: 0 }).toEqual({ ...whole.costs(), decodedFrames: 0 });
    await whole.release();
    await subset.release();
  });

  it('refuses an index outside the chunk and counts nothing for it', async () => {
    const engine = createMiniEngine(settings);
    await engine.generateChunk({ prompt: await engine.encodePrompt(text) });
    await expect(engine.decodeFrames(0, [0, 12])).rejects.toThrow(/video frame 12 is not in chunk 0/);
    await expect(engine.decodeFrames(0, [-1])).rejects.toThrow(/video frame -1/);
    expect(engine.costs().decodedFrames).toBe(0);
    await engine.release();
  });
});
