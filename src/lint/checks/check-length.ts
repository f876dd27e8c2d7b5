import type { PromptAnalysis } from '../analyze-script.js';
import { type LintProblem, lintDefaults } from '../lint-problem.js';

const TOKEN = /[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]/g;

/**
 * Estimated subword tokens of one word or mark: 1.25 per word of up to 8 letters, one more per further 8 (about
 * 1.3 per English word, as sentencepiece and BPE vocabularies split them), 1 per punctuation mark. An estimate:
 * no model's vocabulary ships with iamflow.
 */
export function estimateTokens(word: string): number {
  if (!/[A-Za-z0-9]/.test(word)) return 1;
  return Math.ceil(word.length / 8) + 0.25;
}

/**
 * `prompt-too-long` (error): a prompt whose estimated token count passes the text encoder's window; the encoder
 * cuts it there and the model never reads the rest. The span is the part that is cut.
 */
export function checkLength(
  prompts: readonly PromptAnalysis[],
  windowTokens: number = lintDefaults.windowTokens,
): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const { index, text } of prompts) {
    let tokens = 0;
    let cut: number | undefined;
    for (const match of text.matchAll(TOKEN)) {
      tokens += estimateTokens(match[0]);
      if (cut === undefined && Math.round(tokens) > windowTokens) cut = match.index;
    }
    const total = Math.round(tokens);
    if (cut === undefined) continue;
    problems.push({
      prompt: index,
      start: cut,
      end: text.length,
      code: 'prompt-too-long',
      severity: 'error',
      message: `about ${total} tokens, past the text encoder's window of ${windowTokens}: the text from "${excerpt(text, cut)}" is cut`,
      suggestion: 'split the shot into two prompts, or drop what the camera does not show',
    });
  }
  return problems;
}

/** The first words of the cut text, with an ellipsis when there are more. */
function excerpt(text: string, cut: number): string {
  const shown = text.slice(cut, cut + 24).trim();
  return cut + 24 < text.length ? `${shown}...` : shown;
}
