import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { HttpError } from './http-error.js';

/**
 * Resolves a client-given relative path inside the data folder, or throws a 403: absolute paths, `..` segments,
 * NUL bytes, backslashes and symbolic links that lead out are all refused (the path arrives already URL-decoded).
 *
 * @example
 * resolveDataPath('/srv/data', 'scripts/nora.jsonl') // '/srv/data/scripts/nora.jsonl'
 */
export function resolveDataPath(dataDir: string, given: string): string {
  const refuse = (why: string): never => {
    throw new HttpError(
      403,
      'path-outside-data',
      `path '${given}' ${why}`,
      'give a path relative to the --data folder',
    );
  };
  if (given.length === 0 || given.length > 1024) refuse('is empty or too long');
  if (given.includes('\0') || given.includes('\\')) refuse('holds a NUL byte or a backslash');
  if (isAbsolute(given) || /^[a-zA-Z]:/.test(given)) refuse('is absolute');
  if (given.split('/').some((part) => part === '..')) refuse('climbs out with ..');
  const root = realpathSync(dataDir);
  const target = resolve(root, given);
  const inside = (path: string) => {
    const rel = relative(root, path);
    return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
  };
  if (!inside(target)) refuse('leads outside the data folder');
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    return target;
  }
  if (!inside(real)) refuse('leads outside the data folder through a link');
  return real;
}
