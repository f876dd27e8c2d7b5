import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { RunJob } from './run-job.js';

/** The iamflow version the running code reports (package.json), the code part of a job's identity. */
export function codeVersion(): string {
  const require = createRequire(import.meta.url);
  // package.json sits three folders up from both src/bench/runner and dist/bench/runner.
  return (require('../../../package.json') as { version: string }).version;
}

/** JSON with sorted keys, so equal settings hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A queue job's id: its whole identity (script, policy or variant label, seed, size, steps, a hash of the agent and
 * variant settings and the script's content, code version), readable and free of `:` (BullMQ's separator) and `/`. The same run enqueued twice gets the same
 * id, so BullMQ keeps one job.
 *
 * @example
 * jobIdentity(job, '0.1.0') // 'reappearance-001.memflow.s1.240x136.t4.3f9a0c12.v0.1.0'
 */
export function jobIdentity(job: RunJob, version: string): string {
  // The script's content, not where the coordinator read it from.
  const { source: _source, ...script } = job.script;
  const settings = createHash('sha256')
    // A variant's settings join the hash (absent for a registered policy, so those ids stay as they were).
    .update(canonical({ agents: job.agents ?? null, script, variant: job.variant }))
    .digest('hex')
    .slice(0, 8);
  const id = `${job.scriptId}.${job.policy}.s${job.seed}.${job.width}x${job.height}.t${job.steps}.${settings}.v${version}`;
  return id.replace(/:/g, '_').replace(/\//g, '+');
}
