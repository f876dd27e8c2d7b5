import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createFakeEngine } from '../../pipeline/__fixtures__/fake-engine.js';
import type { Command } from '../command.js';
import { createGenerateCommand, type GenerateDependencies } from '../commands/generate.js';
import { type CliIo, main } from '../main.js';

/** A writable stream that keeps what was written. */
export function captureStream(isTTY = false): Writable & { text(): string; isTTY: boolean; columns: number } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join(''), isTTY, columns: 100 });
}

/** Dependencies that run without the mini engine or ffmpeg: the fake engine and a frame-counting "encoder". */
export function fakeDependencies(): GenerateDependencies & { written: () => number } {
  let written = 0;
  return {
    createEngine: ({ width, height }) => createFakeEngine({ info: { width, height } }),
    createEncoder: ({ path }) => ({
      write: () => {
        written += 1;
      },
      close: async () => writeFileSync(path, `frames ${written}\n`),
      abort: async () => {},
    }),
    writePng: async (path, frame) => writeFileSync(path, frame.data),
    written: () => written,
  };
}

/** A temporary folder holding a 2-prompt script of 3 s each. */
export function scriptFolder(): { dir: string; script: string } {
  const dir = mkdtempSync(join(tmpdir(), 'iamflow-cli-'));
  const script = join(dir, 'two.jsonl');
  writeFileSync(script, `${JSON.stringify({ id: 'two', prompts: ['Ravi waits.', 'He walks.'], seconds: 3 })}\n`);
  return { dir, script };
}

/** Runs `main` in-process and returns the exit code and both streams' text. */
export async function runCli(
  argv: string[],
  options: { commands?: Command[]; cwd?: string; tty?: boolean; env?: CliIo['env'] } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = captureStream();
  const stderr = captureStream(options.tty ?? false);
  const io: CliIo = {
    stdout,
    stderr,
    commands: options.commands ?? [createGenerateCommand(fakeDependencies())],
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.env ? { env: options.env } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
