import { analyzeScript } from './analyze-script.js';
import { checkAttributes } from './checks/check-attributes.js';
import { checkBinding } from './checks/check-binding.js';
import { checkDescriptions } from './checks/check-descriptions.js';
import { checkLength } from './checks/check-length.js';
import { checkPronouns } from './checks/check-pronouns.js';
import { checkReturningDescriptions } from './checks/check-returning-descriptions.js';
import { type LintProblem, type LintSettings, lintDefaults } from './lint-problem.js';

/**
 * Finds what in a script will confuse a causal video model or the agents: ambiguous, dangling and returning
 * pronouns, returning characters under new descriptions, contradictory attributes, attributes a text encoder
 * will bind to the wrong person, prompts past the text encoder's window and characters never described. Reads
 * mentions and IDs through the rules extractor; pure and deterministic. Problems come sorted by prompt and span.
 *
 * @example
 * lintScript(['Nora and Mia meet.', 'She waves.'])
 * // [{ prompt: 1, start: 0, end: 3, code: 'ambiguous-pronoun', severity: 'warning', ... }, ...]
 */
export function lintScript(prompts: readonly string[], settings: LintSettings = {}): LintProblem[] {
  const analysis = analyzeScript(prompts);
  const problems = [
    ...checkLength(analysis, settings.windowTokens ?? lintDefaults.windowTokens),
    ...checkPronouns(analysis),
    ...checkReturningDescriptions(analysis),
    ...checkAttributes(analysis),
    ...checkBinding(analysis, settings.bindingWords ?? lintDefaults.bindingWords),
    ...checkDescriptions(analysis),
  ];
  return problems.sort(
    (first, second) => first.prompt - second.prompt || first.start - second.start || first.end - second.end,
  );
}
