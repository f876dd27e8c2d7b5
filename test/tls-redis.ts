import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway Redis with TLS and a password, for tests of `rediss://`. */
export interface TlsRedis {
  /** `rediss://:PASSWORD@127.0.0.1:PORT`. */
  url: string;
  /** The password in `url`. */
  password: string;
  /** PEM file of the CA that signed the server's certificate. */
  caPath: string;
  stop(): void;
}

/** Why a TLS Redis cannot be started here (no redis-server with TLS, no openssl), or undefined. */
export function tlsRedisUnavailable(): string | undefined {
  const redis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (redis.status !== 0) return 'redis-server is not on PATH';
  if (spawnSync('openssl', ['version']).status !== 0) return 'openssl is not on PATH';
  return undefined;
}

/** Starts `redis-server` on `port` with a fresh self-signed CA, TLS only, and a password. */
export function startTlsRedis(port: number): TlsRedis {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-tls-redis-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    '/CN=iamflow-test-ca',
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  );
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '1',
    '-extfile',
    'ext.cnf',
  );
  const password = 'tls-test-secret';
  execFileSync(
    'redis-server',
    [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      '0',
      '--tls-port',
      String(port),
      '--tls-cert-file',
      'server.pem',
      '--tls-key-file',
      'server.key',
      '--tls-ca-cert-file',
      'ca.pem',
      '--tls-auth-clients',
      'no',
      '--requirepass',
      password,
      '--save',
      '',
      '--appendonly',
      'no',
      '--pidfile',
      join(dir, 'redis.pid'),
      '--dir',
      dir,
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  return {
    url: `rediss://:${password}@127.0.0.1:${port}`,
    password,
    caPath: join(dir, 'ca.pem'),
    stop() {
      try {
        process.kill(Number(readFileSync(join(dir, 'redis.pid'), 'utf8').trim()));
      } catch {
        // Not started or already gone.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
