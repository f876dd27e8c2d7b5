import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createEngineApp, type EngineAppSettings } from './create-engine-app.js';

/** Settings of {@link serveEngine}: the app's, plus where to listen. */
export interface ServeEngineSettings extends EngineAppSettings {
  /** TCP port; 0 picks a free one. Default 7870. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1 (loopback). */
  host?: string;
}

/** A listening engine server. */
export interface EngineServer {
  /** Base URL, e.g. `http://127.0.0.1:7870`. */
  url: string;
  port: number;
  /** Releases every session's engine and stops listening. */
  close(): Promise<void>;
}

/**
 * Serves the engine protocol over HTTP on Node (createEngineApp + @hono/node-server).
 *
 * @example
 * const server = await serveEngine({ createEngine: () => createMiniEngine(), port: 0 });
 * const engine = await createRemoteEngine({ url: server.url });
 */
export async function serveEngine(settings: ServeEngineSettings): Promise<EngineServer> {
  const { app, sessions } = createEngineApp(settings);
  const host = settings.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port: settings.port ?? 7870, hostname: host }, () =>
      resolve(listening),
    );
    listening.once('error', reject);
  });
  // Idle connections outlive the client's pool timeout (undici: 4 s), so the client always closes first: a server
  // closing an idle connection as a call reuses it would fail that call, and generate is not retried.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    port,
    async close() {
      await sessions.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}
