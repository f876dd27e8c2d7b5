/**
 * A process-wide wall-clock profile of where a run's time goes, measured by timers placed where the work happens
 * (engine kernels, decoder, run loop, policy, sinks). Off by default: `start` then returns -1 and `stop` returns
 * at once, so an instrumented inner loop pays one comparison. Spans nest: a part's `selfMs` excludes the spans
 * opened inside it, `totalMs` includes them, so the self times of all parts add up to the measured time.
 *
 * Spans must close in the reverse order they opened (LIFO) within synchronous code; work that awaits between
 * `start` and `stop` should instead time its synchronous parts separately.
 *
 * @example
 * workProfile.reset(true);
 * const span = workProfile.start('decode');
 * decodeFrames();
 * workProfile.stop(span);
 * workProfile.snapshot().parts.decode?.selfMs;
 */
export interface WorkProfile {
  /** Whether spans are being measured. */
  readonly enabled: boolean;
  /** Clears every total and turns measuring on or off. */
  reset(enabled: boolean): void;
  /** Opens a span of `part`; returns its handle for `stop` (-1 when disabled). */
  start(part: string): number;
  /** Closes the span `handle` (and any span left open above it). */
  stop(handle: number): void;
  /** Totals by part since the last reset. */
  snapshot(): WorkProfileSnapshot;
}

/** Measured totals of one part. */
export interface WorkProfilePart {
  /** Milliseconds inside the part's spans, less the time of spans nested inside them. */
  selfMs: number;
  /** Milliseconds inside the part's outermost spans, nested spans included. */
  totalMs: number;
  /** Spans closed. */
  calls: number;
}

/** All parts measured since the last reset. */
export interface WorkProfileSnapshot {
  parts: Record<string, WorkProfilePart>;
}

interface OpenSpan {
  part: string;
  started: number;
  nestedMs: number;
}

/** Creates a profile with its own totals (the engine and the run loop share {@link workProfile}). */
export function createWorkProfile(now: () => number = () => performance.now()): WorkProfile {
  let enabled = false;
  let parts = new Map<string, WorkProfilePart>();
  const stack: OpenSpan[] = [];
  const depthOf = new Map<string, number>();
  const close = () => {
    const span = stack.pop()!;
    const elapsed = now() - span.started;
    let part = parts.get(span.part);
    if (part === undefined) {
      part = { selfMs: 0, totalMs: 0, calls: 0 };
      parts.set(span.part, part);
    }
    part.selfMs += elapsed - span.nestedMs;
    part.calls += 1;
    const depth = depthOf.get(span.part)! - 1;
    depthOf.set(span.part, depth);
    // a part nested in itself counts its outermost span only in totalMs
    if (depth === 0) part.totalMs += elapsed;
    const parent = stack.at(-1);
    if (parent) parent.nestedMs += elapsed;
  };
  return {
    get enabled() {
      return enabled;
    },
    reset(on) {
      enabled = on;
      parts = new Map();
      stack.length = 0;
      depthOf.clear();
    },
    start(part) {
      if (!enabled) return -1;
      stack.push({ part, started: now(), nestedMs: 0 });
      depthOf.set(part, (depthOf.get(part) ?? 0) + 1);
      return stack.length - 1;
    },
    stop(handle) {
      if (handle < 0) return;
      while (stack.length > handle) close();
    },
    snapshot() {
      return { parts: Object.fromEntries([...parts].map(([name, part]) => [name, { ...part }])) };
    },
  };
}

/** The profile the miniature engine, the run loop, the policies and the run sinks report into. */
export const workProfile: WorkProfile = createWorkProfile();
