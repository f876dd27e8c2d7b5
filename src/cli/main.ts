import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatError, formatSystemError, IamflowError, InputError } from '../errors/index.js';
import type { Command, CommandContext } from './command.js';
import { commands as registeredCommands } from './commands/index.js';

/** Where the CLI reads and writes; injectable so tests run it in-process. */
export interface CliIo {
  /** Results (JSON summaries, tables). Default `process.stdout`. */
  stdout?: CommandContext['stdout'];
  /** Progress and diagnostics. Default `process.stderr`. */
  stderr?: CommandContext['stderr'];
  /** Working directory for relative paths. Default `process.cwd()`. */
  cwd?: string;
  /** Environment variables. Default `process.env`. */
  env?: CommandContext['env'];
  /** The commands to dispatch to. Default: those listed in `commands/index.ts`. */
  commands?: readonly Command[];
}

const globalOptions = {
  help: { type: 'boolean', short: 'h', default: false },
  verbose: { type: 'boolean', default: false },
} as const;

function version(): string {
  // package.json sits two folders up from both src/cli and dist/cli.
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'iamflow: identity-aware memory for narrative long video generation with causal video models',
    '',
    'Usage: iamflow <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help   show help (also `iamflow <command> --help`)',
    '  --version    print the version',
    '  --verbose    print stack traces of unexpected errors',
    '',
    'Example: iamflow generate examples/nora.jsonl --out out/nora',
    '',
  ].join('\n');
}

/** Edit distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function parseCommandArgs(command: Command, args: string[]) {
  try {
    return parseArgs({
      args,
      options: { ...command.options, ...globalOptions },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    const kind = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 'unknown-flag' : 'invalid-flag';
    throw new InputError(
      [
        {
          code: kind,
          path: [command.name],
          // Node's messages end with advice about `--` that does not apply here; keep the first sentence.
          message: (error as Error).message.split('. ')[0]!.replace(/\.$/, ''),
          hint: `see \`iamflow ${command.name} --help\` for the options`,
        },
      ],
      { cause: error },
    );
  }
}

/**
 * Runs the CLI on `argv` (the words after `iamflow`) and resolves to the exit code: 0 success, 1 failure of the
 * work, 2 bad input. Never throws; IamflowErrors print their issues, anything else one line (a stack only with
 * `--verbose`).
 *
 * @example
 * process.exitCode = await main(['generate', 'examples/nora.jsonl', '--out', 'out/nora']);
 */
export async function main(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const commands = io.commands ?? registeredCommands;
  const verbose = argv.includes('--verbose');
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const target = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
      (name === undefined ? stderr : stdout).write(target ? target.help : overview(commands));
      return name === undefined ? 2 : 0;
    }
    if (name === '--version') {
      stdout.write(`${version()}\n`);
      return 0;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) {
      const near = commands.filter((c) => distance(c.name, name) <= 2).map((c) => c.name);
      throw new InputError([
        {
          code: name.startsWith('-') ? 'unknown-flag' : 'unknown-command',
          path: [],
          message: name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`,
          hint:
            near.length > 0
              ? `did you mean \`iamflow ${near[0]}\`? See \`iamflow --help\``
              : `commands: ${commands.map((c) => c.name).join(', ')}; see \`iamflow --help\``,
        },
      ]);
    }
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      stdout.write(command.help);
      return 0;
    }
    return await command.run({
      values: values as CommandContext['values'],
      positionals,
      stdout,
      stderr,
      cwd: io.cwd ?? process.cwd(),
      env: io.env ?? process.env,
    });
  } catch (error) {
    if (IamflowError.isInstance(error)) {
      stderr.write(`${formatError(error, { verbose })}\n`);
      if (verbose && error.cause instanceof Error)
        stderr.write(`cause: ${error.cause.stack ?? error.cause.message}\n`);
      return error.exitCode;
    }
    const system = formatSystemError(error);
    if (system !== undefined) {
      stderr.write(`${system}\n`);
      if (verbose && error instanceof Error) stderr.write(`cause: ${error.stack ?? error.message}\n`);
      return 1;
    }
    stderr.write(`${formatError(error, { verbose })}\n`);
    if (!verbose) stderr.write('hint: this is unexpected; rerun with --verbose to see the details\n');
    return 1;
  }
}

/** True when this module is the program (bin/iamflow.js or `tsx src/cli/main.ts`), not an import of a test. */
function isEntry(): boolean {
  const invoked = process.argv[1];
  if (!invoked) return false;
  try {
    const path = realpathSync(invoked);
    const bin = fileURLToPath(new URL('../../bin/iamflow.js', import.meta.url));
    return path === fileURLToPath(import.meta.url) || path === realpathSync(bin);
  } catch {
    return false;
  }
}

if (isEntry()) {
  process.exitCode = await main(process.argv.slice(2));
}
