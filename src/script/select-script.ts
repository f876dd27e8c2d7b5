import { InputError } from '../errors/input-error.js';
import type { ScriptEntry } from './parse-script-text.js';
import type { Script } from './script.js';

/**
 * Picks one script from a file's entries: by `line`, by `id`, or the only one. Throws an InputError saying how to
 * choose when the file holds several, and the chosen script's own error when it is invalid.
 *
 * @example
 * selectScript(entries, { path: 'suite.jsonl', id: 'reappearance-001' })
 */
export function selectScript(
  entries: readonly ScriptEntry[],
  options: { path: string; line?: number; id?: string },
): Script {
  const { path, line, id } = options;
  const fail = (code: string, message: string, hint: string): never => {
    throw new InputError([{ code, path: [path], message, hint }]);
  };
  const available = describeEntries(entries);
  let chosen: ScriptEntry | undefined;
  if (line !== undefined && id !== undefined) {
    fail('conflicting-options', 'both --line and --id were given', 'pass only one of --line N or --id X');
  } else if (line !== undefined) {
    if (!Number.isInteger(line) || line < 1)
      fail('line-out-of-range', `--line must be a whole number from 1, not ${line}`, available);
    chosen = entries.find((entry) => entry.line === line);
    if (!chosen) {
      const last = Math.max(...entries.map((entry) => entry.line));
      fail(
        'line-out-of-range',
        line > last
          ? `--line ${line} is past the last script (line ${last})`
          : `line ${line} holds no script (it is blank)`,
        available,
      );
    }
  } else if (id !== undefined) {
    chosen = entries.find((entry) => entry.id === id);
    if (!chosen) fail('unknown-id', `no script has id "${id}"`, available);
  } else if (entries.length === 1) {
    chosen = entries[0];
  } else {
    fail(
      'ambiguous-script',
      `the file holds ${entries.length} scripts; choose one`,
      `pass --line N or --id X; ${available}`,
    );
  }
  if (chosen?.error) throw chosen.error;
  return chosen!.script!;
}

function describeEntries(entries: readonly ScriptEntry[]): string {
  const shown = entries.slice(0, 3).map((entry) => `line ${entry.line}${entry.id ? ` "${entry.id}"` : ''}`);
  const more = entries.length > shown.length ? `, ... (${entries.length} in all)` : '';
  return `scripts: ${shown.join(', ')}${more}`;
}
