/**
 * Reference parameters of IAMFlow (github Eddie0521/IAMFlow), as the defaults of every option. The comment of each
 * names where the reference sets it; `iamflow-defaults.test.ts` pins every value.
 */
export const iamflowDefaults = {
  /** Chunks between a chunk's end and its leaving the local window (agent_causal_inference.py:469, 1002). */
  evictionLagChunks: 3,
  /** Token weight inside an entity mention or attribute span (memory_bank.py:763). */
  entityTokenWeight: 2.5,
  /** Token weight of the scene head (memory_bank.py:777). */
  sceneHeadWeight: 0.7,
  /** Token weight of the camera tail (memory_bank.py:782). */
  cameraTailWeight: 0.5,
  /** Token weight of every other token (memory_bank.py:762). */
  baseTokenWeight: 1,
  /** Text slots the reference weights: Wan's T5 pads every prompt to 512 tokens (crossattn cache length). */
  referenceTextSlots: 512,
  /** Margin, as a fraction of the slots, widened on both sides of a keyword span (memory_bank.py:766-767). */
  spanMargin: 0.02,
  /** Scene head: slots before this fraction (memory_bank.py:772). */
  sceneHeadFraction: 0.08,
  /** Camera tail: slots from this fraction on (memory_bank.py:773). */
  cameraTailFraction: 0.92,
  /** Fallback span when no keyword is found, as fractions [start, end) of the slots (memory_bank.py:757-758). */
  fallbackSpan: [0.1, 0.85] as readonly [number, number],
  /** Weight of the fallback span (memory_bank.py:759). */
  fallbackTokenWeight: 1.5,
  /** Prompt-mode weight of the body, slots [0.08, 0.92) (memory_bank.py:796-800). */
  promptBodyWeight: 1.2,
  /** Prompt-mode weights stay all ones up to this many slots (memory_bank.py:793). */
  promptMinSlots: 4,
  /** Weight of the min-max normalised text score in the fused score (memory_bank.py:506, 1 - 0.3). */
  textWeight: 0.7,
  /** Weight of the VLM visual score in the fused score (configs/iamflow.yaml vlm_score_weight). */
  visualWeight: 0.3,
  /** Visual score used when the verifier gave none for a frame (memory_bank.py:477). */
  missingVisualScore: 0.5,
  /**
   * A frame covers an entity when the entity's score reaches this (`threshold` coverage ablation only).
   * Engine-dependent; calibrated on the miniature engine.
   */
  entityCoverThreshold: 0.5,
  /** Least ID-memory budget when a segment has >= 2 entities and the archive >= 2 frames (iamflow.yaml). */
  minMultiEntityBudget: 2,
  /** Most frames of the ID memory, at retrieval and in the append/replace update (memory_bank.py:47). */
  maxBudget: 4,
  /** Budget of the fixed-budget ablation (memory_bank.py:67-69: max_id_memory_frames). */
  fixedBudget: 4,
  /** Frames of the prompt-mode memory (iamflow.yaml max_memory_frames). */
  promptTopFrames: 3,
  /** Video frames of a chunk the verifier looks at (vlm_agent.py:14). */
  verifyFrameIndices: [0, 4, 8] as readonly number[],
  /** Side in pixels of the square frames the verifier receives (vlm_agent.py:15). */
  verifySize: 256,
  /** Milliseconds the policy waits for a verification before it gives up on it (vlm_agent.py:216). */
  verifyTimeoutMs: 30_000,
  /** Segment chunk (0-based) after which the first chunk's corrections are read (agent_causal_inference.py:515). */
  correctionChunk: 1,
  /** Chunks that may wait in the verification queue. */
  verifyQueueCapacity: 4,
  /** Seed of the `random` score ablation. */
  seed: 0,
} as const;

/** How a chunk's candidate frames are ranked for archiving (ablation). */
export type ScoreMode = 'fused' | 'semantic_only' | 'visual_only' | 'random';

/** How bank frames are chosen from the archive (ablation). */
export type SelectionMode = 'entity' | 'prompt';

/** How many frames the bank receives (ablation). */
export type BudgetMode = 'dynamic' | 'fixed';
