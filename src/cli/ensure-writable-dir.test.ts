import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/index.js';
import { ensureWritableDir } from './ensure-writable-dir.js';

describe('ensureWritableDir', () => {
  const root = mkdtempSync(join(tmpdir(), 'iamflow-out-'));

  it('creates missing parents one by one', async () => {
    const target = join(root, 'a', 'b', 'c');
    await ensureWritableDir('--out', target, target);
    expect(statSync(target).isDirectory()).toBe(true);
  });

  it.each([
    [
      'a file',
      () => writeFileSync(join(root, 'file'), 'x'),
      join(root, 'file'),
      'exists and is not a folder',
    ],
    [
      'a path under a file',
      () => {},
      join(root, 'file', 'sub'),
      'a part of the path is a file, not a folder',
    ],
    ['a pseudo file system', () => {}, '/proc/iamflow-test/out', 'cannot create the folder'],
  ])('refuses %s with an InputError', async (_name, setup, target, message) => {
    setup();
    const error = await ensureWritableDir('--out', target, target).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues[0]?.message).toContain(message);
    expect((error as InputError).exitCode).toBe(2);
  });
});
