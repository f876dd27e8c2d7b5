import { dequantize, type Quantization, type QuantizedVector, quantize, storedBytes } from './quantize.js';
import type { ContextFrame, FigureToken, LatentFrame } from './tokens.js';

/** A stored copy of a latent frame's tokens, possibly quantized. */
export interface StoredFrame {
  /** Original temporal position (latent frame index). */
  position: number;
  setting: string | null;
  palette: QuantizedVector;
  sceneBinding: QuantizedVector;
  figures: Array<{
    appearance: QuantizedVector;
    binding: QuantizedVector;
    rest: Omit<FigureToken, 'appearance' | 'binding'>;
  }>;
}

/** Copies a frame's tokens into storage form (quantizing vectors unless `none`). */
export function storeLatentFrame(frame: LatentFrame, mode: Quantization): StoredFrame {
  return {
    position: frame.index,
    setting: frame.scene.setting,
    palette: quantize(frame.scene.palette, mode, 0.5),
    sceneBinding: quantize(frame.scene.binding, mode),
    figures: frame.figures.map(({ appearance, binding, ...rest }) => ({
      appearance: quantize(appearance, mode, 0.5),
      binding: quantize(binding, mode),
      rest: { ...rest },
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
      palette: dequantize(stored.palette),
      binding: dequantize(stored.sceneBinding),
    },
    figures: stored.figures.map((figure) => ({
      ...figure.rest,
      appearance: dequantize(figure.appearance),
      binding: dequantize(figure.binding),
    })),
  };
}

/** Bytes of a stored frame's vectors (scalars per token counted as 4 float32 values). */
export function storedFrameBytes(stored: StoredFrame): number {
  let bytes = storedBytes(stored.palette) + storedBytes(stored.sceneBinding) + 4;
  for (const figure of stored.figures)
    bytes += storedBytes(figure.appearance) + storedBytes(figure.binding) + 16;
  return bytes;
}
