/** A seeded uniform generator in [0, 1). */
export type Uniform = () => number;

/** 32-bit FNV-1a hash of a string, for seeding and hashed embeddings. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Mixes several integers into one 32-bit seed (order matters). */
export function mixSeed(...parts: readonly number[]): number {
  let hash = 0x9e3779b9;
  for (const part of parts) {
    hash ^= Math.imul(part | 0, 0x85ebca6b) >>> 0;
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
    hash ^= hash >>> 16;
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast, good-enough PRNG; same seed, same stream. */
export function createUniform(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal sample (Box-Muller) from a uniform stream. */
export function gaussian(uniform: Uniform): number {
  const u = Math.max(uniform(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}

/** A vector of standard normal samples. */
export function gaussianVector(uniform: Uniform, length: number): Float32Array {
  const vector = new Float32Array(length);
  for (let index = 0; index < length; index++) vector[index] = gaussian(uniform);
  return vector;
}
