/** Names the JSON type of a value for messages ("a number", "a list"). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

/** A zod error message: "is missing", or "must be <what>, not <the JSON type given>". */
export const expected = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is missing' : `must be ${what}, not ${describeValue(issue.input)}`;
