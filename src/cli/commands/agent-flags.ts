import { resolveExtractorFromEnv } from '../../agents/llm/resolve-extractor-from-env.js';
import { resolveVerifierFromEnv } from '../../agents/vlm/resolve-verifier-from-env.js';
import { InputError } from '../../errors/index.js';
import type { CommandContext } from '../command.js';

/** The flags that choose the IAMFlow agents' providers, shared by the commands that run the policy. */
export const agentOptions = {
  'llm-url': { type: 'string' },
  'llm-model': { type: 'string' },
  'vlm-url': { type: 'string' },
  'vlm-model': { type: 'string' },
  'sync-verify': { type: 'boolean', default: false },
} as const;

/** Help lines for `agentOptions`. */
export const agentHelp = `  --llm-url URL        OpenAI-compatible LLM for entity extraction (default: env IAMFLOW_LLM_URL; unset: rules)
  --llm-model NAME     model for --llm-url (default: env IAMFLOW_LLM_MODEL)
  --vlm-url URL        OpenAI-compatible vision model for verification (default: env IAMFLOW_VLM_URL; unset: pixel)
  --vlm-model NAME     model for --vlm-url (default: env IAMFLOW_VLM_MODEL)
  --sync-verify        verify each chunk inline instead of in the background queue (ablation)`;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The iamflow policy settings the agent flags and environment ask for, plus a JSON description for run.json.
 * Refuses agent flags with a policy that has no agents.
 */
export function resolveAgentSettings(
  context: Pick<CommandContext, 'values' | 'env'>,
  policy: string,
): { settings: Record<string, unknown> | undefined; description: Record<string, unknown> } {
  const { values, env } = context;
  const given = Object.keys(agentOptions).filter(
    (name) => values[name] !== undefined && values[name] !== false,
  );
  if (policy !== 'iamflow') {
    if (given.length > 0) {
      throw new InputError(
        given.map((name) => ({
          code: 'invalid-flag',
          path: [`--${name}`],
          message: `only applies to --policy iamflow, not '${policy}'`,
          hint: 'drop the flag or choose --policy iamflow',
        })),
      );
    }
    return { settings: undefined, description: {} };
  }
  const extractor = resolveExtractorFromEnv({
    IAMFLOW_LLM_URL: text(values['llm-url']) ?? env.IAMFLOW_LLM_URL,
    IAMFLOW_LLM_MODEL: text(values['llm-model']) ?? env.IAMFLOW_LLM_MODEL,
    IAMFLOW_LLM_API_KEY: env.IAMFLOW_LLM_API_KEY,
  });
  const verifier = resolveVerifierFromEnv({
    IAMFLOW_VLM_URL: text(values['vlm-url']) ?? env.IAMFLOW_VLM_URL,
    IAMFLOW_VLM_MODEL: text(values['vlm-model']) ?? env.IAMFLOW_VLM_MODEL,
    IAMFLOW_VLM_API_KEY: env.IAMFLOW_VLM_API_KEY,
  });
  const syncVerify = values['sync-verify'] === true;
  return {
    settings: { extractor, ...(verifier ? { verifier } : {}), syncVerify },
    description: {
      llm: { provider: extractor.provider, model: extractor.modelId },
      vlm: verifier ? { provider: verifier.provider, model: verifier.modelId } : { provider: 'pixel' },
      syncVerify,
    },
  };
}
