import type { ExtractionSpan } from '../../agents/llm/index.js';
import { findEntity } from '../../entities/registry.js';
import { labelOf, type PromptAnalysis } from '../analyze-script.js';
import { type LintProblem, lintDefaults } from '../lint-problem.js';

/** Extra words a mention after the attribute pays (`Lina wears a white parka and Wen ...` binds to Lina). */
const FORWARD_PENALTY = 2;
const TOKEN = /[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*|[.,;:!?()"]/g;

/**
 * `crowded-binding`: an attribute phrase that a nearest-mention text encoder (the miniature engine's, and the
 * failure mode of real ones in crowded sentences) is likely to give to the wrong person: the nearest person
 * mention within `bindingWords` (a comma counts 2, never across a sentence end, a following mention pays 2,
 * ties go to the preceding one) is not its owner.
 */
export function checkBinding(
  prompts: readonly PromptAnalysis[],
  bindingWords: number = lintDefaults.bindingWords,
): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const { index, text, result, after } of prompts) {
    const mentions = result.spans.filter((span) => span.role === 'mention');
    const name = (id: number, fallback: string) => {
      const entity = findEntity(after, id);
      return (entity && labelOf(entity)) ?? fallback;
    };
    for (const attribute of result.spans.filter((span) => span.role === 'attribute')) {
      if (mentions.some((mention) => mention.start <= attribute.start && attribute.end <= mention.end))
        continue;
      const reach = inReach(text, mentions, attribute, bindingWords);
      const nearest = reach[0];
      if (!nearest) continue;
      const owned = mentions.filter((mention) => mention.id === attribute.id);
      const properName = findEntity(after, attribute.id)?.properName;
      const owner = owned.find((mention) => mention.text === properName) ?? owned[0];
      const ownerName = name(attribute.id, owner?.text ?? `#${attribute.id}`);
      const ownerText = owner?.text ?? ownerName;
      const suggestion = `move "${attribute.text}" right after "${ownerText}" ("${ownerText} in a ${attribute.text}"), or give each person their own sentence`;
      if (nearest.mention.id !== attribute.id) {
        problems.push({
          prompt: index,
          start: attribute.start,
          end: attribute.end,
          code: 'crowded-binding',
          severity: 'warning',
          message: `"${attribute.text}" belongs to "${ownerName}" but sits nearer "${nearest.mention.text}"; a text encoder will likely give it to "${nearest.mention.text}"`,
          suggestion,
        });
      }
    }
  }
  return problems;
}

/** Mentions within the binding reach of an attribute, nearest first (ties: the preceding mention first). */
function inReach(
  text: string,
  mentions: readonly ExtractionSpan[],
  attribute: ExtractionSpan,
  window: number,
): Array<{ mention: ExtractionSpan; distance: number }> {
  return mentions
    .map((mention) => ({
      mention,
      distance:
        mention.end <= attribute.start
          ? gap(text.slice(mention.end, attribute.start))
          : mention.start >= attribute.end
            ? gap(text.slice(attribute.end, mention.start)) + FORWARD_PENALTY
            : Number.POSITIVE_INFINITY,
    }))
    .filter((item) => item.distance <= window)
    .sort(
      (first, second) =>
        first.distance - second.distance ||
        Number(first.mention.start > attribute.start) - Number(second.mention.start > attribute.start),
    );
}

/** Words between two spans, punctuation counting 2; a sentence end in between puts them out of reach. */
function gap(between: string): number {
  let distance = 0;
  for (const [token] of between.matchAll(TOKEN)) {
    if (/^[.!?;]$/.test(token)) return Number.POSITIVE_INFINITY;
    distance += /^[A-Za-z0-9]/.test(token) ? 1 : 2;
  }
  return distance;
}
