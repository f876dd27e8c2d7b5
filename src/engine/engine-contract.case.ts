import { type CaseSkip, describeCases } from '../../test/case-suite.js';
import { type EngineMaker, engineContractCases } from './engine-contract-cases.js';

/** Options of {@link runEngineContract}. */
export interface EngineContractOptions {
  /** Name shown in the test titles. */
  name: string;
  /**
   * Creates a fresh engine for one test; may be async (a remote engine connects, a test server starts). Every case
   * releases the engine it made.
   */
  createEngine: EngineMaker;
  /**
   * A reason skips the whole suite (e.g. no server configured); `[{ reason, tests }]` skips the named cases.
   */
  skip?: CaseSkip;
}

/**
 * Registers the shared engine cases (`engineContractCases`) with vitest (hono's common case suite style).
 *
 * @example
 * runEngineContract({ name: 'mini', createEngine: () => createMiniEngine({ width: 96, height: 54 }) });
 */
export function runEngineContract(options: EngineContractOptions): void {
  describeCases(`engine contract: ${options.name}`, options.skip, (it) => {
    for (const entry of engineContractCases) it(entry.name, () => entry.run(options.createEngine));
  });
}
