import { describe, expect, it } from 'vitest';
import { jobIdentity } from './job-identity.js';
import type { RunJob } from './run-job.js';

const job: RunJob = {
  scriptId: 'reappearance-001',
  policy: 'memflow',
  seed: 1,
  width: 240,
  height: 136,
  steps: 4,
  script: {
    id: 'reappearance-001',
    fps: 16,
    prompts: ['A man walks.'],
    seconds: [10],
    source: { path: '/a/suite.jsonl' },
  },
  dimension: 'reappearance',
  runDir: '/a/runs/x',
  keepVideo: true,
};

describe('jobIdentity', () => {
  it('is readable and stable for the same run, wherever the suite was read and the folder goes', () => {
    const id = jobIdentity(job, '0.1.0');
    expect(id).toMatch(/^reappearance-001\.memflow\.s1\.240x136\.t4\.[0-9a-f]{8}\.v0\.1\.0$/);
    expect(
      jobIdentity(
        { ...job, runDir: '/b', keepVideo: false, script: { ...job.script, source: { path: '/b' } } },
        '0.1.0',
      ),
    ).toBe(id);
  });

  it.each([
    ['seed', { ...job, seed: 2 }, '0.1.0'],
    ['size', { ...job, width: 320 }, '0.1.0'],
    ['steps', { ...job, steps: 8 }, '0.1.0'],
    ['code version', job, '0.2.0'],
    ['agent settings', { ...job, agents: { syncVerify: true } }, '0.1.0'],
    ['script content', { ...job, script: { ...job.script, prompts: ['A woman walks.'] } }, '0.1.0'],
  ] satisfies [string, RunJob, string][])('changes with the %s', (_name, changed, version) => {
    expect(jobIdentity(changed, version)).not.toBe(jobIdentity(job, '0.1.0'));
  });

  it('keeps the id of a registered policy as it was before variants joined the hash', () => {
    expect(jobIdentity(job, '0.1.0')).toBe('reappearance-001.memflow.s1.240x136.t4.fef80fbd.v0.1.0');
  });

  it('differs per variant, with the label and the settings, and is stable for the same variant', () => {
    const variant = (label: string, settings: Record<string, unknown>): RunJob => ({
      ...job,
      policy: label,
      variant: { policy: 'iamflow', settings },
    });
    const recache = jobIdentity(variant('iamflow/recache', { transition: 'recache' }), '0.1.0');
    expect(recache).toMatch(/^reappearance-001\.iamflow\+recache\.s1\.240x136\.t4\.[0-9a-f]{8}\.v0\.1\.0$/);
    expect(jobIdentity(variant('iamflow/recache', { transition: 'recache' }), '0.1.0')).toBe(recache);
    const ids = [
      jobIdentity({ ...job, policy: 'iamflow' }, '0.1.0'),
      recache,
      // the same label with other settings (a variant redefined) is another job
      jobIdentity(variant('iamflow/recache', { transition: 'soft' }), '0.1.0'),
      jobIdentity(variant('iamflow/sparse', { sparseMemory: 3 }), '0.1.0'),
      jobIdentity(variant('iamflow/sparse', { sparseMemory: 4 }), '0.1.0'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    // settings in another key order are the same settings
    const two = { bankUpdate: 'recover-every-chunk', cover: 'foreign-aware' };
    const owt = { cover: 'foreign-aware', bankUpdate: 'recover-every-chunk' };
    expect(jobIdentity(variant('iamflow/x', two), '0.1.0')).toBe(
      jobIdentity(variant('iamflow/x', owt), '0.1.0'),
    );
  });

  it('holds no colon (BullMQ refuses one in a custom id)', () => {
    expect(jobIdentity({ ...job, scriptId: 'a:b' }, '1:2')).not.toContain(':');
  });
});
