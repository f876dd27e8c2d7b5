/**
 * What decoding costs the miniature engine per run: generates `--chunks` chunks (80 = one 60 s bench script), then
 * measures the CPU time (not wall: the figure holds on a shared machine) of decoding every frame (`decodeChunk`)
 * against decoding a few frames per chunk (`decodeFrames`), and of generating, in one process.
 *
 *   npx tsx bench/decode-cost.ts                        # 240x136, 80 chunks, frames 0 and 4 of each chunk
 *   npx tsx bench/decode-cost.ts --size 480x270 --frames 0,4,8
 */
import { parseArgs } from 'node:util';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '240x136' },
    chunks: { type: 'string', default: '80' },
    frames: { type: 'string', default: '0,4' },
  },
  strict: true,
});
const [width, height] = values.size.split('x').map(Number) as [number, number];
const chunks = Number(values.chunks);
const frames = values.frames.split(',').map(Number);
const engine = createMiniEngine({ seed: 1, width, height });
const prompt = await engine.encodePrompt(
  'Nora, a woman with red hair and a yellow coat, walks in the park. A tall man in a gray coat waits by the gate.',
);
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const measure = async (body: (chunk: number) => Promise<unknown>) => {
  const start = cpuMs();
  for (let chunk = 0; chunk < chunks; chunk++) await body(chunk);
  return Math.round(cpuMs() - start);
};
const generateMs = await measure(() => engine.generateChunk({ prompt }));
const wholeMs = await measure((chunk) => engine.decodeChunk(chunk));
const someMs = await measure((chunk) => engine.decodeFrames(chunk, frames));
const perChunk = engine.info.chunkFrames * engine.info.videoFramesPerLatent;
console.log(
  JSON.stringify({
    size: values.size,
    chunks,
    generateMs,
    decodeAllMs: wholeMs,
    decodeAllFrames: chunks * perChunk,
    msPerFrame: Number((wholeMs / (chunks * perChunk)).toFixed(3)),
    decodeSomeMs: someMs,
    decodeSomeFrames: chunks * frames.length,
  }),
);
await engine.release();
