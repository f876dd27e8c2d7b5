import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCollectSink } from '../src/run/collect-sink.js';
import { runScript } from '../src/run/run-script.js';
import { createWriteBehind } from '../src/run/write-behind.js';
import { createMp4Encoder } from '../src/video/mp4-encoder.js';

/**
 * Encodes the same frames many times, as a run does (frames piped through the write-behind buffer, some pauses
 * between them, several encodes at once), and counts the distinct files. The frames are video frames 40-79 of a
 * three-prompt iamflow run at 96x64 (one 40-frame segment of the resume test). For development only.
 *
 *   npx tsx scripts/encoder-determinism.ts [--runs 2000] [--parallel 8] [--threads 1]
 *
 * Measured on the 2-core development machine with two busy loops beside it, 4,000 encodes each: --threads 0
 * (ffmpeg's choice) gave 2 distinct files (14 differed from the rest), --threads 1 (the default) gave one.
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '2000' },
    parallel: { type: 'string', default: '8' },
    threads: { type: 'string', default: '1' },
  },
});
const runs = Number(values.runs);
const parallel = Number(values.parallel);
const threads = Number(values.threads);

const collect = createCollectSink();
await runScript(
  {
    segments: [
      { prompt: 'Nora, a woman in a yellow coat, walks in the park.', seconds: 3 },
      { prompt: 'Ravi, a man in a red jacket, waves in the street.', seconds: 3 },
      { prompt: 'Nora and Ravi sit on a bench in the park.', seconds: 3 },
    ],
    policy: { name: 'iamflow' },
    size: { width: 96, height: 64 },
  },
  collect,
);
const frames = collect.frames.slice(40, 80);
const dir = mkdtempSync(join(tmpdir(), 'iamflow-encoder-determinism-'));
const files = new Map<string, number>();
let next = 0;
const encodeOnce = async (slot: number) => {
  const path = join(dir, `${slot}.mp4`);
  const encoder = createMp4Encoder({ path, width: 96, height: 64, fps: 16, threads });
  const video = createWriteBehind(encoder, 24);
  for (const frame of frames) {
    await video.write(frame);
    if (Math.random() < 0.2) await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
  }
  await video.drain();
  await encoder.close();
  const hash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
  files.set(hash, (files.get(hash) ?? 0) + 1);
};
const started = performance.now();
await Promise.all(
  Array.from({ length: parallel }, async (_, slot) => {
    while (next < runs) {
      next += 1;
      await encodeOnce(slot);
    }
  }),
);
rmSync(dir, { recursive: true, force: true });
console.log(
  `${runs} encodes (threads ${threads === 0 ? "ffmpeg's choice" : threads}, ${parallel} at once, ${((performance.now() - started) / 1000).toFixed(0)} s): ${files.size} distinct file${files.size === 1 ? '' : 's'}`,
  Object.fromEntries(files),
);
