import type { EntityExtractorV1 } from '../agents/llm/entity-extractor.js';
import { resolveExtractorFromEnv } from '../agents/llm/resolve-extractor-from-env.js';
import { createVerifierFromSpec, type VerifierSpec } from '../agents/vlm/verifier-spec.js';
import type { AgentSettings } from './run-spec.js';

/** The agents a policy that takes them receives, and how run.json describes them. */
export interface ResolvedAgents {
  /**
   * Policy settings: `extractor`, `verifierSpec` (absent: the policy's pixel verifier; data, so the policy can run
   * it on its own thread), `syncVerify`.
   */
  settings: { extractor: EntityExtractorV1; verifierSpec?: VerifierSpec; syncVerify: boolean };
  /** JSON for run.json's `policy.settings`: providers and models, never keys. */
  description: Record<string, unknown>;
}

/**
 * Creates the LLM/VLM agents of a run from plain settings: the rules extractor and pixel verifier unless an
 * OpenAI-compatible endpoint is given (each falls back to its embedded provider).
 *
 * @example
 * resolveAgents({ llm: { url: 'http://localhost:8000/v1', model: 'qwen' } }).description.llm
 * // { provider: 'openai+rules', model: 'qwen' }
 */
export function resolveAgents(agents: AgentSettings = {}): ResolvedAgents {
  const extractor = resolveExtractorFromEnv(
    {
      IAMFLOW_LLM_URL: agents.llm?.url,
      IAMFLOW_LLM_MODEL: agents.llm?.model,
      IAMFLOW_LLM_API_KEY: agents.llm?.apiKey,
    },
    httpOverrides(agents.llm),
  );
  // The same choice as resolveVerifierFromEnv (an endpoint falls back to pixel), as data for the verification thread.
  const baseURL = agents.vlm?.url?.trim();
  const apiKey = agents.vlm?.apiKey?.trim();
  const verifierSpec: VerifierSpec | undefined = baseURL
    ? {
        provider: 'openai',
        baseURL,
        model: agents.vlm?.model?.trim() || 'default',
        ...(apiKey ? { apiKey } : {}),
        ...httpOverrides(agents.vlm),
      }
    : undefined;
  const verifier = verifierSpec && createVerifierFromSpec(verifierSpec);
  const syncVerify = agents.syncVerify ?? false;
  return {
    settings: { extractor, ...(verifierSpec ? { verifierSpec } : {}), syncVerify },
    description: {
      llm: { provider: extractor.provider, model: extractor.modelId },
      vlm: verifier ? { provider: verifier.provider, model: verifier.modelId } : { provider: 'pixel' },
      syncVerify,
    },
  };
}

function httpOverrides(endpoint: AgentSettings['llm']): { timeoutMs?: number; maxRetries?: number } {
  return {
    ...(endpoint?.timeoutMs === undefined ? {} : { timeoutMs: endpoint.timeoutMs }),
    ...(endpoint?.maxRetries === undefined ? {} : { maxRetries: endpoint.maxRetries }),
  };
}
