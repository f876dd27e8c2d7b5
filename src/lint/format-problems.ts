import type { LintProblem } from './lint-problem.js';

/** Options of {@link formatProblems}. */
export interface FormatProblemsOptions {
  /** Where the prompts came from, printed before each problem (`script.jsonl:3`). */
  location: string;
  /** Colour the output with ANSI escapes (a terminal). Default false. */
  color?: boolean;
}

const ansi = {
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
};

/**
 * Renders problems for a terminal: a header line per problem (location, 1-based prompt number, character span,
 * severity, code, message), the prompt around the span with a caret line under it, and the suggestion.
 *
 * @example
 * formatProblems(['She waves.'], problems, { location: 'nora.txt' })
 * // nora.txt prompt 1 [0-3] warning dangling-pronoun: "She" refers to nobody ...
 */
export function formatProblems(
  prompts: readonly string[],
  problems: readonly LintProblem[],
  options: FormatProblemsOptions,
): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${ansi.reset}` : text);
  return problems
    .map((problem) => {
      const severity = paint(problem.severity === 'error' ? ansi.red : ansi.yellow, problem.severity);
      const header = `${options.location} prompt ${problem.prompt + 1} [${problem.start}-${problem.end}] ${severity} ${paint(ansi.bold, problem.code)}: ${problem.message}`;
      const { excerpt, offset } = excerptAround(prompts[problem.prompt] ?? '', problem.start, problem.end);
      const caret = `${' '.repeat(offset)}${'^'.repeat(Math.max(1, Math.min(problem.end - problem.start, excerpt.length - offset)))}`;
      const lines = [
        header,
        `    ${excerpt}`,
        `    ${paint(problem.severity === 'error' ? ansi.red : ansi.yellow, caret)}`,
      ];
      if (problem.suggestion) lines.push(`    ${paint(ansi.dim, `suggestion: ${problem.suggestion}`)}`);
      return lines.join('\n');
    })
    .join('\n');
}

/** One summary line: `3 problems (1 error, 2 warnings) in 2 prompts`. */
export function summarizeProblems(problems: readonly LintProblem[]): string {
  if (problems.length === 0) return 'no problems';
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(problems.length, 'problem')} (${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')})`;
}

const CONTEXT = 40;

/** The prompt around a span, cut to about 40 characters each side, and where the span starts in the excerpt. */
function excerptAround(text: string, start: number, end: number): { excerpt: string; offset: number } {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, Math.max(end, start + 1) + CONTEXT);
  const head = from > 0 ? '...' : '';
  const tail = to < text.length ? '...' : '';
  return { excerpt: `${head}${text.slice(from, to)}${tail}`, offset: head.length + start - from };
}
