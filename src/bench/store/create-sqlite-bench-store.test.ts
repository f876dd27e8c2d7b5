import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runBenchStoreCases } from './bench-store.case.js';
import { createSqliteBenchStore } from './create-sqlite-bench-store.js';

const dir = mkdtempSync(join(tmpdir(), 'iamflow-sqlite-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;

runBenchStoreCases({
  name: 'sqlite',
  open: async (again) => createSqliteBenchStore(join(dir, `results-${again ? count : ++count}.sqlite`)),
});
