/** How bad a problem is: an error will go wrong (exit 1); a warning is likely to confuse (exit 0 unless `--strict`). */
export type LintSeverity = 'error' | 'warning';

/** The problem codes, one per check (docs/lint.md explains each with an example). */
export const LINT_CODES = [
  'ambiguous-pronoun',
  'dangling-pronoun',
  'returning-pronoun',
  'returning-new-description',
  'contradictory-attributes',
  'crowded-binding',
  'prompt-too-long',
  'undescribed-character',
] as const;

/** One of {@link LINT_CODES}. */
export type LintCode = (typeof LINT_CODES)[number];

/** A text edit that applies a suggestion: replace `prompt.slice(start, end)` with `text`. */
export interface LintFix {
  /** Offset of the first character replaced (UTF-16 code units). */
  start: number;
  /** Offset one past the last character replaced. */
  end: number;
  /** Replacement text. */
  text: string;
}

/** One thing in a script that will confuse a causal video model or the agents. */
export interface LintProblem {
  /** 0-based prompt index. */
  prompt: number;
  /** Offset of the first character of the span in the prompt (UTF-16 code units). */
  start: number;
  /** Offset one past the span's last character. */
  end: number;
  /** Stable problem code. */
  code: LintCode;
  /** Error or warning. */
  severity: LintSeverity;
  /** What is wrong, in one sentence naming the words involved. */
  message: string;
  /** How to rewrite it, or null when there is no obvious rewrite. */
  suggestion: string | null;
  /** The suggestion as an edit of this prompt, when it is one replacement. */
  fix?: LintFix;
}

/** Settings of {@link lintScript}. */
export interface LintSettings {
  /**
   * Text-encoder window in tokens; a longer prompt is cut there. Default 512: the umT5 text length of the
   * Wan2.1-based causal models (Self-Forcing, LongLive). CLIP-conditioned models read 77.
   */
  windowTokens?: number;
  /**
   * Words (a comma counts 2) within which a text encoder binds an attribute to the nearest person mention.
   * Default 8, the binding reach the miniature engine documents (docs/engine.md).
   */
  bindingWords?: number;
}

/** Default {@link LintSettings}. */
export const lintDefaults = { windowTokens: 512, bindingWords: 8 } as const;
