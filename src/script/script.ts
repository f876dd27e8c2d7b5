import type { ScriptAnnotations } from './annotation-schema.js';

export type { CharacterAnnotation, ScriptAnnotations } from './annotation-schema.js';

/** A validated narrative script: an ordered list of prompts, each with its duration. */
export interface Script {
  /** Stable identifier (from the file, or derived from the file name and line). */
  id: string;
  /** Optional human title. */
  title?: string;
  /** Benchmark dimension, when the script comes from a suite. */
  dimension?: string;
  /** Video frames per second of the output (default 16). */
  fps: number;
  /** The prompts, in order. */
  prompts: string[];
  /** Requested duration of each prompt in seconds (default 10 each), same length as `prompts`. */
  seconds: number[];
  /**
   * User input: a reference picture per character, keyed by a short id (`nora`). Paths are as written, relative
   * to the script file; `run` decodes them (docs/references.md).
   */
  references?: Record<string, CharacterReference>;
  /** User input: a picture the video starts from (its first frames), relative to the script file. */
  startImage?: string;
  /** Ground truth for evaluation; never passed to agents or engines. */
  annotations?: ScriptAnnotations;
  /** Where the script came from, for error messages and run.json. */
  source: { path: string; line?: number };
}

/** A character's reference picture as the script names it. */
export interface CharacterReference {
  /** Image path as written (PNG or JPEG), relative to the script file. */
  image: string;
  /** The character's name as prompts call it (`Nora`); default: the reference's key. */
  name: string;
  /** A short look description (`a woman with red hair and a yellow coat`), matched against the agent's attributes. */
  description?: string;
}
