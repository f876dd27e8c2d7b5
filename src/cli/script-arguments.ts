import { InputError } from '../errors/index.js';
import type { CommandContext } from './command.js';

/**
 * The one SCRIPT positional of a command that reads a script (`iamflow entities`, `iamflow lint`).
 *
 * @example
 * const path = scriptPositional(context, 'lint'); // throws 'no script given' without one
 */
export function scriptPositional(context: Pick<CommandContext, 'positionals'>, command: string): string {
  const [path, ...extra] = context.positionals;
  if (path && extra.length === 0) return path;
  throw new InputError([
    {
      code: 'missing-script',
      path: ['SCRIPT'],
      message: path ? `expected one script, got ${context.positionals.length}` : 'no script given',
      hint: `run \`iamflow ${command} SCRIPT\` with a JSONL, YAML/JSON or text script`,
    },
  ]);
}

/** A flag's value as a positive integer, undefined when the flag is absent, or a located InputError. */
export function positiveIntegerFlag(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new InputError([
      { code: 'invalid-flag', path: [flag], message: `expected a positive integer, got '${String(value)}'` },
    ]);
  }
  return number;
}
