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

/** What every iamflow error is made of. */
export interface IamflowErrorOptions {
  /** Stable class name (`InputError`, `EngineError`); subclasses set their own. Default `IamflowError`. */
  name?: string;
  /** One sentence. */
  message: string;
  /** The details a front end prints, one per problem. Default none. */
  issues?: readonly Issue[];
  /** The error that caused this one. */
  cause?: unknown;
  /** Process exit code a CLI should use: 2 for bad input, 1 for failures of the run itself. Default 1. */
  exitCode?: number;
}

/**
 * Base class of every error iamflow throws on purpose. `isInstance` works across package copies through a
 * `Symbol.for` marker (each subclass adds its own marker, so `EngineError.isInstance` rejects a `VideoError`);
 * `issues` carries the details a front end prints.
 */
export class IamflowError extends Error {
  readonly [symbol] = true;
  readonly issues: readonly Issue[];
  /** Process exit code a CLI should use: 2 for bad input, 1 for failures of the run itself. */
  readonly exitCode: number;

  constructor(options: IamflowErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = options.name ?? 'IamflowError';
    this.issues = options.issues ?? [];
    this.exitCode = options.exitCode ?? 1;
  }

  /** True for any iamflow error, whatever its class. */
  static isInstance(error: unknown): error is IamflowError {
    return IamflowError.hasMarker(error, marker);
  }

  /** True when `error` carries the `Symbol.for(marker)` flag a subclass sets. */
  protected static hasMarker(error: unknown, marker: string): boolean {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[Symbol.for(marker)] === true
    );
  }
}
