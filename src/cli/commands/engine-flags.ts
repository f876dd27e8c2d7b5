import { type Quantization, quantizations } from '../../engine/mini/quantize.js';
import { InputError } from '../../errors/index.js';
import type { MiniEngineSpec, RemoteEngineSpec } from '../../run/run-spec.js';
import type { CommandContext } from '../command.js';

/** `--engine URL` and `--engine-token T`, shared by generate and bench. */
export const engineOptions = {
  engine: { type: 'string' },
  'engine-token': { type: 'string' },
  quantize: { type: 'string' },
} as const;

export const engineHelp = `  --engine URL         use a remote engine: a server of the engine protocol (iamflow engine serve,
                       docs/engine-protocol.md), e.g. http://127.0.0.1:7870 (default: the miniature engine)
  --engine-token T     bearer token of that server (or IAMFLOW_ENGINE_TOKEN)
  --quantize MODE      number format of the miniature engine's weights and stored frames: none (float32), int8
                       or fp8 (e4m3) (default: none)`;

/** Parses an http(s) URL given to `flag`, or throws a located InputError. */
export function parseEngineUrl(flag: string, text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InputError([
      {
        code: 'invalid-flag',
        path: [flag],
        message: `'${text}' is not an http(s) URL`,
        hint: 'e.g. http://127.0.0.1:7870 (start one with `iamflow engine serve`)',
      },
    ]);
  }
  return text.replace(/\/+$/, '');
}

/**
 * The engine the flags name: a remote one (`--engine URL`), the miniature one with `--quantize MODE`, or undefined
 * for the embedded default.
 */
export function resolveEngineSpec(
  context: Pick<CommandContext, 'values' | 'env'>,
): RemoteEngineSpec | MiniEngineSpec | undefined {
  const quantize = context.values.quantize;
  const remote = resolveEngineFlags(context);
  if (quantize === undefined) return remote;
  if (typeof quantize !== 'string' || !quantizations.includes(quantize as Quantization)) {
    throw new InputError([
      {
        code: 'invalid-flag',
        path: ['--quantize'],
        message: `unknown quantization '${String(quantize)}'`,
        hint: `use one of: ${quantizations.join(', ')}`,
      },
    ]);
  }
  if (remote !== undefined) {
    throw new InputError([
      {
        code: 'invalid-flag',
        path: ['--quantize'],
        message: 'only applies to the embedded miniature engine, not with --engine URL',
        hint: 'drop --quantize (a remote engine keeps its own number format)',
      },
    ]);
  }
  return { provider: 'mini', quantization: quantize as Quantization };
}

/** The remote engine the flags name, or undefined for the embedded one. */
export function resolveEngineFlags(
  context: Pick<CommandContext, 'values' | 'env'>,
): RemoteEngineSpec | undefined {
  const url = context.values.engine;
  const token = context.values['engine-token'] ?? context.env.IAMFLOW_ENGINE_TOKEN;
  if (typeof url !== 'string') {
    if (typeof context.values['engine-token'] === 'string') {
      throw new InputError([
        {
          code: 'invalid-flag',
          path: ['--engine-token'],
          message: 'only applies with --engine URL',
          hint: 'add --engine URL or drop --engine-token',
        },
      ]);
    }
    return undefined;
  }
  const spec: RemoteEngineSpec = { provider: 'remote', url: parseEngineUrl('--engine', url) };
  if (typeof token === 'string' && token.length > 0) spec.token = token;
  return spec;
}
