import { z } from 'zod';
import type { EntityExtractorV1 } from '../../agents/llm/entity-extractor.js';
import type { FrameVerifierV1 } from '../../agents/vlm/frame-verifier.js';
import { parseSettings } from '../parse-policy-settings.js';
import { iamflowDefaults } from './iamflow-defaults.js';

const isPort = (value: unknown, method: string): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>)[method] === 'function';

const settingsSchema = z.strictObject({
  /** `entity` (ID memory, greedy cover) or `prompt` (top 3 by prompt score). */
  selection: z.enum(['entity', 'prompt']).default('entity'),
  /** `dynamic` (frames the cover needs, 2..4) or `fixed` (4). */
  budget: z.enum(['dynamic', 'fixed']).default('dynamic'),
  /** How a chunk's best frame is chosen for the archive. */
  score: z.enum(['fused', 'semantic_only', 'visual_only', 'random']).default('fused'),
  /** Run verification inline instead of in the background queue (ablation). */
  syncVerify: z.boolean().default(false),
  /** Context change at a prompt switch: KV recache (default) or soft prompt transition. */
  transition: z.enum(['recache', 'soft']).default('recache'),
  /** Seed of the `random` score ablation. Default: the run's seed. */
  seed: z.number().int().optional(),
  /** Which IDs an archived frame covers: those its prompt named (reference), those verified, or by score. */
  coverage: z.enum(['prompt', 'verified', 'threshold']).default('prompt'),
  /** Entity score a frame needs to cover an entity in `threshold` coverage. */
  coverThreshold: z.number().default(iamflowDefaults.entityCoverThreshold),
  /** Chunks the verification queue holds. */
  queueCapacity: z.number().int().min(1).default(iamflowDefaults.verifyQueueCapacity),
  /** The entity extractor (default: the `rules` provider). */
  extractor: z.custom<EntityExtractorV1>((value) => isPort(value, 'extract')).optional(),
  /** The frame verifier (default: the `pixel` provider). */
  verifier: z.custom<FrameVerifierV1>((value) => isPort(value, 'verify')).optional(),
});

/** IAMFlow policy settings after defaults. */
export type IamflowSettings = z.infer<typeof settingsSchema>;

/** Validates the policy's settings (also accepts `sync-verify` spelled as the CLI flag). */
export function parseIamflowSettings(settings: Record<string, unknown> | undefined): IamflowSettings {
  const input = { ...(settings ?? {}) };
  if ('sync-verify' in input) {
    input.syncVerify = input['sync-verify'];
    delete input['sync-verify'];
  }
  return parseSettings('iamflow', settingsSchema, input);
}
