import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRunIndex, type RunRow } from './run-index.js';

const row = (id: string, status: RunRow['status']): RunRow => ({
  id,
  createdAt: `2026-11-30T06:00:0${id}.000Z`,
  status,
  policy: 'iamflow',
  scriptId: 's',
  seed: 1,
  width: 480,
  height: 270,
  prompts: 2,
  error: null,
  scores: null,
});

describe('openRunIndex', () => {
  it('stores, updates and lists runs newest first; a reopened index marks unfinished runs interrupted', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'iamflow-index-')), 'runs.sqlite');
    const index = openRunIndex(path);
    index.insert(row('1', 'done'));
    index.insert(row('2', 'running'));
    index.insert(row('3', 'queued'));
    index.update('1', { scores: { total: 61.5 } });
    expect(index.list().map((r) => r.id)).toEqual(['3', '2', '1']);
    expect(index.get('1')?.scores).toEqual({ total: 61.5 });
    index.close();
    const reopened = openRunIndex(path);
    expect(reopened.list().map((r) => r.status)).toEqual(['interrupted', 'interrupted', 'done']);
    reopened.close();
  });
});
