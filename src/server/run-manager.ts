import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePolicy } from '../memory/policy-registry.js';
import type { LivePrompts } from '../pipeline/live-prompts.js';
import {
  type EngineFactory,
  parseRunSpec,
  type RemoteEngineSpec,
  type RunSpecInput,
} from '../run/run-spec.js';
import type { ActiveRun } from './active-run.js';
import { HttpError } from './http-error.js';
import { resolveRequestScript } from './resolve-request-script.js';
import { createRunHub } from './run-hub.js';
import type { RunIndex, RunRow, RunStatus } from './run-index.js';
import { planEvent, runLive } from './run-live.js';
import type { PromptChange, RunRequest } from './run-request.js';

/** Settings of {@link createRunManager}. */
export interface RunManagerSettings {
  /** The --data folder; runs go to `<data>/runs/<id>/`. */
  dataDir: string;
  index: RunIndex;
  /** Runs queued or running at most; one more is a 429. Default 4. */
  maxQueued?: number;
  /** Runs executed at once. Default 1 (generation is CPU-bound). */
  concurrency?: number;
  /** Engine factory or a remote engine's server (`--engine URL`); default the embedded miniature engine. */
  engine?: EngineFactory | RemoteEngineSpec;
  /** Scores a finished run folder (total and dimensions, 0..100); default none. */
  evaluate?: (dir: string) => Promise<Record<string, number>>;
  /** Milliseconds clock. Default `performance.now`. */
  clock?: () => number;
}

/** Queues and executes runs through the run layer, with live events per run. */
export interface RunManager {
  /** Validates and queues a run; 429 when the queue is full. */
  submit(request: RunRequest): Promise<ActiveRun>;
  /** A run started by this process. */
  active(id: string): ActiveRun | undefined;
  /** Cancels a queued or running run; resolves when it stopped. */
  cancel(id: string): Promise<RunStatus>;
  /** Inserts or edits an upcoming prompt of a running run. */
  changePrompts(id: string, change: PromptChange): ReturnType<LivePrompts['insert']>;
  /** Cancels everything and waits. */
  close(): Promise<void>;
}

const terminal: readonly RunStatus[] = ['done', 'failed', 'cancelled', 'interrupted'];

/** Whether a status is final. */
export const isTerminal = (status: RunStatus) => terminal.includes(status);

function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * The server's run queue: bounded, executed one at a time by `runScript` into `<data>/runs/<id>/`, each run with
 * a live hub (status, plan, segment, chunk, frame, memory and timing events) and interactive prompts.
 *
 * @example
 * const manager = createRunManager({ dataDir, index: openRunIndex(join(dataDir, 'runs.sqlite')) });
 * const run = await manager.submit(parseBody(runRequestSchema, { segments: [{ prompt: 'Nora walks.' }] }));
 */
