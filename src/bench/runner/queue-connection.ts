import { Redis } from 'ioredis';
import { IamflowError, InputError } from '../../errors/index.js';
import { redactUrl } from '../redact-url.js';

/** Where the benchmark queue lives and what it is called. */
export interface QueueSettings {
  /** `redis://[USER:PASSWORD@]HOST:PORT[/DB]`, or `rediss://` for TLS. Never printed: see {@link redactUrl}. */
  url: string;
  /** Queue name, shared by the coordinator and its workers. Default `bench`. */
  name?: string;
}

/** The default queue name; BullMQ keys live under `iamflow:<name>:*`. */
export const defaultQueueName = 'bench';

/** Prefix of every BullMQ key of iamflow. */
export const queuePrefix = 'iamflow';

/** Checks a `--queue` value; returns issues (empty when fine). */
export function checkQueueUrl(url: string, flag = '--queue'): InputError | undefined {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = '';
  }
  if (protocol === 'redis:' || protocol === 'rediss:') return undefined;
  return new InputError([
    {
      code: 'invalid-flag',
      path: [flag],
      message: `${redactUrl(url)} is not a redis:// or rediss:// URL`,
      hint: 'e.g. --queue redis://127.0.0.1:6379 (rediss:// for TLS; a database as /N)',
    },
  ]);
}

/**
 * Connects to Redis for BullMQ (`maxRetriesPerRequest: null`; TLS for `rediss://`) and checks it answers within
 * `timeoutMs`, so a wrong URL fails at once with a message that holds no password.
 *
 * @example
 * const connection = await connectQueue({ url: 'redis://127.0.0.1:6379' });
 */
export async function connectQueue(settings: QueueSettings, timeoutMs = 5000): Promise<Redis> {
  const location = redactUrl(settings.url);
  const connection = new Redis(settings.url, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let lastError: Error | undefined;
  // ioredis would print unhandled errors with the address; keep the last one for our own message.
  connection.on('error', (error: Error) => {
    lastError = error;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      connection.connect().then(() => connection.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer')), timeoutMs);
      }),
    ]);
    return connection;
  } catch (error) {
    connection.disconnect();
    const reason = lastError?.message ?? (error as Error).message;
    throw new IamflowError({
      name: 'QueueError',
      message: `cannot reach the queue at ${location}: ${reason}`,
      issues: [
        {
          code: 'queue-unreachable',
          path: ['--queue'],
          message: `cannot reach Redis at ${location}: ${reason}`,
          hint:
            'check the server runs (redis-server --daemonize yes --bind 127.0.0.1 --port 6379) and the URL ' +
            '(host, port, password); for rediss:// with a private CA set NODE_EXTRA_CA_CERTS=ca.pem',
        },
      ],
    });
  } finally {
    clearTimeout(timer);
  }
}
