import type { LiveEvent } from './live-event.js';

/** Receives a run's live events; must not throw or block. */
export type LiveListener = (event: LiveEvent) => void;

/** Fans a run's live events out to viewers: late viewers get the history (frames: only the latest). */
export interface RunHub {
  publish(event: LiveEvent): void;
  /** Replays what happened so far, then streams; returns the unsubscribe function. */
  subscribe(listener: LiveListener): () => void;
  /** Viewers connected now. */
  viewers(): number;
  /** Ends every subscription (the run finished); later subscribers get the history only. */
  close(): void;
  readonly closed: boolean;
}

/**
 * A run's event hub. Publishing never waits for a viewer: each listener decides what to keep (the SSE route keeps a
 * bounded queue and drops frames when a viewer lags), so a slow or vanished viewer cannot stall the run.
 *
 * @example
 * const hub = createRunHub();
 * const stop = hub.subscribe((event) => console.log(event.type));
 */
export function createRunHub(): RunHub {
  const history: LiveEvent[] = [];
  let latestFrame: LiveEvent | undefined;
  const listeners = new Set<LiveListener>();
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    publish(event) {
      if (event.type === 'frame') latestFrame = event;
      else history.push(event);
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      for (const event of history) listener(event);
      if (latestFrame) listener(latestFrame);
      if (closed) return () => {};
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    viewers: () => listeners.size,
    close() {
      closed = true;
      listeners.clear();
    },
  };
}
