import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Hono } from 'hono';
import { aggregateResults } from '../bench/report/aggregate-results.js';
import { renderHtml } from '../bench/report/render-html.js';
import { openResultsStore, resultsFileName } from '../bench/store/results-store.js';
import { limitBody } from '../http/limit-body.js';
import { policyRegistrations } from '../memory/policy-registry.js';
import { parseRunJson } from '../pipeline/run-json.js';
import { requireToken } from './check-token.js';
import { errorResponse, HttpError } from './http-error.js';
import { resolveDataPath } from './resolve-data-path.js';
import type { RunIndex } from './run-index.js';
import type { RunManager } from './run-manager.js';
import { maxScriptBytes, parseBody, promptChangeSchema, runRequestSchema } from './run-request.js';
import { streamRun } from './sse-route.js';
import { viewerDir } from './viewer-dir.js';

/** Settings of {@link createServerApp}. */
export interface ServerAppSettings {
  /** The --data folder: run folders, the run index, scripts and bench results. */
  dataDir: string;
  /** Required on mutating routes (and on reads when `protectReads`). */
  token: string;
  /** Require the token on reads and the stream too (the server listens beyond loopback). */
  protectReads: boolean;
  index: RunIndex;
  runs: RunManager;
  /** Largest request body in bytes. Default: the script limit plus 64 KiB. */
  maxBodyBytes?: number;
}

const runIdPattern = /^[0-9A-Za-z-]{1,64}$/;
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.mp4': 'video/mp4',
  '.png': 'image/png',
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.svg': 'image/svg+xml',
};

/**
 * The HTTP API and viewer of `iamflow serve` as a Hono app (tested in-process with `app.request`).
 *
 * @example
 * const app = createServerApp({ dataDir, token, protectReads: false, index, runs });
 * const response = await app.request('/api/health');
 */
