import { findEntity } from '../../entities/registry.js';
import { attributesConflict } from '../../entities/registry-vocabulary.js';
import { labelOf, type PromptAnalysis } from '../analyze-script.js';
import type { LintProblem } from '../lint-problem.js';

/** Words that announce a change of look; a later conflicting attribute then is a change, not a contradiction. */
const CHANGE_WORDS =
  /\b(now|changes?d?|changing|puts? on|putting on|dyed|dyes|switch(es|ed)?|swaps?|swapped|slips? into|new|shaved|grown|takes? off|removes?|cut)\b/i;

/**
 * `contradictory-attributes`: one character given two attributes that cannot both hold (a red coat and a green
 * coat) in one prompt (error), or in a later prompt that does not say the look changed (warning: the registry
 * silently replaces the old attribute, and the memory recalls frames of the old look).
 */
export function checkAttributes(prompts: readonly PromptAnalysis[]): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const { index, text, result, before } of prompts) {
    for (const character of result.characters) {
      const spans = result.spans.filter((span) => span.id === character.id && span.role === 'attribute');
      const entity = findEntity(before, character.id);
      const who = entity ? labelOf(entity) : (character.properName ?? character.mention);
      spans.forEach((span, position) => {
        const attribute = span.text.toLowerCase();
        const clash = spans.slice(0, position).find((other) => attributesConflict(other.text, attribute));
        if (clash) {
          problems.push({
            prompt: index,
            start: span.start,
            end: span.end,
            code: 'contradictory-attributes',
            severity: 'error',
            message: `"${span.text}" contradicts "${clash.text}" for "${who}" in the same prompt (the agents read them as one person)`,
            suggestion: `keep one of "${clash.text}" and "${span.text}"`,
          });
          return;
        }
        const old = character.isNew
          ? undefined
          : entity?.attrs.find((item) => attributesConflict(item, attribute));
        if (old && !CHANGE_WORDS.test(text)) {
          problems.push({
            prompt: index,
            start: span.start,
            end: span.end,
            code: 'contradictory-attributes',
            severity: 'warning',
            message: `"${span.text}" contradicts "${old}" given to "${who}" earlier, and the prompt does not say the look changed`,
            suggestion: `write "${old}" if nothing changed, or say so ("now wears a ${attribute}")`,
            fix: { start: span.start, end: span.end, text: old },
          });
        }
      });
    }
  }
  return problems;
}
