import { describe, expect, it } from 'vitest';
import { createMiniEngine } from './mini-engine.js';

async function render(seed: number) {
  const engine = createMiniEngine({ seed, width: 96, height: 54 });
  const bytes: Uint8Array[] = [];
  const records = [];
  for (const text of [
    'Nora, a woman in a yellow coat, walks in the park.',
    'A man with a gray beard reads in the library.',
  ]) {
    const prompt = await engine.encodePrompt(text);
    for (let chunk = 0; chunk < 2; chunk++) {
      const generated = await engine.generateChunk({ prompt });
      bytes.push(...(await engine.decodeChunk(generated.chunk)).map((frame) => frame.data));
      records.push(engine.renderRecord(generated.chunk));
    }
  }
  await engine.release();
  return { bytes, records };
}

describe('mini engine determinism (f)', () => {
  it('same seed gives byte-identical frames and records; another seed differs', async () => {
    const first = await render(11);
    const second = await render(11);
    const other = await render(12);
    expect(second.bytes.length).toBe(first.bytes.length);
    for (const [index, data] of first.bytes.entries())
      expect(Buffer.compare(data, second.bytes[index]!)).toBe(0);
    expect(second.records).toEqual(first.records);
    const differing = first.bytes.filter(
      (data, index) => Buffer.compare(data, other.bytes[index]!) !== 0,
    ).length;
    expect(differing).toBeGreaterThan(first.bytes.length / 2);
    expect(other.records).not.toEqual(first.records);
  });
});
