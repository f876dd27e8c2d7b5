import { reference } from '../reference/index.js';

/** Documented limits and defaults of script files (docs/scripts.md). */
export const scriptLimits = {
  /** Largest script file read, in bytes; bigger files are refused before parsing. */
  maxFileBytes: 16 * 1024 * 1024,
  /** Longest prompt, in characters (UTF-16 code units); video text encoders truncate far sooner. */
  maxPromptCharacters: 2000,
  /** Most prompts in one script. */
  maxPrompts: 500,
  /** Longest duration of one prompt, in seconds. */
  maxSeconds: 3600,
  /** Highest frame rate, in frames per second. */
  maxFps: 120,
} as const;

/** Defaults applied when a script does not say. */
export const scriptDefaults = {
  /** Video frames per second. */
  fps: reference.video.fps,
  /** Seconds per prompt. */
  secondsPerPrompt: reference.video.secondsPerPrompt,
} as const;
