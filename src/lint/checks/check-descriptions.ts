import { labelOf, type PromptAnalysis, pronounGender } from '../analyze-script.js';
import type { LintProblem } from '../lint-problem.js';

const KIND_NOUN = {
  woman: 'a woman',
  man: 'a man',
  girl: 'a girl',
  boy: 'a boy',
  person: 'a person',
} as const;

/**
 * `undescribed-character`: someone the script never gives a single visual attribute (clothing, hair, build, age
 * ...). A causal model then samples a fresh look, which drifts between prompts and which no memory can check.
 * Reported at their first mention.
 */
export function checkDescriptions(prompts: readonly PromptAnalysis[]): LintProblem[] {
  const last = prompts.at(-1);
  if (!last) return [];
  const problems: LintProblem[] = [];
  for (const entity of last.after.entities) {
    if (entity.instances.some((instance) => instance.attrs.length > 0)) continue;
    // Someone the text names only by pronouns is a dangling pronoun, reported as such (the registry may also hold
    // roles the extractor implied, such as "walker", which are not words of the script).
    const written = prompts.flatMap((prompt) =>
      prompt.result.spans.filter((item) => item.id === entity.id && item.role === 'mention'),
    );
    if (written.every((item) => pronounGender(item) !== undefined)) continue;
    const first = entity.prompts[0]! - 1;
    const span = prompts[first]!.result.spans.find(
      (item) => item.id === entity.id && item.role === 'mention',
    );
    if (!span) continue;
    const label = labelOf(entity) ?? span.text;
    problems.push({
      prompt: first,
      start: span.start,
      end: span.end,
      code: 'undescribed-character',
      severity: 'warning',
      message: `"${label}" is never described (no clothing, hair, build or age in any prompt); the model invents a look that can drift`,
      suggestion: `describe them where they first appear, e.g. "${entity.properName ? `${span.text}, ${KIND_NOUN[entity.kind]}` : span.text} in a gray coat with short black hair"`,
    });
  }
  return problems;
}
