import { mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { resolveDataPath } from './resolve-data-path.js';

const data = realpathSync(mkdtempSync(join(tmpdir(), 'iamflow-data-')));
mkdirSync(join(data, 'scripts'));
symlinkSync('/etc', join(data, 'scripts', 'etc'));
symlinkSync(join(data, 'scripts'), join(data, 'inside'));

describe('resolveDataPath', () => {
  it.each([
    ['scripts/nora.jsonl', join(data, 'scripts', 'nora.jsonl')],
    ['scripts/./nora.jsonl', join(data, 'scripts', 'nora.jsonl')],
    ['inside', join(data, 'scripts')],
  ])('resolves %s inside the data folder', (given, expected) => {
    expect(resolveDataPath(data, given)).toBe(expected);
  });

  it.each([
    ['../secret', 'climbs out with ..'],
    ['scripts/../../secret', 'climbs out with ..'],
    ['/etc/passwd', 'is absolute'],
    ['C:/Windows', 'is absolute'],
    ['scripts\\..\\..\\x', 'holds a NUL byte or a backslash'],
    ['scripts/\0x', 'holds a NUL byte or a backslash'],
    ['scripts/etc/passwd', 'leads outside the data folder through a link'],
    ['', 'is empty or too long'],
  ])('refuses %j with 403', (given, why) => {
    try {
      resolveDataPath(data, given);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ status: 403, code: 'path-outside-data' });
      expect((error as Error).message).toContain(why);
    }
  });
});
