import { z } from 'zod';
import type { Issue } from '../errors/iamflow-error.js';
import { ENTITY_KINDS, type Registry, type RegistrySnapshot } from './registry.js';

const positiveInteger = z.number().int().positive();

const instanceSchema = z.object({
  promptIndex: positiveInteger,
  mention: z.string(),
  attrs: z.array(z.string()),
});

const entitySchema = z.object({
  id: positiveInteger,
  name: z.string().min(1),
  kind: z.enum(ENTITY_KINDS as [string, ...string[]]),
  properName: z.string().min(1).optional(),
  mentions: z.array(z.string()),
  attrs: z.array(z.string()),
  instances: z.array(instanceSchema),
  prompts: z.array(positiveInteger),
});

/** Schema of a serialised registry; IDs must be unique and below `nextId`. */
export const registrySchema = z
  .object({
    version: z.literal(1),
    nextId: positiveInteger,
    entities: z.array(entitySchema),
  })
  .superRefine((value, context) => {
    const seen = new Set<number>();
    value.entities.forEach((entity, index) => {
      if (seen.has(entity.id)) {
        context.addIssue({
          code: 'custom',
          path: ['entities', index, 'id'],
          message: `duplicate ID ${entity.id}`,
        });
      }
      seen.add(entity.id);
      if (entity.id >= value.nextId) {
        context.addIssue({
          code: 'custom',
          path: ['entities', index, 'id'],
          message: `ID ${entity.id} >= nextId`,
        });
      }
    });
  });

/** Result of reading a registry: the data, or issues saying what is wrong. */
export type RegistryParseResult = { success: true; data: Registry } | { success: false; issues: Issue[] };

/** Plain JSON value of a registry (a deep copy). */
export function registryToJSON(registry: RegistrySnapshot): Registry {
  return structuredClone(registry) as Registry;
}

/**
 * Validates an unknown value (e.g. `JSON.parse` of run.json's registry) as a registry.
 *
 * @example
 * const parsed = registryFromJSON(JSON.parse(text));
 * if (!parsed.success) console.error(parsed.issues);
 */
export function registryFromJSON(value: unknown): RegistryParseResult {
  const parsed = registrySchema.safeParse(value);
  if (parsed.success) return { success: true, data: parsed.data as Registry };
  return {
    success: false,
    issues: parsed.error.issues.map((issue) => ({
      code: 'invalid-registry',
      path: [
        'registry',
        ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
      ],
      message: issue.message,
    })),
  };
}
