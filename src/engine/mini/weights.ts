import {
  dequantize,
  matrixBytes,
  multiplyRows,
  type Quantization,
  type QuantizedMatrix,
  type QuantizedVector,
  quantize,
  quantizeRows,
  storedBytes,
} from './quantize.js';
import { createUniform, gaussianVector, hashString } from './random.js';

/** Hashed word-embedding dimensions of a binding vector. */
export const WORD_DIMENSION = 60;
/** Binding vector length: hashed words + 4 kind features (female, male, child, old). */
export const BINDING_SIZE = WORD_DIMENSION + 4;
/** Length of exposed keys (prompt token keys and frame keys). */
export const KEY_DIMENSION = 32;

const WEIGHT_SEED = hashString('mini-causal-v1 weights');

/** Seeded hashed embedding of a word on the word dimensions (unit length); the engine's untrained "weights". */
export function wordEmbedding(word: string): Float32Array {
  const vector = gaussianVector(createUniform(hashString(word, WEIGHT_SEED)), WORD_DIMENSION);
  return normalize(vector);
}

/**
 * The fixed key projection to the exposed key space: seeded orthonormal rows (a random 32-d subspace of the
 * binding space), so exposed keys keep dot products approximately. Attention inside the engine uses the full
 * binding vectors (a 64-d head).
 */
export const keyProjection: readonly Float32Array[] = orthogonalRows(KEY_DIMENSION, BINDING_SIZE);

/** Projects a binding vector into key space. */
export function projectKey(binding: Float32Array): Float32Array {
  const key = new Float32Array(KEY_DIMENSION);
  for (let row = 0; row < KEY_DIMENSION; row++) key[row] = dot(keyProjection[row]!, binding);
  return key;
}

/** The engine's weights in one number format: the word-embedding table and the key projection. */
export interface EngineWeights {
  quantization: Quantization;
  /**
   * A word's embedding row (unit length before quantization; do not modify). Rows are generated on first use (the
   * vocabulary is open: words are hashed) and kept in the table in the weights' format, one scale per row.
   */
  wordEmbedding(word: string): Float32Array;
  /** Projects a binding vector into key space with the key projection (one scale per output channel). */
  projectKey(binding: Float32Array): Float32Array;
  /** Bytes the weights occupy: the key projection and the embedding rows materialised so far, with scales. */
  bytes(): number;
}

/**
 * The engine's weights in `mode`: `none` keeps float32; `int8` and `fp8` (e4m3) keep codes with a float32 scale per
 * output channel of the key projection (per row, as the reference's FP8 weights) and per row of the embedding
 * table. Every use computes on the codes (an embedding row is dequantized when looked up; the projection
 * multiplies the codes and applies the row scale), so the quantization error reaches the generated video.
 */
export function createEngineWeights(mode: Quantization = 'none'): EngineWeights {
  const projection: QuantizedMatrix = quantizeRows(keyProjection, mode);
  const table = new Map<string, QuantizedVector>();
  return {
    quantization: mode,
    wordEmbedding(word) {
      let row = table.get(word);
      if (row === undefined) {
        row = quantize(wordEmbedding(word), mode);
        table.set(word, row);
      }
      // float32 rows are handed out as stored (callers copy them); quantized rows are dequantized on use
      return mode === 'none' ? (row.data as Float32Array) : dequantize(row);
    },
    projectKey(binding) {
      return multiplyRows(projection, binding, new Float32Array(KEY_DIMENSION));
    },
    bytes() {
      let bytes = matrixBytes(projection);
      for (const row of table.values()) bytes += storedBytes(row);
      return bytes;
    },
  };
}

/** Dot product over the shorter length. */
export function dot(first: ArrayLike<number>, second: ArrayLike<number>): number {
  const length = Math.min(first.length, second.length);
  let sum = 0;
  for (let index = 0; index < length; index++) sum += first[index]! * second[index]!;
  return sum;
}

/** Scales a vector to unit length in place (zero stays zero) and returns it. */
export function normalize(vector: Float32Array): Float32Array {
  const length = Math.sqrt(dot(vector, vector));
  if (length > 0) for (let index = 0; index < vector.length; index++) vector[index] = vector[index]! / length;
  return vector;
}

function orthogonalRows(rows: number, columns: number): Float32Array[] {
  const uniform = createUniform(WEIGHT_SEED ^ 0x5bd1e995);
  const result: Float32Array[] = [];
  while (result.length < rows) {
    const candidate = gaussianVector(uniform, columns);
    for (const previous of result) {
      const projection = dot(candidate, previous);
      for (let index = 0; index < columns; index++)
        candidate[index] = candidate[index]! - projection * previous[index]!;
    }
    if (Math.sqrt(dot(candidate, candidate)) > 1e-3) result.push(normalize(candidate));
  }
  return result;
}
