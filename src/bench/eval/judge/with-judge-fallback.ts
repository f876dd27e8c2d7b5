import { callWithFallback, fallbackProviderName } from '../../../provider/call-with-fallback.js';
import type { JudgeV1 } from './judge.js';

/**
 * A judge that tries `primary` and, when it throws, answers with `fallback` (usually the pixel judge), adding a
 * `{ type: 'fallback', fallback: true, reason }` warning to the verdict, the same way the agents fall back. Its
 * provider is `primary+fallback`.
 *
 * @example
 * const judge = withJudgeFallback(createOpenAIJudge(settings), createPixelJudge());
 */
export function withJudgeFallback(primary: JudgeV1, fallback: JudgeV1): JudgeV1 {
  return {
    specificationVersion: 'v1',
    provider: fallbackProviderName(primary, fallback),
    modelId: primary.modelId,
    description: primary.description,
    score: (input) =>
      callWithFallback(
        primary.provider,
        () => primary.score(input),
        () => fallback.score(input),
      ),
  };
}
