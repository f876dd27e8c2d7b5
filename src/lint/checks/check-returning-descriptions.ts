import { findEntity } from '../../entities/registry.js';
import {
  describingMentions,
  labelOf,
  matchCase,
  mentionWords,
  type PromptAnalysis,
  pronounGender,
} from '../analyze-script.js';
import type { LintProblem } from '../lint-problem.js';

/** Words that only count or tell people apart ("another man", "the first girl"); they describe no look. */
const NO_LOOK_WORDS = new Set(['another', 'other', 'first', 'second', 'third', 'fourth', 'new', 'different']);

/**
 * `returning-new-description`: someone absent from the previous prompt comes back named only by a description
 * never used for them before ("the tall woman" for the earlier "Nora, a young woman"). The agents may take them
 * for a newcomer, and a causal model has nothing in view that the new words match.
 */
export function checkReturningDescriptions(prompts: readonly PromptAnalysis[]): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const { index, result, before } of prompts) {
    for (const character of result.characters) {
      const entity = findEntity(before, character.id);
      const last = entity?.prompts.at(-1);
      if (!entity || character.isNew || last === undefined || last >= index) continue;
      const mentions = describingMentions(result, character.id);
      if (mentions.length === 0) continue;
      // Words used for them before: earlier names and descriptions, and their attributes ("the tall man" for
      // "another man" who was tall).
      const known = new Set([
        ...entity.mentions.flatMap(mentionWords),
        ...entity.instances.flatMap((instance) => instance.attrs.flatMap(mentionWords)),
      ]);
      const isKnown = (words: string[]) =>
        words.length > 0 && words.every((word) => known.has(word) || NO_LOOK_WORDS.has(word));
      if (mentions.some((mention) => isKnown(mentionWords(mention.text)))) continue;
      // "the man in the yellow vest": a registered attribute restated identifies them as well as a name.
      if (character.attrs.some((attribute) => entity.attrs.includes(attribute))) continue;
      const first = mentions[0]!;
      const label = labelOf(entity);
      const fix = label
        ? { start: first.start, end: first.end, text: matchCase(first.text, label) }
        : undefined;
      problems.push({
        prompt: index,
        start: first.start,
        end: first.end,
        code: 'returning-new-description',
        severity: 'warning',
        message: `"${first.text}" brings back ${label ? `"${label}"` : `character ${character.id}`} (last seen in prompt ${last}) under a description never used for them: earlier ${entity.mentions
          .filter((mention) => pronounGender({ text: mention }) === undefined)
          .map((mention) => `"${mention}"`)
          .join(', ')}`,
        suggestion: fix
          ? `name them as before: "${fix.text}" (keep the new words as attributes if they add any)`
          : 'reuse an earlier description',
        ...(fix ? { fix } : {}),
      });
    }
  }
  return problems;
}
