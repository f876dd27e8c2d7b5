import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startTlsRedis, type TlsRedis, tlsRedisUnavailable } from '../../../test/tls-redis.js';

const skip = tlsRedisUnavailable();
if (skip) console.warn(`skipping the rediss:// test: ${skip}`);
const root = fileURLToPath(new URL('../../../', import.meta.url));
let redis: TlsRedis | undefined;
afterAll(() => redis?.stop());

/** `iamflow bench --queue URL --status --json` in a child process (the CA comes from the environment). */
function status(url: string, ca?: string) {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'bench',
      '--queue',
      url,
      '--queue-name',
      'tls-test',
      '--status',
      '--json',
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ...(ca ? { NODE_EXTRA_CA_CERTS: ca } : {}) } },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(skip !== undefined)('the queue over rediss:// (TLS) with a password', () => {
  it('connects with the CA trusted, and never prints the password when it cannot', async () => {
    redis = startTlsRedis(16390 + (process.pid % 1000));
    await sleep(300);
    const ok = status(redis.url, redis.caPath);
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout)).toMatchObject({ waiting: 0, failed: 0 });

    const untrusted = status(redis.url);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain('certificate');
    const wrong = status(redis.url.replace(redis.password, 'not-the-password'), redis.caPath);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('rediss://:***@127.0.0.1');
    for (const output of [ok, untrusted, wrong]) {
      expect(output.stdout + output.stderr).not.toContain(redis.password);
      expect(output.stdout + output.stderr).not.toContain('not-the-password');
    }
  }, 60_000);
});
