import { expect } from 'vitest';
import { IamflowError } from '../src/errors/iamflow-error.js';

/**
 * Inputs per fuzz property: `IAMFLOW_FUZZ_RUNS` (`npm run fuzz` sets 100,000), default 200 so `npm test` stays fast.
 */
export const fuzzRuns = Number(process.env.IAMFLOW_FUZZ_RUNS ?? 200);

/** fast-check parameters shared by every fuzz property: the run count, and a fixed seed when `IAMFLOW_FUZZ_SEED` is set. */
export const fuzzParameters = {
  numRuns: fuzzRuns,
  ...(process.env.IAMFLOW_FUZZ_SEED ? { seed: Number(process.env.IAMFLOW_FUZZ_SEED) } : {}),
};

/** Longest time one input may take, in milliseconds, before the property counts it as a hang. */
export const fuzzInputBudgetMs = 2000;

/**
 * Asserts that a thrown value is one of the project's typed errors with at least one located issue: a code, a
 * non-empty path (file, line or field) and a message. Anything else (TypeError, RangeError, a bare Error) fails.
 */
export function expectLocatedError(error: unknown): asserts error is IamflowError {
  if (!IamflowError.isInstance(error)) throw error;
  expect(error.issues.length, error.message).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(issue.code).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(issue.path.length, `issue ${issue.code} has no path`).toBeGreaterThan(0);
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

/** Runs `work`, failing when it takes longer than `fuzzInputBudgetMs` (a synchronous hang is caught by the test timeout). */
export function expectQuick<T>(work: () => T): T {
  const start = performance.now();
  const value = work();
  const elapsed = performance.now() - start;
  expect(elapsed, 'one input took too long').toBeLessThan(fuzzInputBudgetMs);
  return value;
}
