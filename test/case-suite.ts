import { describe, it, type TestFunction } from 'vitest';

/** Cases an implementation cannot pass yet, with why (hono's `skip: [{ reason, tests }]`). */
export interface SkippedCases {
  /** Shown in the skipped test's title. */
  reason: string;
  /** Exact titles of the skipped cases. */
  tests: readonly string[];
}

/** How much of a shared case suite to skip: a reason skips all of it, a list skips the named cases. */
export type CaseSkip = string | readonly SkippedCases[];

/** Registers one case; skipped (with the reason in its title) when `skip` names it. */
export type CaseTest = (title: string, body: TestFunction, timeout?: number) => void;

/**
 * Declares a shared case suite over one implementation of a port: `body` registers the cases through the `test`
 * it receives, which honours `skip`.
 *
 * @example
 * describeCases('extractor cases: rules', options.skip, (test) => { test('returns a result', async () => {}); });
 */
export function describeCases(
  title: string,
  skip: CaseSkip | undefined,
  body: (test: CaseTest) => void,
): void {
  if (typeof skip === 'string') {
    describe.skip(`${title} (skipped: ${skip})`, () => body(it));
    return;
  }
  const reasons = new Map(skip?.flatMap(({ reason, tests }) => tests.map((name) => [name, reason] as const)));
  const test: CaseTest = (name, run, timeout) => {
    const reason = reasons.get(name);
    if (reason === undefined) it(name, run, timeout);
    else it.skip(`${name} (skipped: ${reason})`, run);
  };
  describe(title, () => body(test));
}
