import { z } from 'zod';
import {
  type CharacterAnnotation,
  checkedCharacterAnnotationSchema,
} from '../../script/annotation-schema.js';

/** The six benchmark dimensions, in suite order. */
export const SUITE_DIMENSIONS = [
  'reappearance',
  'reference-shift',
  'multi-character',
  'scene-change',
  'attribute-change',
  'newcomer',
] as const;

/** One benchmark dimension id. */
export type SuiteDimension = (typeof SUITE_DIMENSIONS)[number];

/**
 * Ground truth for one character of a suite script; read only by the evaluator. Attribute phrases are exactly
 * as written where the character is introduced ("gray scarf").
 */
export const suiteCharacterSchema = checkedCharacterAnnotationSchema;

/** Ground truth for one character of a script. */
export type SuiteCharacter = CharacterAnnotation;

/** One line of a suite JSONL file: a multi-prompt script with its evaluation-only annotations. */
export const suiteScriptSchema = z.object({
  /** `<dimension>-<NNN>`, unique in the suite. */
  id: z.string().regex(/^[a-z-]+-\d{3}$/),
  /** The dimension this script stresses. */
  dimension: z.enum(SUITE_DIMENSIONS),
  /** One prompt per 10 s segment (6 for a 60 s video). */
  prompts: z.array(z.string().min(1)).min(1),
  /** Characters keyed by a stable script-local key. */
  characters: z.record(z.string().min(1), suiteCharacterSchema),
  /** One list per prompt: keys of the characters on screen. */
  present: z.array(z.array(z.string().min(1))),
});

/** One line of a suite JSONL file. */
export type SuiteScript = z.infer<typeof suiteScriptSchema>;
