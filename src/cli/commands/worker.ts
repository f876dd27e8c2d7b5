import { resolve } from 'node:path';
import { redactUrl } from '../../bench/redact-url.js';
import { checkQueueUrl, defaultQueueName } from '../../bench/runner/queue-connection.js';
import { type QueueWorkerOptions, startQueueWorker } from '../../bench/runner/start-queue-worker.js';
import { InputError, type Issue } from '../../errors/index.js';
import type { RemoteEngineSpec } from '../../run/run-spec.js';
import type { Command, CommandContext } from '../command.js';
import { engineOptions, resolveEngineFlags } from './engine-flags.js';

const help = `Usage: iamflow worker --queue URL [options]

Takes benchmark runs from the queue that \`iamflow bench --queue URL\` fills, runs each through the run layer
(generate, then evaluate) on its own thread, and hands the result row back to the coordinator, which stores it.
Start as many as you like, on any machines that reach the Redis server. Ctrl-C (or SIGTERM) finishes the runs in
flight and stops; a worker killed outright has its runs taken back by another worker after the lock expires.

Options:
  --queue URL          redis://[USER:PASSWORD@]HOST:PORT[/DB], or rediss:// for TLS (never printed)
  --queue-name NAME    queue name, as given to bench (default: ${defaultQueueName})
  --concurrency N      runs at once, each on a thread (default: 1)
  --runs-out DIR       write each run folder to DIR/runs/<script>/<policy>-... (a folder shared with the
                       coordinator's --out); default: run folders are deleted after evaluation
  --lock-seconds N     a run's lock; a dead worker's run is retried within about twice this (default: 30)
  --engine URL         run every job on a remote engine (a server of the engine protocol), instead of the
                       miniature one
  --engine-token T     bearer token of that server (or IAMFLOW_ENGINE_TOKEN)
  --quiet              no log lines
  -h, --help           show this help

Examples:
  iamflow worker --queue redis://127.0.0.1:6379
  iamflow worker --queue rediss://:PASSWORD@redis.lan:6380/2 --concurrency 2 --runs-out /mnt/shared/results
`;

function text(values: CommandContext['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function positive(values: CommandContext['values'], name: string, issues: Issue[]): number | undefined {
  const raw = text(values, name);
  if (raw === undefined) return undefined;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= 1 && value <= 1024) return value;
  issues.push({
    code: 'invalid-flag',
    path: [`--${name}`],
    message: `'${raw}' is not a whole number from 1 to 1024`,
    hint: `e.g. --${name} 2`,
  });
  return undefined;
}

/** Validates the flags of `iamflow worker`, collecting every problem into one InputError. */
export function parseWorkerFlags(
  values: CommandContext['values'],
  cwd: string,
  env: CommandContext['env'] = {},
): QueueWorkerOptions {
  const issues: Issue[] = [];
  const url = text(values, 'queue');
  if (url === undefined) {
    issues.push({
      code: 'missing-flag',
      path: ['--queue'],
      message: 'a worker needs the queue',
      hint: 'e.g. iamflow worker --queue redis://127.0.0.1:6379',
    });
  } else issues.push(...(checkQueueUrl(url)?.issues ?? []));
  let engine: RemoteEngineSpec | undefined;
  try {
    engine = resolveEngineFlags({ values, env });
  } catch (error) {
    if (!InputError.isInstance(error)) throw error;
    issues.push(...error.issues);
  }
  const concurrency = positive(values, 'concurrency', issues);
  const lockSeconds = positive(values, 'lock-seconds', issues);
  if (issues.length > 0) throw new InputError(issues);
  const name = text(values, 'queue-name');
  const runsOut = text(values, 'runs-out');
  return {
    url: url!,
    ...(name === undefined ? {} : { name }),
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(lockSeconds === undefined ? {} : { lockSeconds }),
    ...(runsOut === undefined ? {} : { runsOut: resolve(cwd, runsOut) }),
    ...(engine ? { engine } : {}),
  };
}

async function run(context: CommandContext): Promise<number> {
  const options = parseWorkerFlags(context.values, context.cwd, context.env);
  const log = context.values.quiet ? () => {} : (line: string) => context.stderr.write(`${line}\n`);
  const worker = await startQueueWorker({
    ...options,
    onEvent: (event) => {
      if (event.type === 'job-start') {
        log(
          `start ${event.scriptId} ${event.policy}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`,
        );
      } else {
        log(
          `${event.status} ${event.scriptId} ${event.policy} ${event.seconds.toFixed(1)} s` +
            `${event.error === undefined ? '' : `: ${event.error}`}`,
        );
      }
    },
  });
  log(
    `worker: taking runs from queue ${options.name ?? defaultQueueName} on ${redactUrl(options.url)}, ` +
      `concurrency ${options.concurrency ?? 1}; Ctrl-C stops after the runs in flight`,
  );
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      resolveStop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log('worker: stopping after the runs in flight');
  await worker.close();
  return 0;
}

/** `iamflow worker`: takes benchmark runs from a queue. */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'take benchmark runs from a queue (iamflow bench --queue) and run them',
  help,
  options: {
    queue: { type: 'string' },
    'queue-name': { type: 'string' },
    concurrency: { type: 'string' },
    'runs-out': { type: 'string' },
    'lock-seconds': { type: 'string' },
    ...engineOptions,
    quiet: { type: 'boolean', default: false },
  },
  run,
};
