const hits = new Map<string, number>();

/**
 * Test hook for crash tests: with `IAMFLOW_TEST_KILL_AT=NAME:N` in the environment, the N-th time the process
 * passes the point NAME it kills itself with SIGKILL (no cleanup, like `kill -9`). Points: `chunk` (after a chunk
 * was generated, before it is decoded), `frames` (half of a chunk's frames sent to the encoder), `checkpoint-write`
 * (half of checkpoint.json written to its temporary file), `segment-close` (an encoder finishing a segment),
 * `commit` (before the final video is joined). Without the variable it does nothing.
 */
export function killPoint(name: string): void {
  const target = process.env.IAMFLOW_TEST_KILL_AT;
  if (!target) return;
  const count = (hits.get(name) ?? 0) + 1;
  hits.set(name, count);
  if (target === `${name}:${count}`) process.kill(process.pid, 'SIGKILL');
}
