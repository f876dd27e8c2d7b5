import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { testServices, uniqueName, unreachable } from '../../../test/services.js';
import { queuePrefix } from '../../bench/runner/queue-connection.js';
import { runCli } from '../__fixtures__/cli-harness.js';
import { benchCommand } from './bench.js';
import { parseWorkerFlags, workerCommand } from './worker.js';

const redisDown = await unreachable('Redis', testServices.redis, 6379);

describe('iamflow worker', () => {
  it('parses its flags', () => {
    expect(
      parseWorkerFlags(
        {
          queue: 'rediss://:pw@redis.lan:6380/2',
          concurrency: '2',
          'runs-out': 'shared',
          'lock-seconds': '5',
        },
        '/work',
      ),
    ).toEqual({
      url: 'rediss://:pw@redis.lan:6380/2',
      concurrency: 2,
      lockSeconds: 5,
      runsOut: '/work/shared',
    });
  });

  it('takes --engine URL and its token for every job', () => {
    const values = { queue: 'redis://127.0.0.1:6379', engine: 'http://gpu:7870/' };
    expect(parseWorkerFlags(values, '/work', { IAMFLOW_ENGINE_TOKEN: 't0k' }).engine).toEqual({
      provider: 'remote',
      url: 'http://gpu:7870',
      token: 't0k',
    });
  });

  it('reports every bad flag at once, never printing the password', async () => {
    const result = await runCli(
      ['worker', '--queue', 'http://:hunter2@x', '--concurrency', '0', '--engine', 'gpu:8000'],
      { commands: [workerCommand] },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('hunter2');
    expect(result.stderr).toMatchInlineSnapshot(`
      "error: --queue: http://:***@x/ is not a redis:// or rediss:// URL
        hint: e.g. --queue redis://127.0.0.1:6379 (rediss:// for TLS; a database as /N)
      error: --engine: 'gpu:8000' is not an http(s) URL
        hint: e.g. http://127.0.0.1:7870 (start one with \`iamflow engine serve\`)
      error: --concurrency: '0' is not a whole number from 1 to 1024
        hint: e.g. --concurrency 2
      "
    `);
  });

  it('needs --queue', async () => {
    const result = await runCli(['worker'], { commands: [workerCommand] });
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toContain('a worker needs the queue');
  });
});

describe('iamflow bench --queue', () => {
  it('refuses --status and --queue-name without --queue, and a non-redis URL without its password', async () => {
    const result = await runCli(['bench', '--status', '--store', 'x.sqlite'], { commands: [benchCommand] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--status: only applies with --queue');
    const bad = await runCli(['bench', '--queue', 'redis-ish://:hunter2@h'], { commands: [benchCommand] });
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain('hunter2');
  });

  it.skipIf(redisDown !== undefined)('prints the counts by state of a queue with --status', async () => {
    const name = uniqueName('status');
    const result = await runCli(['bench', '--queue', testServices.redis, '--queue-name', name, '--status'], {
      commands: [benchCommand],
    });
    // Reading the counts leaves the queue's meta key: remove it.
    const connection = new Redis(testServices.redis);
    await connection.del(`${queuePrefix}:${name}:meta`);
    connection.disconnect();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^queue status_\S+ on redis:\/\/.*\n {2}waiting {4}0\n {2}active {5}0\n/);
    expect(result.stdout).toContain('  failed     0\n');
  });

  it('names an unreachable Redis without its password', async () => {
    const result = await runCli(['bench', '--queue', 'redis://:hunter2@127.0.0.1:1', '--status'], {
      commands: [benchCommand],
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach Redis at redis://:***@127.0.0.1:1');
    expect(result.stderr).not.toContain('hunter2');
  });
});
