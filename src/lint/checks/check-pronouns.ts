import type { ExtractionSpan } from '../../agents/llm/index.js';
import { findEntity } from '../../entities/registry.js';
import {
  describingMentions,
  kindHasGender,
  labelOf,
  matchCase,
  type PromptAnalysis,
  pronounGender,
} from '../analyze-script.js';
import type { LintProblem } from '../lint-problem.js';

/**
 * `ambiguous-pronoun`: a pronoun with two or more people of its gender on screen before it (earlier in the
 * prompt, or in the previous prompt when the prompt has named nobody yet). `dangling-pronoun`: a pronoun nobody
 * came before. `returning-pronoun`: a pronoun that is the only name of someone absent from the previous prompt.
 */
export function checkPronouns(prompts: readonly PromptAnalysis[]): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const analysis of prompts) {
    const { result, text, index } = analysis;
    const previous = prompts[index - 1];
    // A returning person is reported at their first pronoun only ("He returns and he sits").
    const returned = new Set<number>();
    for (const span of result.spans) {
      const gender = pronounGender(span);
      if (span.role !== 'mention' || !gender || /self$/i.test(span.text)) continue;
      const character = result.characters.find((item) => item.id === span.id);
      const entity = findEntity(analysis.after, span.id);
      const earlierEntity = findEntity(analysis.before, span.id);
      if (character?.isNew && describingMentions(result, span.id).length === 0) {
        problems.push({
          prompt: index,
          start: span.start,
          end: span.end,
          code: 'dangling-pronoun',
          severity: 'warning',
          message: `"${span.text}" refers to nobody: no ${gender === 'female' ? 'woman or girl' : 'man or boy'} came before it`,
          suggestion: 'name or describe the person instead (e.g. "a woman in a red coat")',
        });
        continue;
      }
      const earlier = result.spans.filter(
        (other) => other.role === 'mention' && other.end <= span.start && pronounGender(other) === undefined,
      );
      const kindOf = (id: number) =>
        result.characters.find((item) => item.id === id)?.kind ?? findEntity(analysis.after, id)?.kind;
      const inPrompt = distinct(
        earlier.filter((other) => fits(kindOf(other.id), gender)).map((other) => other.id),
      );
      const onScreen =
        inPrompt.length > 0 || !previous
          ? inPrompt
          : previous.result.characters.filter((item) => fits(kindOf(item.id), gender)).map((item) => item.id);
      const label = entity ? labelOf(entity) : undefined;
      const fix = label ? replacement(text, span, label) : undefined;
      const names = onScreen.map((id) => `"${nameOf(analysis, id)}"`);
      if (onScreen.length >= 2) {
        problems.push({
          prompt: index,
          start: span.start,
          end: span.end,
          code: 'ambiguous-pronoun',
          severity: 'warning',
          message: `"${span.text}" could mean ${names.slice(0, -1).join(', ')} or ${names.at(-1)}${inPrompt.length > 0 ? '' : ' (all in the previous prompt)'}; the agents take ${label ? `"${label}"` : 'the nearest'} and a text encoder matches any of them`,
          suggestion: fix ? `write "${fix.text}" instead of "${span.text}"` : 'name the person instead',
          ...(fix ? { fix } : {}),
        });
        continue;
      }
      const named = describingMentions(result, span.id).length > 0;
      const last = earlierEntity?.prompts.at(-1);
      if (!named && inPrompt.length === 0 && last !== undefined && last < index && !returned.has(span.id)) {
        returned.add(span.id);
        problems.push({
          prompt: index,
          start: span.start,
          end: span.end,
          code: 'returning-pronoun',
          severity: 'warning',
          message: `"${span.text}" is the only name of ${label ? `"${label}"` : 'a character'}, last on screen in prompt ${last}; a causal model has nobody in view to attach it to`,
          suggestion: fix ? `write "${fix.text}" instead of "${span.text}"` : 'name the person again',
          ...(fix ? { fix } : {}),
        });
      }
    }
  }
  return problems;
}

function fits(kind: Parameters<typeof kindHasGender>[0] | undefined, gender: 'female' | 'male'): boolean {
  return kind !== undefined && kindHasGender(kind, gender);
}

function distinct(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

function nameOf(analysis: PromptAnalysis, id: number): string {
  const entity = findEntity(analysis.after, id);
  return (entity && labelOf(entity)) ?? `#${id}`;
}

/** The pronoun replaced by a name, possessive where the pronoun was (his, her before a word, hers). */
function replacement(
  text: string,
  span: ExtractionSpan,
  label: string,
): { start: number; end: number; text: string } {
  const word = span.text.toLowerCase();
  const next = /^\s+([a-z][a-z-]*)/i.exec(text.slice(span.end))?.[1]?.toLowerCase();
  const possessive =
    word === 'his' ||
    word === 'hers' ||
    (word === 'her' && next !== undefined && !NOT_AFTER_POSSESSIVE.has(next));
  const name = matchCase(span.text, possessive ? `${label}'s` : label);
  return { start: span.start, end: span.end, text: name };
}

/** Words after `her` that show it is an object, not a possessive ("hands her a cup", "follows her into"). */
const NOT_AFTER_POSSESSIVE = new Set(
  'a an the to and at with in on as from while before after into for again back up down away out off over through toward towards past by until goodbye'.split(
    ' ',
  ),
);
