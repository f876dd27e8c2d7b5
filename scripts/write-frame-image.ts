import { writeFileSync } from 'node:fs';
import { type ImageData as CanvasImageData, createCanvas } from '@napi-rs/canvas';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';
import type { VideoFrame } from '../src/frame/video-frame.js';

/**
 * Writes frame grids for docs/engine.md: a 60 s, 6-prompt video made by the miniature engine alone (recache at
 * each switch), printing generation and decode time; or, with `switch`, one prompt switch done as a swap in place
 * (top row) and with a recache (bottom row).
 *
 *   npx tsx src/engine/mini/write-frame-image.ts docs/images/engine-grid.png [seed] [columns]
 *   npx tsx src/engine/mini/write-frame-image.ts docs/images/engine-switch.png [seed] switch
 */
const PROMPTS = [
  'A young woman named Nora with long red hair and a yellow raincoat walks along a rainy city street at dusk, medium tracking shot.',
  'Nora stops at a crosswalk beside a tall man in a gray coat and round glasses, rain falling around them, close-up.',
  'The man in the gray coat crosses the street alone and enters a small cafe, warm light in the windows, wide shot.',
  'Inside the cafe, an old woman with white hair and a blue scarf pours coffee behind the counter, medium shot.',
  'Nora enters the cafe, shakes the rain off her yellow raincoat and sits at the counter next to the man, medium shot.',
  'Nora and the man with round glasses laugh together while the old woman serves them, warm evening light, wide shot.',
];

async function main(path: string, seed: number, perPrompt: number): Promise<void> {
  const engine = createMiniEngine({ seed });
  const picked: VideoFrame[] = [];
  let generateMs = 0;
  let decodeMs = 0;
  for (const [index, text] of PROMPTS.entries()) {
    const prompt = await engine.encodePrompt(text);
    if (index > 0) await engine.recache(prompt);
    const chunks = index === PROMPTS.length - 1 ? 14 : 13;
    for (let chunk = 0; chunk < chunks; chunk++) {
      const started = performance.now();
      const generated = await engine.generateChunk({ prompt });
      generateMs += performance.now() - started;
      const decodeStart = performance.now();
      const frames = await engine.decodeChunk(generated.chunk);
      decodeMs += performance.now() - decodeStart;
      const wanted = Array.from({ length: perPrompt }, (_, pick) =>
        Math.floor(((pick + 0.5) * chunks) / perPrompt),
      );
      if (wanted.includes(chunk)) picked.push(frames[0]!);
    }
  }
  const chunks = engine.costs().generatedFrames / engine.info.chunkFrames;
  console.log(
    `${chunks} chunks: generate ${(generateMs / chunks).toFixed(2)} ms/chunk, decode ${(decodeMs / chunks).toFixed(2)} ms/chunk`,
  );
  await engine.release();
  writeGrid(path, picked, perPrompt);
}

/** Swap in place against recache at one switch: 4 frames, 1 s apart, from the switch on. */
async function writeSwitch(path: string, seed: number): Promise<void> {
  const picked: VideoFrame[] = [];
  for (const recache of [false, true]) {
    const engine = createMiniEngine({ seed });
    const before = await engine.encodePrompt('A tall man in a green jacket reads in the library, wide shot.');
    for (let chunk = 0; chunk < 30; chunk++) await engine.generateChunk({ prompt: before });
    const after = await engine.encodePrompt('Ravi walks to the window of the library, wide shot.');
    if (recache) await engine.recache(after);
    for (let chunk = 0; chunk < 16; chunk++) {
      const generated = await engine.generateChunk({ prompt: after });
      if (chunk % 4 === 0) picked.push((await engine.decodeChunk(generated.chunk))[0]!);
    }
    await engine.release();
  }
  writeGrid(path, picked, 4);
}

function writeGrid(path: string, picked: readonly VideoFrame[], columns: number): void {
  const scale = 0.5;
  const width = Math.round(picked[0]!.width * scale);
  const height = Math.round(picked[0]!.height * scale);
  const grid = createCanvas(width * columns, height * Math.ceil(picked.length / columns));
  const context = grid.getContext('2d');
  const tile = createCanvas(picked[0]!.width, picked[0]!.height);
  const tileContext = tile.getContext('2d');
  for (const [index, frame] of picked.entries()) {
    const image = tileContext.createImageData(frame.width, frame.height) as CanvasImageData;
    for (let pixel = 0; pixel < frame.width * frame.height; pixel++) {
      image.data.set(frame.data.subarray(pixel * 3, pixel * 3 + 3), pixel * 4);
      image.data[pixel * 4 + 3] = 255;
    }
    tileContext.putImageData(image, 0, 0);
    context.drawImage(tile, (index % columns) * width, Math.floor(index / columns) * height, width, height);
  }
  writeFileSync(path, grid.toBuffer('image/png'));
}

if (process.argv[4] === 'switch') await writeSwitch(process.argv[2]!, Number(process.argv[3] ?? 1));
else
  await main(
    process.argv[2] ?? 'docs/images/engine-grid.png',
    Number(process.argv[3] ?? 1),
    Number(process.argv[4] ?? 4),
  );
