import { type EngineMaker, engineContractCases } from './engine-contract-cases.js';

/** The outcome of one contract case. */
export interface EngineCaseResult {
  /** The case's title. */
  name: string;
  /** Whether the engine passed it. */
  passed: boolean;
  /** Wall time of the case in milliseconds. */
  ms: number;
  /** Why it failed (the assertion or the engine's error message); absent when it passed. */
  error?: string;
}

/** A conformance report: every case's outcome, in the suite's order. */
export interface EngineConformanceReport {
  /** True when every case passed. */
  passed: boolean;
  cases: EngineCaseResult[];
}

/**
 * Runs the engine contract outside vitest, one case after the other, and reports each case's outcome instead of
 * stopping at the first failure (`iamflow engine check`).
 *
 * @example
 * const report = await checkEngineContract(() => createRemoteEngine({ url: 'http://127.0.0.1:7870' }));
 */
export async function checkEngineContract(
  createEngine: EngineMaker,
  options: { onCase?: (result: EngineCaseResult) => void; now?: () => number } = {},
): Promise<EngineConformanceReport> {
  const now = options.now ?? (() => performance.now());
  const cases: EngineCaseResult[] = [];
  for (const entry of engineContractCases) {
    const started = now();
    let result: EngineCaseResult;
    try {
      await entry.run(createEngine);
      result = { name: entry.name, passed: true, ms: now() - started };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { name: entry.name, passed: false, ms: now() - started, error: message };
    }
    cases.push(result);
    options.onCase?.(result);
  }
  return { passed: cases.every((entry) => entry.passed), cases };
}
