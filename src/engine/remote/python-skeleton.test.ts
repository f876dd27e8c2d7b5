import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { afterAll } from 'vitest';
import { runEngineContract } from '../engine-contract.case.js';
import { createRemoteEngine } from './create-remote-engine.js';

// The documented Python skeleton (standard library only) must pass the same contract through the remote engine.
const script = new URL('../../../examples/engine-server/dummy_engine_server.py', import.meta.url).pathname;
const python = spawnSync('python3', ['--version']).status === 0;

async function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn('python3', [script, '--port', '0', '--token', 'sesame'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { child, url: line.toString().trim() };
}

const server = python ? await start() : undefined;
afterAll(() => {
  server?.child.kill();
});

const skip = python ? {} : { skip: 'python3 is not on PATH (Debian package python3)' };
runEngineContract({
  name: 'remote over the Python skeleton (examples/engine-server)',
  createEngine: () =>
    createRemoteEngine({ url: server!.url, token: 'sesame', session: { width: 64, height: 36 } }),
  ...skip,
});
// The skeleton ignores `decode` on generate (it is optional): the client falls back to the frames route.
runEngineContract({
  name: 'remote over the Python skeleton, decode-ahead asked and ignored',
  createEngine: () =>
    createRemoteEngine({
      url: server!.url,
      token: 'sesame',
      session: { width: 64, height: 36 },
      decodeAhead: true,
    }),
  ...skip,
});
