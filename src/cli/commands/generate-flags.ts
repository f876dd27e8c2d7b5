import type { Issue } from '../../errors/index.js';
import { InputError } from '../../errors/index.js';
import type { TransitionKind } from '../../memory/policy.js';
import { type TransitionCurve, transitionCurves } from '../../pipeline/transition.js';
import { runDefaults } from '../../run/run-defaults.js';
import type { CommandContext } from '../command.js';

/** Frame size limits: even numbers (H.264 yuv420p needs them), large enough to see, small enough to run on a CPU. */
export const sizeLimits = { min: 64, max: 1920 } as const;

/** Validated flags of `iamflow generate`. */
export interface GenerateFlags {
  /** The script file, as given. */
  script: string;
  /** The output folder, as given. */
  out: string;
  /** Memory policy name (checked against the registry by the command). */
  policy: string;
  /** Engine seed, 0 .. 2^32 - 1. */
  seed: number;
  /** Frame width in pixels (even). */
  width: number;
  /** Frame height in pixels (even). */
  height: number;
  /** Denoising steps of the engine. */
  steps: number;
  /** 1-based line of a multi-script JSONL file. */
  line?: number;
  /** Script id in a multi-script file. */
  id?: string;
  /** Transition override at prompt switches. */
  transition?: TransitionKind;
  /** Ramp shape of a soft transition. */
  curve?: TransitionCurve;
  /** No progress bar and no summary line. */
  quiet: boolean;
  /** Print a JSON summary on stdout. */
  json: boolean;
}

const transitions: readonly TransitionKind[] = ['swap', 'recache', 'soft'];

function flagIssue(flag: string, message: string, hint: string): Issue {
  return { code: 'invalid-flag', path: [`--${flag}`], message, hint };
}

/** Parses `WxH`, e.g. `480x270`, into even pixel sizes within `sizeLimits`. */
export function parseSize(text: string): { width: number; height: number } | Issue {
  const match = /^(\d+)x(\d+)$/i.exec(text.trim());
  const hint = `give WIDTHxHEIGHT with even numbers from ${sizeLimits.min} to ${sizeLimits.max}, e.g. 480x270`;
  if (!match) return flagIssue('size', `'${text}' is not a size`, hint);
  const width = Number(match[1]);
  const height = Number(match[2]);
  const bad = [width, height].find((n) => n < sizeLimits.min || n > sizeLimits.max || n % 2 !== 0);
  if (bad !== undefined) return flagIssue('size', `${bad} is not an even number of pixels in range`, hint);
  return { width, height };
}

function parseInteger(flag: string, text: string, min: number, max: number, example: string): number | Issue {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  return flagIssue(
    flag,
    `'${text}' is not a whole number from ${min} to ${max}`,
    `e.g. --${flag} ${example}`,
  );
}

const isIssue = (value: unknown): value is Issue =>
  typeof value === 'object' && value !== null && 'code' in value;

/**
 * Validates the flags of `iamflow generate`, collecting every problem into one InputError.
 *
 * @example
 * parseGenerateFlags({ out: 'out/nora', size: '480x270' }, ['examples/nora.jsonl'], 'longlive')
 */
export function parseGenerateFlags(
  values: CommandContext['values'],
  positionals: readonly string[],
  defaultPolicy: string,
): GenerateFlags {
  const issues: Issue[] = [];
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (positionals.length !== 1) {
    issues.push({
      code: positionals.length === 0 ? 'missing-script' : 'extra-arguments',
      path: ['generate'],
      message:
        positionals.length === 0 ? 'no script given' : `expected one script, got ${positionals.join(' ')}`,
      hint: 'usage: iamflow generate SCRIPT --out DIR, e.g. iamflow generate examples/nora.jsonl --out out/nora',
    });
  }
  const out = text('out');
  if (!out) issues.push(flagIssue('out', 'no output folder given', 'add --out DIR, e.g. --out out/nora'));
  const size = parseSize(text('size') ?? `${runDefaults.width}x${runDefaults.height}`);
  const seed = parseInteger('seed', text('seed') ?? String(runDefaults.seed), 0, 2 ** 32 - 1, '7');
  const steps = parseInteger('steps', text('steps') ?? String(runDefaults.steps), 1, 1000, '2');
  const lineText = text('line');
  const line = lineText === undefined ? undefined : parseInteger('line', lineText, 1, 10_000_000, '3');
  const transition = text('transition');
  const curve = text('curve');
  if (curve !== undefined && !transitionCurves.includes(curve as TransitionCurve)) {
    issues.push(flagIssue('curve', `unknown curve '${curve}'`, `use one of: ${transitionCurves.join(', ')}`));
  }
  if (curve !== undefined && transition !== 'soft') {
    issues.push(
      flagIssue('curve', 'only applies to --transition soft', 'add --transition soft or drop --curve'),
    );
  }
  if (transition !== undefined && !transitions.includes(transition as TransitionKind)) {
    issues.push(
      flagIssue('transition', `unknown transition '${transition}'`, `use one of: ${transitions.join(', ')}`),
    );
  }
  for (const value of [size, seed, steps, line]) if (isIssue(value)) issues.push(value);
  if (issues.length > 0) throw new InputError(issues);

  const flags: GenerateFlags = {
    script: positionals[0]!,
    out: out!,
    policy: text('policy') ?? defaultPolicy,
    seed: seed as number,
    steps: steps as number,
    ...(size as { width: number; height: number }),
    quiet: values.quiet === true,
    json: values.json === true,
  };
  if (typeof line === 'number') flags.line = line;
  const id = text('id');
  if (id !== undefined) flags.id = id;
  if (transition !== undefined) flags.transition = transition as TransitionKind;
  if (curve !== undefined) flags.curve = curve as TransitionCurve;
  return flags;
}
