/**
 * How the engine keeps its numbers: full float32, int8 (symmetric absmax) or fp8 e4m3 (scaled so the largest
 * magnitude maps to 448). Stored frame vectors get one scale per vector; weight matrices one scale per output
 * channel (row), as the reference's FP8 weights.
 */
export type Quantization = 'none' | 'int8' | 'fp8';

/** The quantization modes, in CLI order. */
export const quantizations: readonly Quantization[] = ['none', 'int8', 'fp8'];

/** A stored vector: its codes and the per-vector scale. */
export interface QuantizedVector {
  /** Float32Array for `none`, Int8Array for `int8`, Uint8Array of e4m3 codes for `fp8`. */
  data: Float32Array | Int8Array | Uint8Array;
  /** Multiplier that maps decoded codes back to values (1 for `none`). */
  scale: number;
}

const FP8_MAX = 448;

/**
 * Quantizes a vector. `offset` is subtracted first (appearance vectors are centred on 0.5, so [0, 1] data keeps its
 * precision); it is a constant of the field being stored, not stored itself: pass the same one to `dequantize`.
 */
export function quantize(vector: ArrayLike<number>, mode: Quantization, offset = 0): QuantizedVector {
  if (mode === 'none') return { data: Float32Array.from(vector), scale: 1 };
  let absmax = 0;
  for (let index = 0; index < vector.length; index++)
    absmax = Math.max(absmax, Math.abs(vector[index]! - offset));
  const data = mode === 'int8' ? new Int8Array(vector.length) : new Uint8Array(vector.length);
  const scale = absmax > 0 ? absmax / (mode === 'int8' ? 127 : FP8_MAX) : 1;
  for (let index = 0; index < vector.length; index++) {
    const scaled = (vector[index]! - offset) / scale;
    data[index] = mode === 'int8' ? Math.round(scaled) : encodeE4m3(scaled);
  }
  return { data, scale };
}

/** Restores a float vector from a quantized one (`offset` as given to `quantize`). */
export function dequantize(stored: QuantizedVector, offset = 0): Float32Array {
  const { data, scale } = stored;
  if (data instanceof Float32Array) return data.slice();
  const result = new Float32Array(data.length);
  const table = data instanceof Int8Array ? undefined : e4m3Values;
  for (let index = 0; index < data.length; index++) {
    const code = table === undefined ? data[index]! : table[data[index]!]!;
    result[index] = code * scale + offset;
  }
  return result;
}

/** Bytes a stored vector occupies: its codes, plus a float32 scale when quantized. */
export function storedBytes(stored: QuantizedVector): number {
  return stored.data.byteLength + (stored.data instanceof Float32Array ? 0 : 4);
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

/** The value of every e4m3 code (a lookup table, as FP8 GEMM kernels widen codes before multiplying). */
export const e4m3Values: Float32Array = Float32Array.from({ length: 256 }, (_, code) => decodeE4m3(code));

/**
 * A weight matrix with one scale per output channel (row): `rows` x `columns` codes, row-major. For `none` the
 * codes are the float32 weights and every scale is 1.
 */
export interface QuantizedMatrix {
  mode: Quantization;
  rows: number;
  columns: number;
  data: Float32Array | Int8Array | Uint8Array;
  /** One float32 scale per row. */
  scales: Float32Array;
}

/** Quantizes the rows of a matrix, each with its own absmax scale (per output channel). */
export function quantizeRows(rows: readonly ArrayLike<number>[], mode: Quantization): QuantizedMatrix {
  const columns = rows[0]?.length ?? 0;
  const data =
    mode === 'none'
      ? new Float32Array(rows.length * columns)
      : mode === 'int8'
        ? new Int8Array(rows.length * columns)
        : new Uint8Array(rows.length * columns);
  const scales = new Float32Array(rows.length);
  rows.forEach((row, index) => {
    const quantized = quantize(row, mode);
    data.set(quantized.data, index * columns);
    scales[index] = quantized.scale;
  });
  return { mode, rows: rows.length, columns, data, scales };
}

/**
 * `output[row] = scale[row] * sum_c code(row, c) * input[c]`: a weight-only quantized matrix-vector product. The
 * codes are widened (int8 as is, e4m3 through its table) inside the sum and the row scale applied once at the end,
 * so the arithmetic runs on the quantized weights, never on a float copy of them.
 */
export function multiplyRows(
  matrix: QuantizedMatrix,
  input: ArrayLike<number>,
  output: Float32Array,
): Float32Array {
  const { data, columns, scales } = matrix;
  const length = Math.min(columns, input.length);
  const table = data instanceof Uint8Array ? e4m3Values : undefined;
  for (let row = 0; row < matrix.rows; row++) {
    const base = row * columns;
    let sum = 0;
    if (table === undefined) for (let c = 0; c < length; c++) sum += data[base + c]! * input[c]!;
    else for (let c = 0; c < length; c++) sum += table[data[base + c]!]! * input[c]!;
    output[row] = sum * scales[row]!;
  }
  return output;
}

/** Bytes of a quantized matrix: its codes plus, when quantized, one float32 scale per row. */
export function matrixBytes(matrix: QuantizedMatrix): number {
  return matrix.data.byteLength + (matrix.mode === 'none' ? 0 : matrix.scales.byteLength);
}
