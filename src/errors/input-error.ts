import { IamflowError, type Issue } from './iamflow-error.js';

const name = 'InputError';
const marker = `iamflow.error.${name}`;
const symbol = Symbol.for(marker);

/** Bad user input (a script, a flag, a file): the run never started. Exit code 2. */
export class InputError extends IamflowError {
  readonly [symbol] = true;

  constructor(issues: readonly Issue[], options: { cause?: unknown } = {}) {
    const first = issues[0];
    super({
      name,
      message: first ? `${formatPath(first.path)}${first.message}` : 'invalid input',
      issues,
      cause: options.cause,
      exitCode: 2,
    });
  }

  static override isInstance(error: unknown): error is InputError {
    return IamflowError.hasMarker(error, marker);
  }
}

function formatPath(path: Issue['path']): string {
  return path.length === 0 ? '' : `${path.join(': ')}: `;
}