export function createServerApp(settings: ServerAppSettings): Hono {
  const { index, runs, dataDir } = settings;
  const app = new Hono();
  const mutate = requireToken(settings.token);
  const read = settings.protectReads
    ? requireToken(settings.token, true)
    : async (_c: unknown, next: () => Promise<void>) => next();
  const limit = limitBody(settings.maxBodyBytes ?? maxScriptBytes + 64 * 1024, () => {
    throw new HttpError(
      413,
      'body-too-large',
      'the request body is too large',
      `keep scripts under ${maxScriptBytes} bytes`,
    );
  });

  app.onError((error, c) => {
    const { status, body } = errorResponse(error);
    if (status === 500) console.error(error);
    return c.json(body, status);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not-found', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    // No CORS headers at all: other origins can neither read the API nor send it the Authorization header.
  });

  const runId = (id: string) => {
    if (!runIdPattern.test(id)) throw new HttpError(400, 'invalid-run-id', `'${id}' is not a run id`);
    return id;
  };
  const readRunJson = (dir: string) => {
    const path = join(dir, 'run.json');
    if (!existsSync(path)) return null;
    // A run.json cut short by a killed run is treated like a missing one, not a 500.
    try {
      return parseRunJson(readFileSync(path, 'utf8'), path);
    } catch {
      return null;
    }
  };

  app.get('/api/health', (c) => c.json({ ok: true, protectReads: settings.protectReads }));
  app.get('/api/policies', read, (c) =>
    c.json({
      policies: policyRegistrations.map(({ name, summary, takesAgents }) => ({ name, summary, takesAgents })),
    }),
  );

  app.get('/api/runs', read, (c) =>
    c.json({
      runs: index.list().map((row) => ({ ...row, progress: runs.active(row.id)?.progress ?? null })),
    }),
  );

  app.post('/api/runs', limit, mutate, async (c) => {
    const type = c.req.header('content-type') ?? '';
    let body: unknown;
    if (type.startsWith('application/json')) {
      body = await c.req.json().catch(() => {
        throw new HttpError(400, 'invalid-json', 'the body is not JSON');
      });
    } else if (type.startsWith('multipart/form-data')) {
      const form = await c.req.parseBody();
      const file = form.script;
      const options = typeof form.options === 'string' ? parseOptionsField(form.options) : {};
      if (!(file instanceof File)) throw new HttpError(400, 'script-missing', 'the form has no script file');
      body = { ...options, script: { text: await file.text(), name: file.name || 'script.jsonl' } };
    } else {
      throw new HttpError(
        415,
        'unsupported-media-type',
        `cannot read '${type}'`,
        'send application/json or multipart/form-data',
      );
    }
    const run = await runs.submit(parseBody(runRequestSchema, body));
    return c.json({ run: run.row }, 202);
  });

  app.get('/api/runs/:id', read, (c) => {
    const id = runId(c.req.param('id'));
    const active = runs.active(id);
    const row = active?.row ?? index.get(id);
    if (!row) throw new HttpError(404, 'run-not-found', `no run '${id}'`, 'list runs with GET /api/runs');
    const dir = join(dataDir, 'runs', id);
    const timeline = active?.live?.timeline();
    return c.json({
      run: row,
      progress: active?.progress ?? null,
      firstFrameMs: active?.firstFrameMs ?? null,
      plan: timeline ? { segments: timeline.segments, edits: active?.live?.edits() ?? [] } : null,
      runJson: readRunJson(dir),
    });
  });

  app.get('/api/runs/:id/stream', read, (c) => {
    const id = runId(c.req.param('id'));
    const active = runs.active(id);
    if (!active) {
      const row = index.get(id);
      if (!row) throw new HttpError(404, 'run-not-found', `no run '${id}'`);
      return c.json({ error: { code: 'run-not-live', message: `run '${id}' is ${row.status}` } }, 409);
    }
    return streamRun(c, active.hub);
  });

  app.get('/api/runs/:id/files/*', read, async (c) => {
    const id = runId(c.req.param('id'));
    const rest = decodePathPart(c.req.path.slice(`/api/runs/${id}/files/`.length));
    const path = resolveDataPath(dataDir, `runs/${id}/${rest}`);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new HttpError(404, 'file-not-found', `run '${id}' has no file '${rest}'`);
    return c.body(await readFile(path), 200, {
      'Content-Type': contentTypes[extname(path)] ?? 'application/octet-stream',
    });
  });

  app.post('/api/runs/:id/prompts', limit, mutate, async (c) => {
    const id = runId(c.req.param('id'));
    const change = parseBody(promptChangeSchema, await c.req.json().catch(() => null));
    const edit = runs.changePrompts(id, change);
    return c.json({ edit, plan: runs.active(id)?.live?.timeline().segments ?? [] });
  });

  app.delete('/api/runs/:id', mutate, async (c) => {
    const id = runId(c.req.param('id'));
    const status = await runs.cancel(id);
    return c.json({ id, status });
  });

  app.get('/api/bench', read, (c) => {
    const given = c.req.query('path');
    if (!given)
      throw new HttpError(400, 'path-required', 'give ?path=FOLDER (a bench results folder inside --data)');
    const file = join(resolveDataPath(dataDir, given), resultsFileName);
    if (!existsSync(file))
      throw new HttpError(
        404,
        'no-results',
        `'${given}' has no ${resultsFileName}`,
        'run `iamflow bench --out DIR` into the data folder',
      );
    const store = openResultsStore(file);
    try {
      const summary = aggregateResults(store.listRuns());
      return c.json({ summary, html: `/bench/report?path=${encodeURIComponent(given)}` });
    } finally {
      store.close();
    }
  });

  app.get('/bench/report', read, (c) => {
    const given = c.req.query('path') ?? '';
    const file = join(resolveDataPath(dataDir, given), resultsFileName);
    if (!existsSync(file)) throw new HttpError(404, 'no-results', `'${given}' has no ${resultsFileName}`);
    const store = openResultsStore(file);
    try {
      return c.html(renderHtml(aggregateResults(store.listRuns())));
    } finally {
      store.close();
    }
  });

  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/', async (c) => c.html(await readFile(join(viewerDir, 'index.html'), 'utf8')));
  app.get('/viewer/:file', async (c) => {
    const file = c.req.param('file');
    if (!/^[a-z0-9-]+\.(js|css)$/.test(file))
      throw new HttpError(404, 'not-found', `no viewer file '${file}'`);
    const path = join(viewerDir, file);
    if (!existsSync(path)) throw new HttpError(404, 'not-found', `no viewer file '${file}'`);
    return c.body(await readFile(path, 'utf8'), 200, { 'Content-Type': contentTypes[extname(file)]! });
  });
  return app;
}

/** The `options` field of a multipart run request: a JSON object, else a 400 (not a 500 from JSON.parse). */
function parseOptionsField(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(
      400,
      'invalid-options',
      'the form field "options" is not a JSON object',
      'send the run settings as a JSON object, e.g. {"policy": "iamflow"}',
    );
  }
  return value as Record<string, unknown>;
}

/** A percent-encoded path part; a malformed escape such as a lone `%` is a 400 (not a 500 from URIError). */
function decodePathPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(400, 'invalid-path', `'${text}' is not a valid percent-encoded path`);
  }
}
