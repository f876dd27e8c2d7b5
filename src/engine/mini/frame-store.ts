import { dequantize, type Quantization, type QuantizedVector, quantize, storedBytes } from './quantize.js';
import type { ContextFrame, LatentFrame } from './tokens.js';

/** A stored copy of a latent frame's keys and values (its context-pass cache), possibly quantized. */
export interface StoredFrame {
  /** Original temporal position (latent frame index). */
  position: number;
  setting: string | null;
  scene: QuantizedVector;
  sceneBinding: QuantizedVector;
  tokens: Array<{ slot: number; key: QuantizedVector; value: QuantizedVector; mention: string | null }>;
}

/**
 * Copies a frame's cache into storage form, each vector quantized with its own scale unless `none`. Scene states
 * and token values are stored around 0.5 (centred, their [0, 1] entries use the whole signed code range); the offset is
 * a constant of the field, so only the codes and one float32 scale per vector are kept.
 */
export function storeLatentFrame(frame: LatentFrame, mode: Quantization): StoredFrame {
  return {
    position: frame.index,
    setting: frame.scene.setting,
    scene: quantize(frame.scene.state, mode, 0.5),
    sceneBinding: quantize(frame.scene.binding, mode),
    tokens: frame.cache.map((token) => ({
      slot: token.slot,
      key: quantize(token.key, mode),
      value: quantize(token.value, mode, 0.5),
      mention: token.mention,
    })),
  };
}

/** Restores a stored frame as a bank entry of the context. */
export function restoreContextFrame(stored: StoredFrame): ContextFrame {
  return {
    position: stored.position,
    part: 'bank',
    scene: {
      setting: stored.setting,
      state: dequantize(stored.scene, 0.5),
      binding: dequantize(stored.sceneBinding),
    },
    cache: stored.tokens.map((token) => ({
      slot: token.slot,
      key: dequantize(token.key),
      value: dequantize(token.value, 0.5),
      mention: token.mention,
    })),
  };
}

/** Bytes of a stored frame's vectors (plus 4 bytes per token for its slot and position). */
export function storedFrameBytes(stored: StoredFrame): number {
  let bytes = storedBytes(stored.scene) + storedBytes(stored.sceneBinding) + 4;
  for (const token of stored.tokens) bytes += storedBytes(token.key) + storedBytes(token.value) + 4;
  return bytes;
}
