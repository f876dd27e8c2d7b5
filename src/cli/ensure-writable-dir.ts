import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors/index.js';

/**
 * Creates `absolute` (and missing parents) and checks it is a writable folder, turning file-system failures
 * into an InputError on `flag`. Folders are made one at a time from the nearest existing ancestor, because a
 * recursive mkdir under a pseudo file system such as /proc never returns on Node 20.
 *
 * @example
 * await ensureWritableDir('--out', 'out/nora', resolve('out/nora'));
 */
export async function ensureWritableDir(flag: string, value: string, absolute: string): Promise<void> {
  const fail = (message: string, cause?: unknown): never => {
    throw new InputError(
      [{ code: 'out-not-writable', path: [flag, value], message, hint: 'choose a folder you can write to' }],
      { cause },
    );
  };
  const missing: string[] = [];
  let current = resolve(absolute);
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => error);
    if (!(info instanceof Error)) {
      if (!info.isDirectory())
        fail(
          current === absolute ? 'exists and is not a folder' : 'a part of the path is a file, not a folder',
        );
      break;
    }
    if (info.code === 'ENOTDIR') fail('a part of the path is a file, not a folder', info);
    if (info.code !== 'ENOENT') fail(`cannot read the folder (${info.code ?? info.message})`, info);
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) fail('no part of the path exists');
    current = parent;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) =>
      error.code === 'EEXIST'
        ? undefined
        : fail(`cannot create the folder (${error.code ?? error.message})`, error),
    );
  }
  await access(absolute, constants.W_OK).catch((error: NodeJS.ErrnoException) =>
    fail('is not writable', error),
  );
}
