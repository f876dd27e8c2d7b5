import { extractScriptEntities, formatEntityTable, resolveExtractorFromEnv } from '../../agents/llm/index.js';
import { readScript } from '../../script/read-script.js';
import type { Command, CommandContext } from '../command.js';
import { positiveIntegerFlag, scriptPositional } from '../script-arguments.js';

const help = `Usage: iamflow entities SCRIPT [options]

Extracts the characters of every prompt with their visual attributes and gives each a global ID, as the
IAMFlow LLM agent does before generation. Prints a table, or JSON with --json:
  {"entities":[{"id":1,"name":"man_1","mentions":["Ravi","he"],"attrs":[...],"prompts":[1,2]}],
   "prompts":[{"index":1,"entities":[{"id":1,"mention":"Ravi","attrs":[...]}]}]}

Options:
  --line N             take the script on line N of a multi-script JSONL file
  --id ID              take the script with this id from a multi-script file
  --llm-url URL        OpenAI-compatible API base URL (default: env IAMFLOW_LLM_URL; unset: embedded rules)
  --llm-model NAME     model name for --llm-url (default: env IAMFLOW_LLM_MODEL)
  --json               print JSON on stdout
  -h, --help           show this help

Examples:
  iamflow entities examples/nora.jsonl
  iamflow entities bench/suite/narrastream-324.jsonl --id reference-shift-003 --json
  iamflow entities script.txt --llm-url http://127.0.0.1:11434/v1 --llm-model llama3.1
`;

async function runEntities(context: CommandContext): Promise<number> {
  const path = scriptPositional(context, 'entities');
  const line = positiveIntegerFlag(context.values.line, '--line');
  const id = context.values.id;
  const script = await readScript(path, {
    cwd: context.cwd,
    ...(line === undefined ? {} : { line }),
    ...(typeof id === 'string' ? { id } : {}),
  });
  const url = typeof context.values['llm-url'] === 'string' ? context.values['llm-url'] : undefined;
  const model = typeof context.values['llm-model'] === 'string' ? context.values['llm-model'] : undefined;
  const extractor = resolveExtractorFromEnv({
    IAMFLOW_LLM_URL: url ?? context.env.IAMFLOW_LLM_URL,
    IAMFLOW_LLM_MODEL: model ?? context.env.IAMFLOW_LLM_MODEL,
    IAMFLOW_LLM_API_KEY: context.env.IAMFLOW_LLM_API_KEY,
  });
  const table = await extractScriptEntities(extractor, script.prompts);
  context.stdout.write(context.values.json ? `${JSON.stringify(table)}\n` : `${formatEntityTable(table)}\n`);
  return 0;
}

/** `iamflow entities`: the LLM agent's entity table of a script. */
export const entitiesCommand: Command = {
  name: 'entities',
  summary: 'extract characters, attributes and global IDs from a script',
  help,
  options: {
    line: { type: 'string' },
    id: { type: 'string' },
    'llm-url': { type: 'string' },
    'llm-model': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  run: runEntities,
};
