import { InputError } from '../../errors/index.js';
import {
  formatProblems,
  type LintProblem,
  lintDefaults,
  lintScript,
  summarizeProblems,
} from '../../lint/index.js';
import { readScript, readScripts } from '../../script/read-script.js';
import type { Script } from '../../script/script.js';
import type { Command, CommandContext } from '../command.js';
import { positiveIntegerFlag, scriptPositional } from '../script-arguments.js';

const help = `Usage: iamflow lint SCRIPT [options]

Reports what in a script will confuse a causal video model or the agents, with the prompt and character span:
  ambiguous-pronoun          a pronoun with two or more people of its gender on screen
  dangling-pronoun           a pronoun with nobody before it
  returning-pronoun          someone absent from the previous prompt comes back as a bare pronoun
  returning-new-description  someone comes back under a description never used for them
  contradictory-attributes   two attributes that cannot both hold (error within a prompt)
  crowded-binding            an attribute a text encoder will likely bind to the wrong person
  prompt-too-long            a prompt past the text encoder's window (error)
  undescribed-character      someone never given a visual attribute
Suggests a rewrite where it can. A file of several scripts is linted whole unless --line or --id picks one.
Exit status: 0 clean or warnings only, 1 errors (--strict: also warnings), 2 bad input.

Options:
  --line N             lint the script on line N of a multi-script JSONL file
  --id ID              lint the script with this id
  --json               print {"problems":[{"prompt","start","end","code","severity","message","suggestion"}]}
                       (prompt from 0; several scripts add "script" and "line" to each problem)
  --strict             warnings count as errors for the exit status
  --window N           text encoder window in tokens (default ${lintDefaults.windowTokens}, Wan2.1's umT5; 77 for CLIP)
  -h, --help           show this help

Examples:
  iamflow lint examples/nora.jsonl
  iamflow lint bench/suite/narrastream-324.jsonl --line 3 --json
  iamflow lint script.txt --strict
`;

async function readTargets(path: string, context: CommandContext, line?: number): Promise<Script[]> {
  const id = typeof context.values.id === 'string' ? context.values.id : undefined;
  if (line !== undefined || id !== undefined) {
    return [
      await readScript(path, {
        cwd: context.cwd,
        ...(line === undefined ? {} : { line }),
        ...(id ? { id } : {}),
      }),
    ];
  }
  const { scripts, errors } = await readScripts(path, { cwd: context.cwd });
  if (errors.length > 0) throw new InputError(errors.flatMap((error) => error.issues));
  return scripts;
}

async function runLint(context: CommandContext): Promise<number> {
  const path = scriptPositional(context, 'lint');
  const line = positiveIntegerFlag(context.values.line, '--line');
  const windowTokens = positiveIntegerFlag(context.values.window, '--window') ?? lintDefaults.windowTokens;
  const scripts = await readTargets(path, context, line);
  const several = scripts.length > 1;
  const all: LintProblem[] = [];
  const text: string[] = [];
  const json: Array<LintProblem & { script?: string; line?: number }> = [];
  for (const script of scripts) {
    const problems = lintScript(script.prompts, { windowTokens });
    all.push(...problems);
    const location =
      script.source.line === undefined ? script.source.path : `${script.source.path}:${script.source.line}`;
    if (problems.length > 0) {
      text.push(formatProblems(script.prompts, problems, { location, color: context.stdout.isTTY === true }));
    }
    for (const problem of problems) {
      json.push(
        several
          ? {
              ...problem,
              script: script.id,
              ...(script.source.line === undefined ? {} : { line: script.source.line }),
            }
          : problem,
      );
    }
  }
  if (context.values.json) context.stdout.write(`${JSON.stringify({ problems: json })}\n`);
  else {
    const scope = several ? ` in ${scripts.length} scripts` : '';
    context.stdout.write(`${[...text, `${summarizeProblems(all)}${scope}`].join('\n\n')}\n`);
  }
  const failing = all.some((problem) => problem.severity === 'error' || context.values.strict === true);
  return failing ? 1 : 0;
}

/** `iamflow lint`: what in a script will confuse a causal model or the agents. */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'find ambiguous pronouns, contradictions and crowded sentences in a script',
  help,
  options: {
    line: { type: 'string' },
    id: { type: 'string' },
    json: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    window: { type: 'string' },
  },
  run: runLint,
};
