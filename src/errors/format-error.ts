import { IamflowError } from './iamflow-error.js';

/**
 * Human-readable text for any thrown value: one line per issue with where, what and how to fix.
 * Unknown errors print their message only (no stack) unless `verbose` is set.
 */
export function formatError(error: unknown, options: { verbose?: boolean } = {}): string {
  if (IamflowError.isInstance(error)) {
    if (error.issues.length === 0) return `error: ${error.message}`;
    return error.issues
      .map((issue) => {
        const where = issue.path.length > 0 ? `${issue.path.join(': ')}: ` : '';
        const hint = issue.hint ? `\n  hint: ${issue.hint}` : '';
        return `error: ${where}${issue.message}${hint}`;
      })
      .join('\n');
  }
  if (error instanceof Error) {
    return options.verbose && error.stack ? `error: ${error.stack}` : `error: ${error.message}`;
  }
  return `error: ${String(error)}`;
}
