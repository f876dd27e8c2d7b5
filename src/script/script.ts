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
  /** Ground truth for evaluation; never passed to agents or engines. */
  annotations?: ScriptAnnotations;
  /** Where the script came from, for error messages and run.json. */
  source: { path: string; line?: number };
}
