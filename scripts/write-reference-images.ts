/**
 * Pictures for docs/references.md: the reference pictures of one script written by scripts/measure-references.ts,
 * and a grid of the middle frame of every segment, IAMFlow without references (top row) and with them (bottom).
 *
 *   npx tsx scripts/write-reference-images.ts out/references/reappearance-001 docs/images/references
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';
import { writePng } from '../src/frame/encode-png.js';
import type { VideoFrame } from '../src/frame/video-frame.js';
import type { PolicyReferences } from '../src/memory/policy.js';
import { createPolicy } from '../src/memory/policy-registry.js';
import { generateVideo } from '../src/pipeline/generate-video.js';
import { loadReferences } from '../src/run/load-references.js';
import { readScript } from '../src/script/read-script.js';
import type { Script } from '../src/script/script.js';
import { buildTimeline } from '../src/script/timeline.js';

const [dir, target] = process.argv.slice(2) as [string, string];
const script = await readScript(join(dir, 'script.jsonl'));

async function middleFrames(run: Script, references?: PolicyReferences): Promise<VideoFrame[]> {
  const engine = createMiniEngine({ seed: 1, width: 240, height: 136 });
  const timeline = buildTimeline(run);
  const frames: VideoFrame[] = [];
  await generateVideo({
    script: run,
    engine,
    timeline,
    seed: 1,
    policy: (context) => createPolicy('iamflow', references ? { ...context, references } : context),
    onFrames: (_chunk, chunk) => {
      frames.push(...chunk.all());
    },
  });
  await engine.release();
  return timeline.segments.map(
    (segment) => frames[Math.floor(((segment.startFrame + segment.endFrame) / 2) * 4)]!,
  );
}

const { references: _references, ...plain } = script;
const rows = [await middleFrames(plain), await middleFrames(script, await loadReferences(script))];
const [width, height] = [rows[0]![0]!.width, rows[0]![0]!.height];
const columns = rows[0]!.length;
const grid = new Uint8Array(columns * width * 2 * height * 3);
for (const [rowIndex, row] of rows.entries()) {
  for (const [column, frame] of row.entries()) {
    for (let y = 0; y < height; y++) {
      const from = y * width * 3;
      const to = ((rowIndex * height + y) * columns * width + column * width) * 3;
      grid.set(frame.data.subarray(from, from + width * 3), to);
    }
  }
}
await mkdir(target, { recursive: true });
await writePng(join(target, `${script.id}-grid.png`), {
  width: columns * width,
  height: 2 * height,
  data: grid,
});
for (const name of await readdir(dir))
  if (name.endsWith('.png')) await copyFile(join(dir, name), join(target, `${script.id}-${name}`));
console.log(
  `wrote ${target}/${script.id}-grid.png (${columns} segments; top: without references, bottom: with)`,
);
