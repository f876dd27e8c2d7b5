import { z } from 'zod';
import { InvalidResponseError } from '../../../errors/invalid-response-error.js';
import type { VerifyInput, VerifyResult, VerifyWarning } from '../frame-verifier.js';

const scoreSchema = z.union([z.number(), z.object({ score: z.number() }).transform((value) => value.score)]);

const replySchema = z.object({
  scores: z.array(scoreSchema).min(1),
  seen: z.array(z.array(z.number().int()).catch([])).nullish().catch(null),
  corrections: z
    .array(z.object({ id: z.number().int(), attrs: z.array(z.string()).catch([]) }))
    .nullish()
    .catch(null),
});

/**
 * Reads the model's reply leniently: the JSON object may sit inside prose or a code fence; scores are clamped to
 * 0..1 and padded (0.5) or cut to one per frame; unknown IDs are dropped with a warning. Throws
 * `InvalidResponseError` when there is no JSON object with scores.
 */
export function parseVerifyReply(content: string, input: VerifyInput): VerifyResult {
  const start = content.indexOf('{');
  const end = content.lastIndexOf('}');
  let json: unknown;
  try {
    if (!(start >= 0 && end > start)) throw new SyntaxError('no braces');
    json = JSON.parse(content.slice(start, end + 1));
  } catch (error) {
    throw new InvalidResponseError({
      message: 'reply holds no valid JSON object',
      text: content,
      cause: error,
    });
  }
  const parsed = replySchema.safeParse(json);
  if (!parsed.success)
    throw new InvalidResponseError({ message: 'reply has no scores array', text: content });
  const warnings: VerifyWarning[] = [];
  const count = input.frames.length;
  if (parsed.data.scores.length !== count) {
    warnings.push({ type: 'other', message: `expected ${count} scores, got ${parsed.data.scores.length}` });
  }
  const scores = Array.from({ length: count }, (_, index) => {
    const score = parsed.data.scores[index];
    return score === undefined || Number.isNaN(score) ? 0.5 : Math.min(1, Math.max(0, score));
  });
  const known = new Set(input.entities.map((entity) => entity.id));
  const result: VerifyResult = { scores };
  if (parsed.data.seen) {
    result.seen = Array.from({ length: count }, (_, index) =>
      (parsed.data.seen?.[index] ?? []).filter((id) => known.has(id)),
    );
  }
  if (input.firstChunkOfSegment && parsed.data.corrections) {
    // The reference accepts corrections for every registered ID (vlm_agent.py:157-162).
    const correctable = new Set([...known, ...(input.registered ?? []).map((entity) => entity.id)]);
    const corrections = parsed.data.corrections.filter(
      (item) => correctable.has(item.id) && item.attrs.length > 0,
    );
    if (corrections.length < parsed.data.corrections.length) {
      warnings.push({ type: 'other', message: 'dropped corrections for unknown IDs or without attributes' });
    }
    if (corrections.length > 0) {
      result.corrections = corrections.map((item) => ({
        id: item.id,
        attrs: item.attrs.map((attr) => attr.toLowerCase().trim()),
      }));
    }
  }
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}