export function createRunManager(settings: RunManagerSettings): RunManager {
  const { index } = settings;
  const clock = settings.clock ?? (() => performance.now());
  const maxQueued = settings.maxQueued ?? 4;
  const concurrency = settings.concurrency ?? 1;
  const runs = new Map<string, ActiveRun>();
  const queue: { run: ActiveRun; spec: RunSpecInput; evaluate: boolean; done: () => void }[] = [];
  const controllers = new Map<string, AbortController>();
  let running = 0;

  const setStatus = (run: ActiveRun, status: RunStatus, error?: string) => {
    run.row = { ...run.row, status, error: error ?? run.row.error };
    index.update(run.row.id, { status, ...(error === undefined ? {} : { error }) });
    run.hub.publish(error === undefined ? { type: 'status', status } : { type: 'status', status, error });
  };

  const execute = async (run: ActiveRun, spec: RunSpecInput, evaluate: boolean) => {
    const controller = new AbortController();
    controllers.set(run.row.id, controller);
    setStatus(run, 'running');
    try {
      await runLive(run, spec, { signal: controller.signal, clock });
      if (evaluate && settings.evaluate) {
        try {
          const scores = await settings.evaluate(run.dir);
          run.row = { ...run.row, scores };
          index.update(run.row.id, { scores });
        } catch {
          // A run without scores is still a run; the list shows none.
        }
      }
      setStatus(run, 'done');
    } catch (error) {
      if (controller.signal.aborted) setStatus(run, 'cancelled');
      else setStatus(run, 'failed', error instanceof Error ? error.message : String(error));
    } finally {
      controllers.delete(run.row.id);
      delete run.live;
      run.hub.close();
    }
  };

  // Finished runs stay in memory for late viewers (history and last frame); beyond this many, the oldest go
  // (their folders and index rows stay: the API reads those).
  const keptFinished = 16;
  const forgetOldRuns = () => {
    const finished = [...runs.values()].filter((run) => isTerminal(run.row.status));
    for (const run of finished.slice(0, Math.max(0, finished.length - keptFinished))) runs.delete(run.row.id);
  };

  const pump = () => {
    while (running < concurrency && queue.length > 0) {
      const next = queue.shift()!;
      running += 1;
      void execute(next.run, next.spec, next.evaluate).finally(() => {
        running -= 1;
        next.done();
        pump();
      });
    }
  };

  return {
    async submit(request) {
      const active = [...runs.values()].filter((run) => !isTerminal(run.row.status)).length;
      if (active >= maxQueued) {
        throw new HttpError(
          429,
          'queue-full',
          `${active} runs are queued or running`,
          'wait for one to finish or cancel one',
        );
      }
      const registration = resolvePolicy(request.policy);
      if (request.agents && !registration.takesAgents) {
        throw new HttpError(
          400,
          'policy-takes-no-agents',
          `policy '${request.policy}' takes no agents`,
          'drop agents or choose a policy that takes them (iamflow)',
        );
      }
      const script = await resolveRequestScript(settings.dataDir, request);
      const spec: RunSpecInput = {
        script,
        policy: { name: request.policy, ...(request.agents ? { agents: request.agents } : {}) },
        seed: request.seed,
        size: request.size,
        steps: request.steps,
        ...(request.transition ? { transition: request.transition } : {}),
        ...(request.curve ? { curve: request.curve } : {}),
        ...(settings.engine ? { engine: settings.engine } : {}),
      };
      parseRunSpec(spec);
      const id = newRunId();
      const dir = join(settings.dataDir, 'runs', id);
      mkdirSync(dir, { recursive: true });
      const row: RunRow = {
        id,
        createdAt: new Date().toISOString(),
        status: 'queued',
        policy: request.policy,
        scriptId: script.id,
        seed: request.seed,
        width: request.size.width,
        height: request.size.height,
        prompts: script.prompts.length,
        error: null,
        scores: null,
      };
      index.insert(row);
      let done = () => {};
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      const run: ActiveRun = { row, dir, hub: createRunHub(), finished };
      runs.set(id, run);
      forgetOldRuns();
      run.hub.publish({ type: 'status', status: 'queued' });
      queue.push({ run, spec, evaluate: request.evaluate, done });
      setImmediate(pump); // the answer says `queued`; the run starts right after

      return run;
    },
    active: (id) => runs.get(id),
    async cancel(id) {
      const run = runs.get(id);
      if (!run)
        throw new HttpError(
          404,
          'run-not-found',
          `no run '${id}' is active in this server`,
          'list runs with GET /api/runs',
        );
      if (isTerminal(run.row.status)) return run.row.status;
      const queued = queue.findIndex((entry) => entry.run === run);
      if (queued >= 0) {
        const [entry] = queue.splice(queued, 1);
        setStatus(run, 'cancelled');
        run.hub.close();
        entry?.done();
        return 'cancelled';
      }
      controllers.get(id)?.abort(new HttpError(409, 'cancelled', 'cancelled by a viewer'));
      await run.finished;
      return run.row.status;
    },
    changePrompts(id, change) {
      const run = runs.get(id);
      if (!run)
        throw new HttpError(
          404,
          'run-not-found',
          `no run '${id}' is active in this server`,
          'list runs with GET /api/runs',
        );
      if (!run.live) {
        throw new HttpError(
          409,
          'run-not-live',
          `run '${id}' is ${run.row.status}`,
          'prompts change only while a run streams',
        );
      }
      const made =
        'insert' in change
          ? run.live.insert(
              change.insert.text,
              change.insert.chunks === undefined ? {} : { chunks: change.insert.chunks },
            )
          : run.live.edit(change.edit.segment, change.edit.text);
      run.hub.publish(planEvent(run, run.live));
      return made;
    },
    async close() {
      for (const entry of queue.splice(0)) {
        setStatus(entry.run, 'cancelled');
        entry.run.hub.close();
        entry.done();
      }
      for (const controller of controllers.values()) controller.abort(new Error('server closing'));
      await Promise.all([...runs.values()].map((run) => run.finished));
    },
  };
}
