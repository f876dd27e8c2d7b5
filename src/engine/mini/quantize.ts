/** How stored frame vectors are kept: full float32, int8 (absmax per vector) or fp8 e4m3 (scaled per vector). */
export type Quantization = 'none' | 'int8' | 'fp8';

/** A stored vector: its bytes and the per-vector scale. */
export interface QuantizedVector {
  /** Float32Array for `none`, Int8Array for `int8`, Uint8Array of e4m3 codes for `fp8`. */
  data: Float32Array | Int8Array | Uint8Array;
  /** Multiplier that maps decoded codes back to values. */
  scale: number;
  /** Value subtracted before quantizing (appearance vectors are centred on 0.5). */
  offset: number;
}

const FP8_MAX = 448;

/** Quantizes a vector (values centred on `offset` first, so [0, 1] data keeps its precision). */
export function quantize(vector: Float32Array, mode: Quantization, offset = 0): QuantizedVector {
  if (mode === 'none') return { data: vector.slice(), scale: 1, offset: 0 };
  let absmax = 0;
  for (const value of vector) absmax = Math.max(absmax, Math.abs(value - offset));
  if (mode === 'int8') {
    const scale = absmax > 0 ? absmax / 127 : 1;
    return { data: Int8Array.from(vector, (value) => Math.round((value - offset) / scale)), scale, offset };
  }
  const scale = absmax > 0 ? absmax / FP8_MAX : 1;
  return { data: Uint8Array.from(vector, (value) => encodeE4m3((value - offset) / scale)), scale, offset };
}

/** Restores a float vector from a quantized one. */
export function dequantize(stored: QuantizedVector): Float32Array {
  if (stored.data instanceof Float32Array) return stored.data.slice();
  if (stored.data instanceof Int8Array) {
    return Float32Array.from(stored.data, (code) => code * stored.scale + stored.offset);
  }
  return Float32Array.from(stored.data, (code) => decodeE4m3(code) * stored.scale + stored.offset);
}

/** Bytes a stored vector occupies (codes plus a float32 scale and offset when quantized). */
export function storedBytes(stored: QuantizedVector): number {
  return stored.data.byteLength + (stored.data instanceof Float32Array ? 0 : 8);
}

/** Encodes a number as an FP8 E4M3 byte (bias 7, no infinities, saturating at 448). */
export function encodeE4m3(value: number): number {
  const sign = value < 0 || Object.is(value, -0) ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(value), FP8_MAX);
  if (magnitude < 2 ** -6) return sign | Math.round(magnitude / 2 ** -9);
  let exponent = Math.floor(Math.log2(magnitude));
  let mantissa = Math.round((magnitude / 2 ** exponent - 1) * 8);
  if (mantissa === 8) {
    exponent += 1;
    mantissa = 0;
  }
  const biased = exponent + 7;
  if (biased > 15 || (biased === 15 && mantissa > 6)) return sign | 0x7e;
  return sign | (biased << 3) | mantissa;
}

/** Decodes an FP8 E4M3 byte. */
export function decodeE4m3(code: number): number {
  const sign = code & 0x80 ? -1 : 1;
  const biased = (code >> 3) & 0x0f;
  const mantissa = code & 0x07;
  if (biased === 0) return sign * mantissa * 2 ** -9;
  return sign * (1 + mantissa / 8) * 2 ** (biased - 7);
}
