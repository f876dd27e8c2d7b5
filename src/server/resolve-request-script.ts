import { basename } from 'node:path';
import { parseScriptEntries } from '../script/parse-script-text.js';
import { readScript } from '../script/read-script.js';
import type { Script } from '../script/script.js';
import { selectScript } from '../script/select-script.js';
import { confineReferences, dataFolderOf } from './confine-references.js';
import { resolveDataPath } from './resolve-data-path.js';
import type { RunRequest } from './run-request.js';

/**
 * The script of a run request: uploaded text (layout from the name's extension), a file inside --data, or segments.
 * Picture paths (references, start image) are confined to --data.
 *
 * @example
 * const script = await resolveRequestScript('data', { path: 'scripts/nora.jsonl', ...defaults });
 */
export async function resolveRequestScript(dataDir: string, request: RunRequest): Promise<Script> {
  const pick = {
    ...(request.line === undefined ? {} : { line: request.line }),
    ...(request.id === undefined ? {} : { id: request.id }),
  };
  if (request.script) {
    const path = basename(request.script.name);
    const scriptPick = {
      ...(request.script.line === undefined ? {} : { line: request.script.line }),
      ...(request.script.id === undefined ? {} : { id: request.script.id }),
    };
    const script = selectScript(parseScriptEntries(request.script.text, { path }), { path, ...scriptPick });
    // An uploaded script's pictures are files inside --data, never anywhere else on the server.
    return confineReferences(dataDir, script, '');
  }
  if (request.path !== undefined) {
    const file = resolveDataPath(dataDir, request.path);
    return confineReferences(dataDir, await readScript(file, pick), dataFolderOf(dataDir, file));
  }
  const segments = request.segments ?? [];
  return {
    id: 'segments',
    fps: 16,
    prompts: segments.map((segment) => segment.prompt),
    seconds: segments.map((segment) => segment.seconds),
    source: { path: '(request)' },
  };
}
