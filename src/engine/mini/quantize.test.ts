import { describe, expect, it } from 'vitest';
import { restoreContextFrame, storedFrameBytes, storeLatentFrame } from './frame-store.js';
import { createMiniEngine } from './mini-engine.js';
import {
  decodeE4m3,
  dequantize,
  encodeE4m3,
  matrixBytes,
  multiplyRows,
  quantize,
  quantizeRows,
  storedBytes,
} from './quantize.js';
import { createUniform, gaussianVector } from './random.js';
import { createEngineWeights, keyProjection, projectKey, wordEmbedding } from './weights.js';

const maxError = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let worst = 0;
  for (let index = 0; index < a.length; index++) worst = Math.max(worst, Math.abs(a[index]! - b[index]!));
  return worst;
};

describe('e4m3 codes', () => {
  it('round-trips every finite code and saturates at 448', () => {
    for (let code = 0; code < 256; code++) {
      if ((code & 0x7f) === 0x7f) continue; // NaN in e4m3fn
      const value = decodeE4m3(code);
      expect(decodeE4m3(encodeE4m3(value))).toBe(value);
    }
    expect(decodeE4m3(encodeE4m3(1000))).toBe(448);
    expect(decodeE4m3(encodeE4m3(-1000))).toBe(-448);
    expect(decodeE4m3(encodeE4m3(0.3))).toBeCloseTo(0.3, 1);
  });
});

describe('per-vector quantization', () => {
  const vector = gaussianVector(createUniform(3), 103);
  it('int8 keeps every entry within half a step of the absmax scale', () => {
    const stored = quantize(vector, 'int8');
    expect(stored.data).toBeInstanceOf(Int8Array);
    expect(maxError(dequantize(stored), vector)).toBeLessThanOrEqual(stored.scale / 2 + 1e-7);
    expect(storedBytes(stored)).toBe(103 + 4);
  });
  it('fp8 keeps every entry within its 3-bit mantissa (relative 1/16, or the subnormal step)', () => {
    const stored = quantize(vector, 'fp8');
    expect(stored.data).toBeInstanceOf(Uint8Array);
    const restored = dequantize(stored);
    for (let index = 0; index < vector.length; index++) {
      const bound = Math.max(Math.abs(vector[index]!) / 16, stored.scale * 2 ** -10);
      expect(Math.abs(restored[index]! - vector[index]!)).toBeLessThanOrEqual(bound + 1e-7);
    }
  });
  it('an offset is applied on both sides and costs no bytes', () => {
    const values = Float32Array.from({ length: 44 }, (_, index) => index / 43);
    const stored = quantize(values, 'int8', 0.5);
    expect(maxError(dequantize(stored, 0.5), values)).toBeLessThanOrEqual(0.5 / 127 / 2 + 1e-7);
    expect(storedBytes(stored)).toBe(44 + 4);
    expect(storedBytes(quantize(values, 'none', 0.5))).toBe(44 * 4);
    expect(dequantize(quantize(values, 'none', 0.5), 0.5)).toEqual(values);
  });
});

describe('per-output-channel weights', () => {
  const rows = [Float32Array.of(1, -2, 4), Float32Array.of(0.01, 0.02, -0.03)];
  const input = Float32Array.of(0.5, -1, 2);
  const exact = rows.map((row) => row.reduce((sum, weight, column) => sum + weight * input[column]!, 0));
  it('gives each row its own scale, so a small row keeps its precision', () => {
    const matrix = quantizeRows(rows, 'int8');
    expect(Array.from(matrix.scales)).toEqual([Math.fround(4 / 127), Math.fround(0.03 / 127)]);
    const output = multiplyRows(matrix, input, new Float32Array(2));
    expect(Math.abs(output[1]! - exact[1]!)).toBeLessThan(0.001);
    expect(Math.abs(output[0]! - exact[0]!)).toBeLessThan(0.1);
    expect(output[0]).not.toBe(Math.fround(exact[0]!));
    expect(matrixBytes(matrix)).toBe(6 + 8);
  });
  it('multiplies fp8 codes through their table, and float32 exactly', () => {
    const fp8 = multiplyRows(quantizeRows(rows, 'fp8'), input, new Float32Array(2));
    expect(fp8[0]).toBeCloseTo(exact[0]!, 0);
    expect(fp8[1]).toBeCloseTo(exact[1]!, 2);
    expect(Array.from(multiplyRows(quantizeRows(rows, 'none'), input, new Float32Array(2)))).toEqual(
      exact.map(Math.fround),
    );
  });
  it('engine weights: float32 equals the plain functions; int8 and fp8 are close, smaller and not equal', () => {
    const binding = gaussianVector(createUniform(9), 64);
    const none = createEngineWeights('none');
    expect(none.projectKey(binding)).toEqual(projectKey(binding));
    expect(none.wordEmbedding('coat')).toEqual(wordEmbedding('coat'));
    for (const mode of ['int8', 'fp8'] as const) {
      const weights = createEngineWeights(mode);
      const key = weights.projectKey(binding);
      expect(key).not.toEqual(projectKey(binding));
      expect(maxError(key, projectKey(binding))).toBeLessThan(mode === 'int8' ? 0.05 : 0.3);
      expect(maxError(weights.wordEmbedding('coat'), wordEmbedding('coat'))).toBeLessThan(0.03);
      expect(weights.bytes()).toBe(32 * 64 + 32 * 4 + 60 + 4);
    }
    expect(none.bytes()).toBe(keyProjection.length * 64 * 4 + 60 * 4);
  });
});

