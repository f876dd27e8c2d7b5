import { checkEngineContract } from '../../engine/check-engine-contract.js';
import type { EngineSessionFactory } from '../../engine/protocol/engine-sessions.js';
import { type EngineServer, serveEngine } from '../../engine/protocol/serve-engine.js';
import { ENGINE_PROTOCOL } from '../../engine/protocol/wire.js';
import { createRemoteEngine } from '../../engine/remote/create-remote-engine.js';
import type { RemoteEngineSettings } from '../../engine/remote/remote-settings.js';
import { InputError, type Issue } from '../../errors/index.js';
import { runDefaults } from '../../run/run-defaults.js';
import { createMiniEngineFactory } from '../../run/run-script.js';
import type { Command, CommandContext } from '../command.js';
import { parseEngineUrl } from './engine-flags.js';
import { parseSize } from './generate-flags.js';

/** What `engine serve` serves and how it waits; injectable for tests. */
export interface EngineCommandDependencies {
  /** Creates the engine of each session. */
  createEngine: EngineSessionFactory;
  /** Resolves when the server should stop. Default: SIGINT or SIGTERM. */
  waitForStop?: (server: EngineServer) => Promise<void>;
}

const help = `Usage: iamflow engine serve [--port 7870] [--host 127.0.0.1] [--token T]
       iamflow engine check URL [--token T] [--size WxH] [--timeout MS] [--json]

serve: exposes the miniature engine over the engine protocol (${ENGINE_PROTOCOL}, docs/engine-protocol.md), one
engine per session, until Ctrl-C. Use it with \`iamflow generate --engine URL\` or \`iamflow bench --engine URL\`.
check: runs the engine contract suite against the server at URL and prints a conformance report (exit 1 when a
case fails).

Options:
  --port N             serve: TCP port, 0 picks a free one (default: 7870)
  --host H             serve: interface (default: 127.0.0.1; another host needs --token)
  --token T            serve: bearer token every call but /v1/health must carry; check: the token to send
                       (or IAMFLOW_ENGINE_TOKEN)
  --max-sessions N     serve: sessions open at once, one more answers 429 (default: 4)
  --size WxH           check: frame size the sessions ask for (default: the server's)
  --timeout MS         check: time allowed per protocol call (default: 120000)
  --json               check: print the report as JSON on stdout
  -h, --help           show this help

Examples:
  iamflow engine serve --port 7870
  iamflow engine check http://127.0.0.1:7870
  python3 examples/engine-server/dummy_engine_server.py --port 7871 & iamflow engine check http://127.0.0.1:7871
`;

const loopback = new Set(['127.0.0.1', 'localhost', '::1']);

