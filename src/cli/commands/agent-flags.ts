import { InputError } from '../../errors/index.js';
import type { PolicyRegistration } from '../../memory/policy.js';
import { policyRegistrations } from '../../memory/policy-registry.js';
import type { AgentSettings } from '../../run/run-spec.js';
import type { CommandContext } from '../command.js';

/** The flags that choose the agents' providers, shared by the commands that run policies taking agents. */
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

const text = (value: unknown): string | undefined => {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed === '' ? undefined : trimmed;
};

/** Names of the policies that take agents, e.g. `iamflow`. */
const agentPolicies = () =>
  policyRegistrations.filter((registration) => registration.takesAgents).map((entry) => entry.name);

/**
 * The agent settings the flags and environment ask for (flags first, then `IAMFLOW_*`), or undefined when none of
 * the chosen policies takes agents; refuses agent flags in that case.
 *
 * @example
 * resolveAgentFlags({ values: { 'llm-url': 'http://localhost:8000/v1' }, env: {} }, [resolvePolicy('iamflow')])
 * // { llm: { url: 'http://localhost:8000/v1' }, syncVerify: false }
 */
export function resolveAgentFlags(
  context: Pick<CommandContext, 'values' | 'env'>,
  policies: readonly PolicyRegistration[],
  flag = '--policy',
): AgentSettings | undefined {
  const { values, env } = context;
  if (!policies.some((policy) => policy.takesAgents)) {
    const given = Object.keys(agentOptions).filter(
      (name) => values[name] !== undefined && values[name] !== false,
    );
    if (given.length > 0) {
      const chosen = policies.map((policy) => policy.name).join(', ');
      throw new InputError(
        given.map((name) => ({
          code: 'invalid-flag',
          path: [`--${name}`],
          message: `only applies to ${flag} ${agentPolicies().join(' or ')}, not '${chosen}'`,
          hint: `drop the flag or choose ${flag} ${agentPolicies().join(' or ')}`,
        })),
      );
    }
    return undefined;
  }
  const endpoint = (url: string | undefined, model: string | undefined, apiKey: string | undefined) =>
    url === undefined
      ? undefined
      : { url, ...(model === undefined ? {} : { model }), ...(apiKey === undefined ? {} : { apiKey }) };
  const llm = endpoint(
    text(values['llm-url']) ?? text(env.IAMFLOW_LLM_URL),
    text(values['llm-model']) ?? text(env.IAMFLOW_LLM_MODEL),
    text(env.IAMFLOW_LLM_API_KEY),
  );
  const vlm = endpoint(
    text(values['vlm-url']) ?? text(env.IAMFLOW_VLM_URL),
    text(values['vlm-model']) ?? text(env.IAMFLOW_VLM_MODEL),
    text(env.IAMFLOW_VLM_API_KEY),
  );
  return {
    ...(llm ? { llm } : {}),
    ...(vlm ? { vlm } : {}),
    syncVerify: values['sync-verify'] === true,
  };
}
