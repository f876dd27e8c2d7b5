import { IamflowError, type Issue } from './iamflow-error.js';

/** Bad user input (a script, a flag, a file): the run never started. Exit code 2. */
export class InputError extends IamflowError {
  constructor(issues: readonly Issue[], options: { cause?: unknown } = {}) {
    const first = issues[0];
    super({
      name: 'InputError',
      message: first ? `${formatPath(first.path)}${first.message}` : 'invalid input',
      issues,
      cause: options.cause,
      exitCode: 2,
    });
  }
}

function formatPath(path: Issue['path']): string {
  return path.length === 0 ? '' : `${path.join(': ')}: `;
}