function text(values: CommandContext['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function whole(values: CommandContext['values'], name: string, min: number, max: number, issues: Issue[]) {
  const raw = text(values, name);
  if (raw === undefined) return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
  issues.push({
    code: 'invalid-flag',
    path: [`--${name}`],
    message: `'${raw}' is not a whole number from ${min} to ${max}`,
  });
  return undefined;
}

function stopOnSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function runServe(context: CommandContext, dependencies: EngineCommandDependencies): Promise<number> {
  const issues: Issue[] = [];
  const port = whole(context.values, 'port', 0, 65535, issues) ?? 7870;
  const maxSessions = whole(context.values, 'max-sessions', 1, 1024, issues) ?? 4;
  const host = text(context.values, 'host') ?? '127.0.0.1';
  const token = text(context.values, 'token') ?? context.env.IAMFLOW_ENGINE_TOKEN;
  if (!loopback.has(host) && !token) {
    issues.push({
      code: 'token-required',
      path: ['--host'],
      message: `${host} is not a loopback interface and no token is set`,
      hint: 'add --token T (or IAMFLOW_ENGINE_TOKEN), or serve on 127.0.0.1',
    });
  }
  if (context.positionals.length > 1) {
    issues.push({ code: 'extra-arguments', path: ['engine', 'serve'], message: 'serve takes no arguments' });
  }
  if (issues.length > 0) throw new InputError(issues);
  const server = await serveEngine({
    createEngine: dependencies.createEngine,
    port,
    host,
    maxSessions,
    ...(token ? { token } : {}),
  });
  context.stdout.write(`${server.url}\n`);
  context.stderr.write(
    `engine protocol ${ENGINE_PROTOCOL} at ${server.url}${token ? ' (token required)' : ''}; Ctrl-C stops\n`,
  );
  try {
    await (dependencies.waitForStop ?? stopOnSignal)(server);
  } finally {
    await server.close();
  }
  return 0;
}

async function runCheck(context: CommandContext): Promise<number> {
  const [, url, ...extra] = context.positionals;
  const issues: Issue[] = [];
  if (url === undefined || extra.length > 0) {
    issues.push({
      code: url === undefined ? 'missing-url' : 'extra-arguments',
      path: ['engine', 'check'],
      message:
        url === undefined ? 'no server URL given' : `expected one URL, got ${[url, ...extra].join(' ')}`,
      hint: 'usage: iamflow engine check URL, e.g. iamflow engine check http://127.0.0.1:7870',
    });
  }
  const timeoutMs = whole(context.values, 'timeout', 1, 3_600_000, issues);
  const sizeText = text(context.values, 'size');
  const size = sizeText === undefined ? undefined : parseSize(sizeText);
  if (size !== undefined && 'code' in size) issues.push(size);
  if (issues.length > 0 || url === undefined) throw new InputError(issues);
  const token = text(context.values, 'token') ?? context.env.IAMFLOW_ENGINE_TOKEN;
  const settings: RemoteEngineSettings = {
    url: parseEngineUrl('URL', url),
    ...(token ? { token } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    session: size === undefined || 'code' in size ? {} : { ...size, seed: runDefaults.seed },
  };
  // One session first: an unreachable server or a wrong token is one error, not seven failed cases.
  const probe = await createRemoteEngine(settings);
  const about = `${probe.modelId}, ${probe.info.width}x${probe.info.height}`;
  await probe.release();
  const json = context.values.json === true;
  if (!json) context.stdout.write(`engine contract against ${settings.url} (${about}):\n`);
  const report = await checkEngineContract(() => createRemoteEngine(settings), {
    onCase: (result) => {
      if (json) return;
      const mark = result.passed ? 'PASS' : 'FAIL';
      context.stdout.write(`  ${mark}  ${result.name} (${Math.round(result.ms)} ms)\n`);
      if (result.error) context.stdout.write(`        ${result.error.split('\n').join('\n        ')}\n`);
    },
  });
  const passed = report.cases.filter((result) => result.passed).length;
  if (json) context.stdout.write(`${JSON.stringify({ url: settings.url, engine: about, ...report })}\n`);
  else {
    context.stdout.write(
      report.passed
        ? `${passed}/${report.cases.length} cases passed: ${settings.url} conforms to ${ENGINE_PROTOCOL}\n`
        : `${passed}/${report.cases.length} cases passed: ${settings.url} does not conform\n`,
    );
  }
  return report.passed ? 0 : 1;
}

/** Creates `iamflow engine serve|check` over the given engine. */
export function createEngineCommand(dependencies: EngineCommandDependencies): Command {
  return {
    name: 'engine',
    summary: 'serve an engine over the engine protocol, or check a server against the engine contract',
    help,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      'max-sessions': { type: 'string' },
      size: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    run: async (context) => {
      const [subcommand] = context.positionals;
      if (subcommand === 'serve') return runServe(context, dependencies);
      if (subcommand === 'check') return runCheck(context);
      throw new InputError([
        {
          code: subcommand === undefined ? 'missing-subcommand' : 'unknown-command',
          path: ['engine', ...(subcommand === undefined ? [] : [subcommand])],
          message: subcommand === undefined ? 'no subcommand given' : `unknown subcommand '${subcommand}'`,
          hint: 'use `iamflow engine serve` or `iamflow engine check URL`',
        },
      ]);
    },
  };
}

/** The miniature engine for a session: the client's size, seed, fps and steps over the run defaults. */
export const serveMiniEngine: EngineSessionFactory = (settings) => {
  const options = settings.options ?? {};
  const quantization = options.quantization;
  const timestepShift = options.timestepShift;
  return createMiniEngineFactory({
    ...(quantization === 'none' || quantization === 'int8' || quantization === 'fp8' ? { quantization } : {}),
    ...(typeof timestepShift === 'number' ? { timestepShift } : {}),
  })({
    width: settings.width ?? runDefaults.width,
    height: settings.height ?? runDefaults.height,
    seed: settings.seed ?? runDefaults.seed,
    fps: settings.fps ?? runDefaults.fps,
    steps: settings.steps ?? runDefaults.steps,
  });
};

/** `iamflow engine` over the miniature engine. */
export const engineCommand = createEngineCommand({ createEngine: serveMiniEngine });
