import { z } from 'zod';
import { agentSettingsSchema } from '../run/run-spec.js';
import { promptSchema } from '../script/script-schema.js';
import { HttpError } from './http-error.js';

/** Largest script text accepted in a request, in bytes. */
export const maxScriptBytes = 1024 * 1024;

const even = (min: number, max: number) =>
  z
    .number()
    .int()
    .min(min)
    .max(max)
    .refine((n) => n % 2 === 0, 'must be even (H.264 needs it)');

const pick = { line: z.number().int().positive().optional(), id: z.string().min(1).max(200).optional() };

/** The body of `POST /api/runs`: a script (uploaded text, a path inside --data, or segments) and run settings. */
export const runRequestSchema = z
  .strictObject({
    /** Uploaded script text; `name`'s extension tells the layout (`.jsonl`, `.yaml`, `.json`, `.txt`). */
    script: z
      .strictObject({
        text: z.string().min(1).max(maxScriptBytes),
        name: z.string().min(1).max(200).default('script.jsonl'),
        ...pick,
      })
      .optional(),
    /** A script file inside the --data folder, relative to it. */
    path: z.string().min(1).max(1024).optional(),
    ...pick,
    /** Or plain segments. */
    segments: z
      .array(z.strictObject({ prompt: promptSchema, seconds: z.number().positive().max(600).default(10) }))
      .min(1)
      .max(100)
      .optional(),
    policy: z.string().min(1).max(100).default('iamflow'),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Frame size; at most 960x540 on the server. */
    size: z
      .strictObject({ width: even(64, 960), height: even(64, 540) })
      .default({ width: 480, height: 270 }),
    steps: z.number().int().min(1).max(16).default(4),
    transition: z.enum(['swap', 'recache', 'soft']).optional(),
    curve: z.enum(['cosine', 'linear', 'sigmoid', 'step']).optional(),
    agents: agentSettingsSchema.optional(),
    /** Score the video after the run (proxy metrics). Default true. */
    evaluate: z.boolean().default(true),
  })
  .superRefine((request, context) => {
    const given = [request.script, request.path, request.segments].filter((x) => x !== undefined).length;
    if (given !== 1) {
      context.addIssue({
        code: 'custom',
        path: ['script'],
        message: 'give exactly one of script, path or segments',
      });
    }
  });

/** A validated run request. */
export type RunRequest = z.output<typeof runRequestSchema>;

/**
 * Parses a request body with a zod schema; problems become one 400 with an issue each.
 *
 * @example
 * const request = parseBody(runRequestSchema, await c.req.json());
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    code: 'invalid-body',
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    message: issue.message,
  }));
  const first = issues[0]!;
  throw new HttpError(
    400,
    'invalid-body',
    `${first.path.join('.') || 'body'}: ${first.message}`,
    'see docs/server.md for the request fields',
    issues,
  );
}

/** The body of `POST /api/runs/:id/prompts`. */
export const promptChangeSchema = z.union([
  z.strictObject({
    /** Starts this prompt at the next chunk boundary. */
    insert: z.strictObject({ text: promptSchema, chunks: z.number().int().min(1).max(400).optional() }),
  }),
  z.strictObject({
    /** Replaces an upcoming prompt's text. */
    edit: z.strictObject({ segment: z.number().int().min(0), text: promptSchema }),
  }),
]);

/** A validated prompt change. */
export type PromptChange = z.output<typeof promptChangeSchema>;
