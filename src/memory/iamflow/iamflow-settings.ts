import { z } from 'zod';
import type { EntityExtractorV1 } from '../../agents/llm/entity-extractor.js';
import type { FrameVerifierV1 } from '../../agents/vlm/frame-verifier.js';
import type { VerifierSpec } from '../../agents/vlm/verifier-spec.js';
import { parseSettings } from '../parse-policy-settings.js';
import { defaultArchiveCapacity } from './frame-archive.js';
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
  /**
   * How the bank changes inside a segment. `reference`: the cover is set at a segment start only; each newly
   * archived frame is appended up to 4 frames, then replaces the lowest entity-score frame when it scores higher.
   * `recover-every-chunk` (ours): the cover is re-run over the archive after every archived frame.
   */
  bankUpdate: z.enum(['reference', 'recover-every-chunk']).default('reference'),
  /**
   * Set cover tie-breaks and spare-budget fill. `reference`: ties by the stored entity score, then archive order;
   * fill by entity score. `foreign-aware` (ours): ties by fewer unnamed people, then summed per-entity score, then
   * the newer frame; fill by coverage first.
   */
  cover: z.enum(['reference', 'foreign-aware']).default('reference'),
  /**
   * Frame scoring. `reference`: slot weights from character ratios (head/tail by slot position), the weighted mean
   * text key dotted with the frame's mean key. `spans` (ours): weights from exact token spans and camera clauses,
   * each token's best key (max pooling).
   */
  scoring: z.enum(['reference', 'spans']).default('reference'),
  /**
   * Reference artefacts. `faithful`: weights over Wan's 512 padded text slots (mostly padding for our prompts);
   * after a soft transition the bank stays empty when the retrieved frames equal the last injected ones;
   * prompt-mode replacement compares the new frame's entity score with stored fused scores; a frame archived again
   * while in the full memory replaces the lowest other frame (the memory then holds it twice and the bank shrinks).
   * `fixed`: weights over the prompt's real tokens; the bank is always re-injected; fused compared with fused; a
   * frame already in the memory changes nothing.
   */
  artefacts: z.enum(['faithful', 'fixed']).default('fixed'),
  /** Correction rule: `replace` (reference: the verifier's list replaces all of the ID's attributes) or `same-slot`. */
  correction: z.enum(['replace', 'same-slot']).default('replace'),
  /** Milliseconds the policy waits for a verification before it archives without it (reference 30 s). */
  verifyTimeoutMs: z.number().positive().default(iamflowDefaults.verifyTimeoutMs),
  /**
   * How sampled frames reach the verifier: `squash` to 256 x 256 (reference) or `keep-aspect` (fit inside it).
   */
  verifyFit: z.enum(['squash', 'keep-aspect']).default('squash'),
  /**
   * Verify each chunk inline on the generation thread (ablation). Otherwise verification runs on a worker thread
   * (`createThreadVerifyQueue`) when the verifier is a spec (`verifierSpec`, or the default pixel verifier), on a
   * background queue of the generation thread when it is an object (`verifier`).
   */
  syncVerify: z.boolean().default(false),
  /**
   * Sparse memory activation: while the bank holds frames, the engine attends only to this many frames of sink +
   * bank per attention pass (the reference's count: `iamflowDefaults.memoryTopK`, 3), or `off`: dense attention over
   * the whole context. Default `off`: the reference selects per head of a multi-head model, the miniature engine's
   * one head makes one selection for every query, and k = 3 there drops the returning characters (docs/method.md 8b).
   */
  sparseMemory: z.union([z.number().int().min(1), z.literal('off')]).default('off'),
  /** Context change at a prompt switch: soft prompt transition (reference: adaptive cosine) or KV recache. */
  transition: z.enum(['recache', 'soft']).default('soft'),
  /** Seed of the `random` score ablation. Default: the run's seed. */
  seed: z.number().int().optional(),
  /** Which IDs an archived frame covers: those its prompt named (reference), those verified, or by score. */
  coverage: z.enum(['prompt', 'verified', 'threshold']).default('prompt'),
  /** Entity score a frame needs to cover an entity in `threshold` coverage. */
  coverThreshold: z.number().default(iamflowDefaults.entityCoverThreshold),
  /** Chunks the verification queue holds. */
  queueCapacity: z.number().int().min(1).default(iamflowDefaults.verifyQueueCapacity),
  /** Archived frames kept at most, evicted by score and coverage (ours; the reference keeps all): 128. */
  archiveCapacity: z.number().int().min(8).default(defaultArchiveCapacity),
  /** The entity extractor (default: the `rules` provider). */
  extractor: z.custom<EntityExtractorV1>((value) => isPort(value, 'extract')).optional(),
  /** The frame verifier as an object (runs on the generation thread); wins over `verifierSpec`. */
  verifier: z.custom<FrameVerifierV1>((value) => isPort(value, 'verify')).optional(),
  /** The frame verifier as plain data, built on the verification thread (default: the `pixel` provider). */
  verifierSpec: z
    .custom<VerifierSpec>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        ['pixel', 'openai'].includes((value as { provider?: unknown }).provider as string),
    )
    .optional(),
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
