import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Points every test's temporary folders at one folder that is removed when the run ends. */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'iamflow-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
