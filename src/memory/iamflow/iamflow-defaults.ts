/** Reference parameters of IAMFlow (DESIGN.md: Memory, VLM), as the defaults of every option. */
export const iamflowDefaults = {
  /** Chunks between a chunk's end and its leaving the local window (9 local frames / 3 per chunk). */
  evictionLagChunks: 3,
  /** Token weight inside an entity mention or attribute span. */
  entityTokenWeight: 2.5,
  /** Token weight of the scene head (the setting phrase before the first entity). */
  sceneHeadWeight: 0.7,
  /** Token weight of the camera tail (a trailing camera phrase). */
  cameraTailWeight: 0.5,
  /** Token weight of every other token. */
  baseTokenWeight: 1,
  /** Weight of the min-max normalised text score in the fused score. */
  textWeight: 0.7,
  /** Weight of the VLM visual score in the fused score. */
  visualWeight: 0.3,
  /** Visual score used when the verifier gave none for a frame. */
  missingVisualScore: 0.5,
  /**
   * A frame covers an entity when the entity's score (mean scaled attention logit of its span tokens) reaches
   * this, unless the verifier reported who it saw. Engine-dependent; calibrated on the miniature engine.
   */
  entityCoverThreshold: 0.5,
  /** Least ID-memory budget when a segment has >= 2 entities and the archive >= 2 frames. */
  minMultiEntityBudget: 2,
  /** Most frames the policy injects into the bank. */
  maxBudget: 4,
  /** Budget of the fixed-budget ablation. */
  fixedBudget: 4,
  /** Frames injected in prompt-selection mode (top by prompt score). */
  promptTopFrames: 3,
  /** Video frames of a chunk the verifier looks at (one per latent frame). */
  verifyFrameIndices: [0, 4, 8] as readonly number[],
  /** Side in pixels of the square frames the verifier receives. */
  verifySize: 256,
  /** Chunks that may wait in the verification queue. */
  verifyQueueCapacity: 4,
} as const;

/** How a chunk's candidate frames are ranked for archiving (ablation). */
export type ScoreMode = 'fused' | 'semantic_only' | 'visual_only' | 'random';

/** How bank frames are chosen from the archive (ablation). */
export type SelectionMode = 'entity' | 'prompt';

/** How many frames the bank receives (ablation). */
export type BudgetMode = 'dynamic' | 'fixed';
