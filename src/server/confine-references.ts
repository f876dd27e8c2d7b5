import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { Script } from '../script/script.js';
import { resolveDataPath } from './resolve-data-path.js';

/**
 * A served script's pictures, confined to the data folder: each path is taken relative to the script's folder
 * inside --data (an uploaded script: --data itself) and resolved by `resolveDataPath`, so `..`, absolute paths and
 * links that lead out are a 403 like any other client path. Returns the script with absolute picture paths.
 *
 * @example
 * confineReferences('/srv/data', script, 'scripts') // references.nora.image: '/srv/data/scripts/nora.png'
 */
export function confineReferences(dataDir: string, script: Script, folder: string): Script {
  if (script.references === undefined && script.startImage === undefined) return script;
  const confine = (path: string) => resolveDataPath(dataDir, isAbsolute(path) ? path : join(folder, path));
  const confined: Script = { ...script };
  if (script.references) {
    confined.references = Object.fromEntries(
      Object.entries(script.references).map(([key, reference]) => [
        key,
        { ...reference, image: confine(reference.image) },
      ]),
    );
  }
  if (script.startImage !== undefined) confined.startImage = confine(script.startImage);
  return confined;
}

/** The folder of a data file relative to the data folder ('' for its top). */
export function dataFolderOf(dataDir: string, file: string): string {
  return relative(realpathSync(dataDir), dirname(file));
}
