/** Ground truth about one character, read only by the evaluator (never by agents or engines). */
export interface CharacterAnnotation {
  /** Every way the prompts refer to the character: names, roles, descriptions, pronouns. */
  aliases: string[];
  /** Visual attribute phrases at first appearance, e.g. `gray scarf`. */
  attrs: string[];
  /** Deliberate changes: 1-based prompt number (as a string key) -> attribute phrases from that prompt on. */
  changes?: Record<string, string[]>;
}

/** Evaluation-only annotations of a script (DESIGN.md, "Script annotations"). */
export interface ScriptAnnotations {
  /** Characters by stable key. */
  characters: Record<string, CharacterAnnotation>;
  /** One list per prompt: the keys of the characters on screen. */
  present: string[][];
}

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
