/**
 * Time of the quantized code paths themselves, per mode: storing a latent frame (quantize), restoring it into the
 * bank (dequantize), and the key projection (a weight-only quantized matrix-vector product). Best of 5 rounds.
 *
 *   npx tsx bench/quantize-kernels.ts
 */
import { restoreContextFrame, storeLatentFrame } from '../src/engine/mini/frame-store.js';
import { quantizations } from '../src/engine/mini/quantize.js';
import { createUniform, gaussianVector } from '../src/engine/mini/random.js';
import { createEngineWeights } from '../src/engine/mini/weights.js';

const uniform = createUniform(1);
const frame = {
  index: 9,
  prompt: 'p',
  scene: { setting: 'park', state: gaussianVector(uniform, 9), binding: gaussianVector(uniform, 64) },
  slots: [],
  cache: Array.from({ length: 6 }, (_, slot) => ({
    slot,
    key: gaussianVector(uniform, 103),
    value: gaussianVector(uniform, 44),
    mention: null,
  })),
};
const binding = gaussianVector(uniform, 64);

function best(work: () => void, repeat: number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let index = 0; index < repeat; index++) work();
    fastest = Math.min(fastest, (performance.now() - start) / repeat);
  }
  return fastest * 1000;
}

// Every result feeds a checksum printed at the end, so no timed call is optimised away.
let checksum = 0;
console.log('| mode | store a frame (µs) | restore a frame (µs) | key projection (µs) |');
console.log('|---|---:|---:|---:|');
for (const mode of quantizations) {
  const stored = storeLatentFrame(frame, mode);
  const weights = createEngineWeights(mode);
  const store = best(() => {
    checksum += storeLatentFrame(frame, mode).tokens.length;
  }, 5000);
  const restore = best(() => {
    checksum += restoreContextFrame(stored).cache.length;
  }, 5000);
  const project = best(() => {
    checksum += weights.projectKey(binding)[0]!;
  }, 50000);
  console.log(`| ${mode} | ${store.toFixed(2)} | ${restore.toFixed(2)} | ${project.toFixed(3)} |`);
}
console.log(`\nchecksum ${checksum.toFixed(3)}`);
