// `iamflow/agents`: the LLM agent (entity extraction + ID assignment) and the VLM agent (frame verification).
// Loads the NLP library (rules extractor) and canvas (pixel verifier).

export * from './llm/index.js';
export type {
  FrameVerifierV1,
  VerifyCorrection,
  VerifyEntity,
  VerifyInput,
  VerifyResult,
  VerifyWarning,
} from './vlm/frame-verifier.js';
export { createOpenAIVerifier, type OpenAIVerifierSettings } from './vlm/openai/create-openai-verifier.js';
export { createPixelVerifier, type PixelVerifierSettings } from './vlm/pixel/create-pixel-verifier.js';
export { resolveVerifierFromEnv, type VerifierEnvironment } from './vlm/resolve-verifier-from-env.js';
export { sampleFrames } from './vlm/sample-frames.js';
