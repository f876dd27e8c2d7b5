import { reference } from '../../reference/index.js';

const { memory } = reference;

/** Reference parameters of IAMFlow (DESIGN.md: Memory, VLM), as the defaults of every option. */
export const iamflowDefaults = {
  /** Chunks between a chunk's end and its leaving the local window (9 local frames / 3 per chunk). */
  evictionLagChunks: memory.evictionLagChunks,
  /** Token weight inside an entity mention or attribute span. */
  entityTokenWeight: memory.entityTokenWeight,
  /** Token weight of the scene head (the setting phrase before the first entity). */
  sceneHeadWeight: memory.sceneHeadWeight,
  /** Token weight of the camera tail (a trailing camera phrase). */
  cameraTailWeight: memory.cameraTailWeight,
  /** Token weight of every other token. */
  baseTokenWeight: memory.baseTokenWeight,
  /** Weight of the min-max normalised text score in the fused score. */
  textWeight: memory.textWeight,
  /** Weight of the VLM visual score in the fused score. */
  visualWeight: memory.visualWeight,
  /** Visual score used when the verifier gave none for a frame. */
  missingVisualScore: memory.missingVisualScore,
  /**
   * A frame covers an entity when the entity's score (mean scaled attention logit of its span tokens) reaches
   * this, unless the verifier reported who it saw. Engine-dependent; calibrated on the miniature engine.
   */
  entityCoverThreshold: 0.5,
  /** Least ID-memory budget when a segment has >= 2 entities and the archive >= 2 frames. */
  minMultiEntityBudget: memory.minMultiEntityBudget,
  /** Most frames the policy injects into the bank. */
  maxBudget: reference.context.bankBudget,
  /** Budget of the fixed-budget ablation. */
  fixedBudget: reference.context.bankBudget,
  /** Frames injected in prompt-selection mode (top by prompt score). */
  promptTopFrames: memory.promptTopFrames,
  /** Video frames of a chunk the verifier looks at (one per latent frame). */
  verifyFrameIndices: reference.vlm.frameIndices,
  /** Side in pixels of the square frames the verifier receives. */
  verifySize: reference.vlm.frameSize,
  /** Chunks that may wait in the verification queue. */
  verifyQueueCapacity: 4,
} as const;

/** How a chunk's candidate frames are ranked for archiving (ablation). */
export type ScoreMode = 'fused' | 'semantic_only' | 'visual_only' | 'random';

/** How many frames the bank receives (ablation). */
export type BudgetMode = 'dynamic' | 'fixed';
