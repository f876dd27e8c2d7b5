import type { ProviderWarning } from './provider-warning.js';

/** Any result that can carry provider warnings (an extraction, a verification, a verdict). */
export interface WarnedResult {
  /** Non-fatal notes; a fallback puts its warning first. */
  warnings?: ProviderWarning[];
}

/**
 * Runs `primary`; when it throws, answers with `fallback` and puts a `{ type: 'fallback', fallback: true, reason,
 * provider }` warning first in the result's warnings, so run.json and reports show what happened. The one way
 * every agent port falls back (`withExtractorFallback`, `withVerifierFallback`, `withJudgeFallback`).
 *
 * @example
 * const result = await callWithFallback('openai', () => openai.verify(input), () => pixel.verify(input));
 */
export async function callWithFallback<R extends WarnedResult>(
  provider: string,
  primary: () => Promise<R>,
  fallback: () => Promise<R>,
): Promise<R> {
  let reason: string;
  try {
    return await primary();
  } catch (error) {
    reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const result = await fallback();
  const warning: ProviderWarning = { type: 'fallback', fallback: true, reason, provider };
  return { ...result, warnings: [warning, ...(result.warnings ?? [])] };
}

/** The fallback warning of a result, when the primary provider failed. */
export function findFallback(
  result: WarnedResult,
): Extract<ProviderWarning, { type: 'fallback' }> | undefined {
  return result.warnings?.find((warning) => warning.type === 'fallback');
}

/** The name of a port that falls back: `primary+fallback` (e.g. `openai+rules`), as run.json records it. */
export function fallbackProviderName(primary: { provider: string }, fallback: { provider: string }): string {
  return `${primary.provider}+${fallback.provider}`;
}
