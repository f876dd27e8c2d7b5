import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJsonSchema } from '../pipeline/run-json.js';
import { createCollectSink } from './collect-sink.js';
import { createRunDirSink } from './create-run-dir-sink.js';
import { runScript } from './run-script.js';
import type { FrameEncoder } from './run-sink.js';

const segments = [
  { prompt: 'Ravi, a tall man in a gray coat, waits at a bus stop.', seconds: 3 },
  { prompt: 'Ravi walks into a small cafe with a woman in a red dress.', seconds: 3 },
];
const fakeEncoder = (): FrameEncoder => ({ write: () => {}, close: async () => {}, abort: async () => {} });

async function run(quantization: 'none' | 'int8' | 'fp8', dir?: string) {
  const collect = createCollectSink(
    dir ? createRunDirSink({ dir, createEncoder: fakeEncoder, writePng: async () => {} }) : undefined,
  );
  const { result } = await runScript(
    {
      segments,
      engine: { provider: 'mini', quantization },
      policy: { name: 'iamflow' },
      output: { keyframes: false },
      size: { width: 64, height: 36 },
    },
    collect,
  );
  return { result, frames: collect.frames };
}

describe('a quantized run', () => {
  it('records its number format, weight and store bytes and peak RSS in run.json, and changes the video', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quantized-'));
    const int8 = await run('int8', dir);
    const none = await run('none');
    const runJson = runJsonSchema.parse(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')));
    expect(runJson.engine.config.quantization).toBe('int8');
    expect(runJson.memory?.weightBytes).toBe(int8.result.memory.weightBytes);
    expect(runJson.memory?.maxRssBytes).toBeGreaterThan(10 * 2 ** 20);
    // float32 weights take 4 bytes per weight; int8 one plus a float32 scale per output channel / row
    expect(none.result.memory.weightBytes! / int8.result.memory.weightBytes!).toBeGreaterThan(3.5);
    expect(int8.result.memory.peakStoreBytes).toBeGreaterThan(0);
    expect(none.result.memory.peakStoreBytes! / int8.result.memory.peakStoreBytes!).toBeGreaterThan(3.5);
    const differing = none.frames.filter(
      (frame, index) => Buffer.compare(frame.data, int8.frames[index]!.data) !== 0,
    ).length;
    expect(differing).toBeGreaterThan(0);
  });
});