describe('stored frames', () => {
  it('int8 and fp8 frames are at least 3.5x smaller than float32 and restore close to it', async () => {
    const engine = createMiniEngine({ width: 64, height: 36 });
    const prompt = await engine.encodePrompt('Nora, a woman in a yellow coat, walks in the park');
    await engine.generateChunk({ prompt });
    await engine.storeFrame(1, 'a');
    const full = engine.storeBytes();
    await engine.release();
    for (const mode of ['int8', 'fp8'] as const) {
      const quantized = createMiniEngine({ width: 64, height: 36, quantization: mode });
      await quantized.generateChunk({ prompt: await quantized.encodePrompt(prompt.text) });
      await quantized.storeFrame(1, 'a');
      expect(full / quantized.storeBytes()).toBeGreaterThanOrEqual(3.5);
      await quantized.release();
    }
  });
  it('restores a frame within the quantization error', () => {
    const uniform = createUniform(5);
    const frame = {
      index: 4,
      prompt: 'p',
      scene: { setting: 'park', state: gaussianVector(uniform, 9), binding: gaussianVector(uniform, 64) },
      slots: [],
      cache: [
        { slot: 0, key: gaussianVector(uniform, 103), value: gaussianVector(uniform, 44), mention: 'Nora' },
      ],
    };
    const none = storeLatentFrame(frame, 'none');
    const int8 = storeLatentFrame(frame, 'int8');
    expect(storedFrameBytes(none)).toBe(9 * 4 + 64 * 4 + 4 + 103 * 4 + 44 * 4 + 4);
    expect(storedFrameBytes(int8)).toBe(9 + 4 + 64 + 4 + 4 + 103 + 4 + 44 + 4 + 4);
    expect(restoreContextFrame(none).cache[0]!.value).toEqual(frame.cache[0]!.value);
    const restored = restoreContextFrame(int8);
    expect(restored.position).toBe(4);
    expect(maxError(restored.cache[0]!.value, frame.cache[0]!.value)).toBeLessThan(0.05);
    expect(maxError(restored.scene.state, frame.scene.state)).toBeLessThan(0.05);
  });
});

describe('weightQuantization', () => {
  it('sets the weights apart from the store, and is checked', async () => {
    const engine = createMiniEngine({
      width: 64,
      height: 36,
      quantization: 'int8',
      weightQuantization: 'none',
    });
    await engine.generateChunk({ prompt: await engine.encodePrompt('Nora walks in the park') });
    await engine.storeFrame(1, 'a');
    const float = createMiniEngine({ width: 64, height: 36 });
    await float.generateChunk({ prompt: await float.encodePrompt('Nora walks in the park') });
    await float.storeFrame(1, 'a');
    // float32 weights: the projection plus 4 bytes per entry of each embedding row used; int8 frames
    expect(engine.weightBytes()).toBe(float.weightBytes());
    expect((engine.weightBytes() - 32 * 64 * 4) % (60 * 4)).toBe(0);
    expect(float.storeBytes() / engine.storeBytes()).toBeGreaterThan(3.5);
    expect(() => createMiniEngine({ weightQuantization: 'int4' as never })).toThrow(/weightQuantization/);
  });
});
