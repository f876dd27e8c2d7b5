export { type FormatProblemsOptions, formatProblems, summarizeProblems } from './format-problems.js';
export {
  LINT_CODES,
  type LintCode,
  type LintFix,
  type LintProblem,
  type LintSettings,
  type LintSeverity,
  lintDefaults,
} from './lint-problem.js';
export { lintScript } from './lint-script.js';
