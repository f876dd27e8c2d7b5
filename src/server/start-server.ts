import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { EngineFactory, RemoteEngineSpec } from '../run/run-spec.js';
import { createServerApp } from './create-server-app.js';
import { evaluateServedRun } from './evaluate-served-run.js';
import { openRunIndex } from './run-index.js';
import { createRunManager } from './run-manager.js';

/** Settings of {@link startServer}. */
export interface StartServerSettings {
  /** Port; 0 picks a free one. Default 7860. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (loopback: reads and the stream need no token). */
  host?: string;
  /** The token for mutating routes; generated when absent. */
  token?: string;
  /** The data folder (created). */
  dataDir: string;
  /** Engine factory or a remote engine's server (`--engine URL`); default the embedded miniature engine. */
  engine?: EngineFactory | RemoteEngineSpec;
  /** Score finished runs with the proxy metrics. Default true. */
  evaluate?: boolean;
  /** Runs queued or running at most. Default 4. */
  maxQueued?: number;
}

/** A listening server. */
export interface RunningServer {
  url: string;
  port: number;
  token: string;
  /** Whether the token was generated (print it). */
  generatedToken: boolean;
  /** Cancels runs, closes the index and stops listening. */
  close(): Promise<void>;
}

/** Whether a listen address only accepts local connections. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Starts `iamflow serve`: opens `<data>/runs.sqlite`, creates the run queue and listens.
 *
 * @example
 * const server = await startServer({ dataDir: 'data', port: 0 });
 * console.log(`${server.url}/#token=${server.token}`);
 */
export async function startServer(settings: StartServerSettings): Promise<RunningServer> {
  const dataDir = resolve(settings.dataDir);
  mkdirSync(join(dataDir, 'runs'), { recursive: true });
  const host = settings.host ?? '127.0.0.1';
  const token = settings.token ?? randomBytes(18).toString('base64url');
  const index = openRunIndex(join(dataDir, 'runs.sqlite'));
  const runs = createRunManager({
    dataDir,
    index,
    ...(settings.maxQueued === undefined ? {} : { maxQueued: settings.maxQueued }),
    ...(settings.engine ? { engine: settings.engine } : {}),
    ...(settings.evaluate === false
      ? {}
      : {
          evaluate: evaluateServedRun,
        }),
  });
  const app = createServerApp({ dataDir, token, protectReads: !isLoopback(host), index, runs });
  const server = serve({ fetch: app.fetch, port: settings.port ?? 7860, hostname: host });
  await new Promise<void>((ready, fail) => {
    server.once('listening', () => ready());
    server.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    port,
    token,
    generatedToken: settings.token === undefined,
    async close() {
      await runs.close();
      // Open streams end with their runs; closeAllConnections drops idle keep-alive sockets.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((done) => server.close(() => done()));
      index.close();
    },
  };
}
