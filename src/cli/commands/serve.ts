import { startServer } from '../../server/start-server.js';
import type { Command, CommandContext } from '../command.js';
import { engineHelp, engineOptions, resolveEngineFlags } from './engine-flags.js';

const help = `Usage: iamflow serve [options]

Serves the HTTP API and the live viewer: start runs, watch frames as they are decoded, insert or edit upcoming
prompts while a run streams, and browse run folders and bench results under --data.

Options:
  --port N             port (default: 7860)
  --host HOST          interface (default: 127.0.0.1; any other host also needs the token to read and stream)
  --token T            token for mutating routes (default: IAMFLOW_TOKEN, else a generated one, printed at start)
  --data DIR           data folder: runs/, runs.sqlite, scripts, bench results (default: ./iamflow-data)
  --no-evaluate        do not score finished runs
${engineHelp}
  -h, --help           show this help

Examples:
  iamflow serve
  iamflow serve --port 8080 --data /srv/iamflow --token "$(openssl rand -hex 16)"
`;

async function runServe(context: CommandContext): Promise<number> {
  const text = (name: string) =>
    typeof context.values[name] === 'string' ? (context.values[name] as string) : undefined;
  const port = Number(text('port') ?? 7860);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    context.stderr.write(`iamflow serve: --port: '${text('port')}' is not a port (0..65535)\n`);
    return 2;
  }
  const engine = resolveEngineFlags(context);
  const token = text('token') ?? context.env.IAMFLOW_TOKEN;
  const server = await startServer({
    port,
    ...(text('host') ? { host: text('host')! } : {}),
    ...(token ? { token } : {}),
    dataDir: text('data') ?? `${context.cwd}/iamflow-data`,
    evaluate: context.values['no-evaluate'] !== true,
    ...(engine ? { engine } : {}),
  });
  context.stderr.write(`iamflow serve: listening on ${server.url}\n`);
  if (server.generatedToken) context.stderr.write(`token: ${server.token}\n`);
  context.stderr.write(`viewer: ${server.url}/#token=${server.token}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  context.stderr.write('iamflow serve: stopping (running runs are cancelled)\n');
  await server.close();
  return 0;
}

/** `iamflow serve`: the HTTP API and live viewer. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the HTTP API and live viewer (start runs, watch, steer prompts)',
  help,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    token: { type: 'string' },
    data: { type: 'string' },
    'no-evaluate': { type: 'boolean', default: false },
    ...engineOptions,
  },
  run: runServe,
};
