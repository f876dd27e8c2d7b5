import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent } from './live-event.js';
import type { RunHub } from './run-hub.js';
import type { RunStatus } from './run-index.js';

/** Frames a viewer may lag behind before older ones are dropped. */
const maxQueuedFrames = 24;

const finalStatuses: readonly RunStatus[] = ['done', 'failed', 'cancelled', 'interrupted'];

/**
 * Streams a run's hub as Server-Sent Events (`event:` the type, `data:` JSON). Each viewer has its own bounded
 * queue: when it lags, its oldest frames are dropped; when it goes away, it unsubscribes. The run never waits.
 *
 * @example
 * app.get('/api/runs/:id/stream', (c) => streamRun(c, hub));
 */
export function streamRun(c: Context, hub: RunHub) {
  return streamSSE(c, async (stream) => {
    const queue: LiveEvent[] = [];
    let wake: (() => void) | undefined;
    let ended = false;
    const unsubscribe = hub.subscribe((event) => {
      if (event.type === 'frame') {
        const frames = queue.filter((queued) => queued.type === 'frame').length;
        if (frames >= maxQueuedFrames)
          queue.splice(
            queue.findIndex((queued) => queued.type === 'frame'),
            1,
          );
      }
      queue.push(event);
      wake?.();
    });
    stream.onAbort(() => {
      ended = true;
      unsubscribe();
      wake?.();
    });
    try {
      while (!ended) {
        const event = queue.shift();
        if (!event) {
          if (hub.closed) break;
          let timer: NodeJS.Timeout | undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, 15000); // a comment line keeps proxies from closing an idle stream
          });
          clearTimeout(timer);
          wake = undefined;
          if (queue.length === 0 && !ended && !hub.closed) await stream.write(': keep-alive\n\n');
          continue;
        }
        await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
        if (event.type === 'status' && finalStatuses.includes(event.status) && queue.length === 0) break;
      }
    } finally {
      unsubscribe();
    }
  });
}
