import { z } from 'zod';
import {
  characterAnnotationSchema,
  promptNumberPattern,
  scriptAnnotationsSchema,
} from './annotation-schema.js';
import { describeValue, expected } from './describe-value.js';
import { scriptLimits } from './script-limits.js';

const count = (value: number) => value.toLocaleString('en-US');

/** One prompt: non-blank text within the documented length. */
export const promptSchema = z
  .string({ error: expected('text') })
  .max(scriptLimits.maxPromptCharacters, {
    error: (issue) =>
      `is ${count((issue.input as string).length)} characters long; the limit is ${count(scriptLimits.maxPromptCharacters)}`,
  })
  .refine((text) => text.trim().length > 0, { error: 'is empty', params: { code: 'empty-prompt' } });

const secondsSchema = z
  .number({ error: expected('a number') })
  .positive({ error: (issue) => `must be more than 0 seconds, not ${issue.input}` })
  .max(scriptLimits.maxSeconds, { error: `must be at most ${scriptLimits.maxSeconds} seconds` });

const textList = z.array(z.string({ error: expected('text') }).min(1, { error: 'is empty' }), {
  error: expected('a list of text'),
});

/** Ground truth about one character as a script writes it: non-empty text, at least one alias. */
export const characterSchema = characterAnnotationSchema.extend({
  aliases: textList.min(1, { error: 'needs at least one name, role or pronoun' }),
  attrs: textList.default([]),
  changes: z
    .record(
      z.string().regex(promptNumberPattern, { error: 'keys must be 1-based prompt numbers' }),
      textList,
      {
        error: expected('an object of prompt number -> attribute list'),
      },
    )
    .optional(),
});

/** A character's reference picture as a script names it (user input, not an evaluation annotation). */
export const referenceSchema = z.object(
  {
    image: z
      .string({ error: expected('a file path') })
      .trim()
      .min(1, { error: 'is empty' }),
    name: z
      .string({ error: expected('text') })
      .trim()
      .min(1, { error: 'is empty' })
      .optional(),
    description: z
      .string({ error: expected('text') })
      .trim()
      .min(1, { error: 'is empty' })
      .optional(),
  },
  { error: expected('an object like {"image": "nora.png", "name": "Nora"}') },
);

/** One segment of the YAML/JSON `segments` layout. */
export const segmentSchema = z.object(
  { prompt: promptSchema, seconds: secondsSchema.optional() },
  { error: expected('an object like {prompt: "...", seconds: 10}') },
);

/**
 * Every structured script (a JSONL line, a YAML or JSON document): prompts either as `prompts` or as
 * `segments`, optional timing, optional evaluation annotations. Unknown fields are ignored.
 */
export const scriptObjectSchema = z
  .object(
    {
      id: z
        .union([z.string().trim().min(1).max(200), z.number().int()], { error: expected('short text') })
        .transform(String)
        .optional(),
      title: z
        .string({ error: expected('text') })
        .max(500)
        .optional(),
      dimension: z
        .string({ error: expected('text') })
        .min(1)
        .optional(),
      fps: z
        .number({ error: expected('a number') })
        .positive({ error: (issue) => `must be more than 0 frames per second, not ${issue.input}` })
        .max(scriptLimits.maxFps, { error: `must be at most ${scriptLimits.maxFps} frames per second` })
        .optional(),
      seconds: z
        .union([secondsSchema, z.array(secondsSchema)], { error: expected('a number or a list') })
        .optional(),
      prompts: z
        .array(promptSchema, { error: expected('a list of prompts') })
        .min(1, { error: 'is an empty list' })
        .max(scriptLimits.maxPrompts, { error: `holds more than ${scriptLimits.maxPrompts} prompts` })
        .optional(),
      segments: z
        .array(segmentSchema, { error: expected('a list of segments') })
        .min(1, { error: 'is an empty list' })
        .max(scriptLimits.maxPrompts, { error: `holds more than ${scriptLimits.maxPrompts} segments` })
        .optional(),
      characters: z.record(z.string().min(1), characterSchema, { error: expected('an object') }).optional(),
      present: scriptAnnotationsSchema.shape.present.optional(),
      references: z
        .record(z.string().trim().min(1), referenceSchema, {
          error: expected('an object of name -> reference'),
        })
        .optional(),
      startImage: z
        .string({ error: expected('a file path') })
        .trim()
        .min(1, { error: 'is empty' })
        .optional(),
    },
    {
      error: (issue) =>
        `a script must be an object like {"prompts": [...]}, not ${describeValue(issue.input)}`,
    },
  )
  .superRefine((value, context) => {
    const add = (path: (string | number)[], message: string, code: string) =>
      context.addIssue({ code: 'custom', path, message, params: { code } });
    if (value.prompts && value.segments)
      add(['segments'], 'cannot be given together with prompts', 'conflicting-fields');
    if (!value.prompts && !value.segments) add(['prompts'], 'is missing', 'no-prompts');
    const prompts = value.prompts?.length ?? value.segments?.length ?? 0;
    if (Array.isArray(value.seconds) && value.seconds.length !== prompts) {
      add(['seconds'], `has ${value.seconds.length} durations for ${prompts} prompts`, 'seconds-length');
    }
    if (value.characters && !value.present)
      add(['present'], 'is missing (characters need it)', 'incomplete-annotations');
    if (value.present && !value.characters)
      add(['characters'], 'is missing (present needs it)', 'incomplete-annotations');
    if (!value.characters || !value.present) return;
    if (value.present.length !== prompts) {
      add(['present'], `has ${value.present.length} lists for ${prompts} prompts`, 'present-length');
    }
    const known = Object.keys(value.characters);
    value.present.forEach((keys, index) => {
      keys.forEach((key, position) => {
        if (!known.includes(key)) {
          add(
            ['present', index, position],
            `names unknown character "${key}"; known: ${known.join(', ') || 'none'}`,
            'unknown-character',
          );
        }
      });
    });
    for (const [key, character] of Object.entries(value.characters)) {
      for (const change of Object.keys(character.changes ?? {})) {
        if (Number(change) > prompts) {
          add(
            ['characters', key, 'changes', change],
            `is past the last prompt (${prompts})`,
            'change-out-of-range',
          );
        }
      }
    }
  });

/** A structured script as written, before defaults. */
export type ScriptObject = z.infer<typeof scriptObjectSchema>;
