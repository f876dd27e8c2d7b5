import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';

/** The local services the integration tests use, overridable by environment. */
export const testServices = {
  redis: process.env.IAMFLOW_TEST_REDIS ?? 'redis://127.0.0.1:6379',
  postgres: process.env.IAMFLOW_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test',
};

/** Resolves undefined when a TCP port answers, else a reason to skip (e.g. `Redis at 127.0.0.1:6379 ...`). */
export async function unreachable(
  what: string,
  url: string,
  defaultPort: number,
): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  const host = hostname || '127.0.0.1';
  const number = Number(port || defaultPort);
  const reached = await new Promise<boolean>((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(number, host, () => done(true));
  });
  return reached
    ? undefined
    : `${what} is not reachable at ${host}:${number} (start it, or set IAMFLOW_TEST_${what.toUpperCase()})`;
}

/** A name no other test run uses: `prefix_<pid>_<random>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
