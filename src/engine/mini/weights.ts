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
