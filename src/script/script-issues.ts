import type { z } from 'zod';
import type { Issue } from '../errors/iamflow-error.js';
import { scriptLimits } from './script-limits.js';

type Segment = string | number;

/**
 * Turns zod issues of a script object into iamflow issues: a stable code, a path prefixed with the file (and
 * line), a sentence naming the field the way a person counts (prompt 3, not index 2), and a hint.
 * `locate` maps a field path to its 1-based file line when the format allows it (YAML, JSON documents).
 */
export function toScriptIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly Segment[],
  locate?: (path: readonly Segment[]) => number | undefined,
): Issue[] {
  return issues.map((issue) => {
    const path = issue.path.filter((segment): segment is Segment => typeof segment !== 'symbol');
    const code = codeOf(issue, path);
    const line = locate?.(path);
    const ordinal = ordinalOf(path);
    const hint = hintOf(code, path);
    return {
      code,
      path: [...prefix, ...(line === undefined ? [] : [`line ${line}`]), ...path],
      message: ordinal ? `${issue.message} (${ordinal})` : issue.message,
      ...(hint ? { hint } : {}),
    };
  });
}

function codeOf(issue: z.core.$ZodIssue, path: readonly Segment[]): string {
  const isPrompt = path[0] === 'prompts' || path.at(-1) === 'prompt';
  const isList = path.length === 1 && (path[0] === 'prompts' || path[0] === 'segments');
  switch (issue.code) {
    case 'invalid_type':
      return 'input' in issue && issue.input !== undefined ? 'invalid-type' : 'missing-field';
    case 'too_small':
      if (isList) return 'no-prompts';
      if (issue.origin === 'number') return 'not-positive';
      return isPrompt ? 'empty-prompt' : 'too-small';
    case 'too_big':
      if (isList) return 'too-many-prompts';
      return isPrompt ? 'prompt-too-long' : 'too-big';
    case 'custom':
      return typeof issue.params?.code === 'string' ? issue.params.code : 'invalid-value';
    default:
      return 'invalid-value';
  }
}

/** The item a path points into, the way a person counts it (`prompt 3` for `prompts.2`), or '' for a plain field. */
function ordinalOf(path: readonly Segment[]): string {
  const position = path.findIndex((segment) => typeof segment === 'number');
  if (position < 1) return '';
  const names: Record<string, string> = {
    prompts: 'prompt',
    segments: 'segment',
    seconds: 'duration',
    present: 'present list',
  };
  const field = String(path[position - 1]);
  return `${names[field] ?? field} ${(path[position] as number) + 1}`;
}

function hintOf(code: string, path: readonly Segment[]): string | undefined {
  const field = path.find((segment) => typeof segment === 'string');
  switch (code) {
    case 'no-prompts':
      return 'give "prompts": ["...", ...] (or "segments": [{prompt: ...}] in YAML/JSON)';
    case 'empty-prompt':
      return 'write the prompt or remove the empty entry';
    case 'prompt-too-long':
      return `shorten it to at most ${scriptLimits.maxPromptCharacters.toLocaleString('en-US')} characters: describe one shot per prompt`;
    case 'too-many-prompts':
      return `split the story into scripts of at most ${scriptLimits.maxPrompts} prompts`;
    case 'not-positive':
      return field === 'fps' ? 'use a positive frame rate such as 16' : 'use a positive duration such as 10';
    case 'missing-field':
      return `add the field "${String(path.at(-1) ?? field)}"`;
    case 'seconds-length':
      return 'give one duration per prompt, or a single number for all of them';
    case 'present-length':
      return 'give one list of character keys per prompt ([] when nobody is on screen)';
    case 'unknown-character':
      return 'use a key of "characters", or add the character there';
    case 'incomplete-annotations':
      return 'give both "characters" and "present", or neither';
    case 'change-out-of-range':
      return 'number changes by the 1-based prompt where they start';
    case 'conflicting-fields':
      return 'keep either "prompts" or "segments"';
    default:
      return undefined;
  }
}
