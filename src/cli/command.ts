import type { ParseArgsConfig } from 'node:util';

/**
 * One CLI command (`iamflow <name>`). Commands live in `commands/<name>.ts`, are listed in `commands/index.ts`,
 * parse their flags with `node:util` `parseArgs` from `options`, and return an exit code: 0 success, 1 failure
 * of the work, 2 bad input. Thrown IamflowErrors are printed by the entry point without a stack.
 */
export interface Command {
  /** The word after `iamflow`, e.g. `generate`. */
  name: string;
  /** One line for `iamflow --help`. */
  summary: string;
  /** Full help text for `iamflow <name> --help`: usage line, every option with its default, examples. */
  help: string;
  /** Flag definitions for `parseArgs` (`--help` is added by the entry point). */
  options: NonNullable<ParseArgsConfig['options']>;
  /** Runs the command; resolves to the process exit code. */
  run(context: CommandContext): Promise<number>;
}

/** What a command receives. */
export interface CommandContext {
  /** Parsed flag values, by long option name. */
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  /** Positional arguments after the command name. */
  positionals: string[];
  /** Where results go (JSON summaries, tables). */
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Where progress and diagnostics go. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Working directory for relative paths. */
  cwd: string;
  /** Environment variables. */
  env: Readonly<Record<string, string | undefined>>;
}
