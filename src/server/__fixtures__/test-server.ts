import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerApp } from '../create-server-app.js';
import { openRunIndex } from '../run-index.js';
import { createRunManager, type RunManagerSettings } from '../run-manager.js';

/** A server app over a temporary data folder, with the mini engine and no evaluation by default. */
export function createTestServer(options: { protectReads?: boolean; manager?: Partial<RunManagerSettings> } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'iamflow-server-'));
  const index = openRunIndex(join(dataDir, 'runs.sqlite'));
  const runs = createRunManager({ dataDir, index, ...options.manager });
  const token = 'test-token';
  const app = createServerApp({ dataDir, token, protectReads: options.protectReads ?? false, index, runs });
  const auth = { Authorization: `Bearer ${token}` };
  return {
    app,
    dataDir,
    runs,
    token,
    auth,
    post: (path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    async close() {
      await runs.close();
      index.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One Server-Sent Event. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** Reads SSE events from a response, calling `onEvent` for each; stops when it returns `false` or the stream ends. */
export async function readEvents(
  response: Response,
  onEvent: (event: SseEvent) => boolean | undefined | Promise<boolean | undefined>,
): Promise<void> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data !== undefined && (await onEvent({ event, data: JSON.parse(data) })) === false) {
        await reader.cancel();
        return;
      }
    }
  }
}
