const marker = 'iamflow.error';
const symbol = Symbol.for(marker);

/** One problem found in user input or a provider reply, shaped so a CLI can print it and a server can return it. */
export interface Issue {
  /** Stable machine-readable code, e.g. `empty-file`, `invalid-utf8`, `unknown-policy`. */
  code: string;
  /** Where: a file path, then line or field segments, e.g. `['script.jsonl', 'line 3', 'prompts', 2]`. */
  path: ReadonlyArray<string | number>;
  /** What is wrong, in one sentence. */
  message: string;
  /** How to fix it, in one sentence, when we know. */
  hint?: string;
}

/**
 * Base class of every error iamflow throws on purpose. `isInstance` works across package copies through a
 * `Symbol.for` marker; `issues` carries the details a front end prints.
 */
export class IamflowError extends Error {
  readonly [symbol] = true;
  readonly issues: readonly Issue[];
  /** Process exit code a CLI should use: 2 for bad input, 1 for failures of the run itself. */
  readonly exitCode: number;

  constructor(options: {
    name?: string;
    message: string;
    issues?: readonly Issue[];
    cause?: unknown;
    exitCode?: number;
  }) {
    super(options.message, { cause: options.cause });
    this.name = options.name ?? 'IamflowError';
    this.issues = options.issues ?? [];
    this.exitCode = options.exitCode ?? 1;
  }

  static isInstance(error: unknown): error is IamflowError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[symbol] === true;
  }
}
