import { z } from 'zod';
import { expected } from './describe-value.js';

/** Keys of `changes`: 1-based prompt numbers. */
export const promptNumberPattern = /^[1-9][0-9]*$/;

/** A list of phrases (names, roles, pronouns, attribute phrases). */
const phrases = z.array(z.string({ error: expected('text') }), { error: expected('a list of text') });

/**
 * Ground truth about one character (DESIGN.md, "Script annotations"), read only by the evaluator and the
 * extraction scorer, never by agents or engines. This is the stored form (run.json, prompt.jsonl); readers
 * that need more (scripts: non-empty text, at least one alias; suites; lenient readers: missing lists are
 * empty) `.extend` it, so every site shares its fields and its type.
 */
export const characterAnnotationSchema = z.object(
  {
    /** Every way the prompts refer to the character: names, roles, descriptions, pronouns. */
    aliases: phrases,
    /** Visual attribute phrases at first appearance, e.g. `gray scarf`. */
    attrs: phrases,
    /** Deliberate changes: 1-based prompt number (as a string key) -> attribute phrases from that prompt on. */
    changes: z
      .record(z.string(), phrases, { error: expected('an object of prompt number -> attribute list') })
      .optional(),
  },
  { error: expected('an object with aliases and attrs') },
);

/** Ground truth about one character, read only by the evaluator (never by agents or engines). */
export type CharacterAnnotation = z.infer<typeof characterAnnotationSchema>;

/** Evaluation-only annotations of a script (DESIGN.md, "Script annotations"). */
export const scriptAnnotationsSchema = z.object({
  /** Characters by stable key. */
  characters: z.record(z.string(), characterAnnotationSchema, { error: expected('an object') }),
  /** One list per prompt: the keys of the characters on screen. */
  present: z.array(
    z.array(z.string({ error: expected('text') }), { error: expected('a list of character keys') }),
    { error: expected('a list with one list per prompt') },
  ),
});

/** Evaluation-only annotations of a script. */
export type ScriptAnnotations = z.infer<typeof scriptAnnotationsSchema>;

/**
 * Annotations with every text checked: non-empty phrases and keys, at least one alias, `changes` keyed by
 * prompt number. Suites are generated to this; scripts add their own messages on top.
 */
export const checkedCharacterAnnotationSchema = characterAnnotationSchema.extend({
  aliases: z.array(z.string().min(1)).min(1),
  attrs: z.array(z.string().min(1)),
  changes: z.record(z.string().regex(promptNumberPattern), z.array(z.string().min(1))).optional(),
});
