import { resolve } from 'node:path';
import { formatCharacterSheet, readCharacterSheet, rebuildCharacterSheet } from '../../characters/index.js';
import { InputError } from '../../errors/index.js';
import type { Command, CommandContext } from '../command.js';

const help = `Usage: iamflow characters RUN_DIR [options]

Prints the character sheet of a run: for each global ID of the iamflow policy, the prompts where it appears, how
often the verifier saw it, its mentions, its attributes as registered and as verified, the verifier's corrections,
its best verified crops and the picture characters/<id>.png. Reads RUN_DIR/characters.json (every run writes it);
for an older run it builds the sheet from run.json. Policies without a registry have no characters.

Options:
  --json               print characters.json on stdout
  --write              (re)write characters.json and characters/<id>.png from run.json and video.mp4
  -h, --help           show this help

Examples:
  iamflow characters out/nora
  iamflow characters out/nora --json
  iamflow characters out/old-run --write
`;

async function runCharacters(context: CommandContext): Promise<number> {
  const [dir, ...extra] = context.positionals;
  if (!dir || extra.length > 0) {
    throw new InputError([
      {
        code: 'missing-run-dir',
        path: ['RUN_DIR'],
        message: dir ? `expected one run folder, got ${context.positionals.length}` : 'no run folder given',
        hint: 'run `iamflow characters RUN_DIR` with a folder written by `iamflow generate`',
      },
    ]);
  }
  const path = resolve(context.cwd, dir);
  const sheet = context.values.write
    ? await rebuildCharacterSheet(path)
    : (await readCharacterSheet(path)).sheet;
  context.stdout.write(
    context.values.json ? `${JSON.stringify(sheet, null, 2)}\n` : `${formatCharacterSheet(sheet)}\n`,
  );
  return 0;
}

/** `iamflow characters`: the character sheet of a run folder. */
export const charactersCommand: Command = {
  name: 'characters',
  summary: "print a run's character sheet (who is who, attributes, corrections, crops)",
  help,
  options: {
    json: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
  },
  run: runCharacters,
};
