import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { createMiniEngine } from '../src/engine/mini/mini-engine.js';

/** Writes one decoded frame of a two-character prompt as a PNG (for docs/images/engine-frame.png) and prints speed. */
async function main(path: string): Promise<void> {
  const engine = createMiniEngine({ seed: 2 });
  const prompt = await engine.encodePrompt(
    'Nora, a woman with long red hair and a yellow coat, and a tall man with a gray beard, round glasses and a blue backpack walk in the park.',
  );
  let generateMs = 0;
  let decodeMs = 0;
  let frame = undefined as undefined | { width: number; height: number; data: Uint8Array };
  for (let chunk = 0; chunk < 80; chunk++) {
    const started = performance.now();
    const generated = await engine.generateChunk({ prompt });
    generateMs += performance.now() - started;
    const decodeStart = performance.now();
    const frames = await engine.decodeChunk(generated.chunk);
    decodeMs += performance.now() - decodeStart;
    if (chunk === 4) frame = frames[0];
  }
  console.log(
    `80 chunks: generate ${(generateMs / 80).toFixed(2)} ms/chunk, decode ${(decodeMs / 80).toFixed(2)} ms/chunk`,
  );
  const canvas = createCanvas(frame!.width, frame!.height);
  const context = canvas.getContext('2d');
  const image = context.createImageData(frame!.width, frame!.height);
  for (let pixel = 0; pixel < frame!.width * frame!.height; pixel++) {
    image.data.set(frame!.data.subarray(pixel * 3, pixel * 3 + 3), pixel * 4);
    image.data[pixel * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
  writeFileSync(path, canvas.toBuffer('image/png'));
}

await main(process.argv[2] ?? 'docs/images/engine-frame.png');
