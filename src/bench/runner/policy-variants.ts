import { InputError } from '../../errors/index.js';
import { iamflowDefaults } from '../../memory/iamflow/iamflow-defaults.js';
import { policyNames } from '../../memory/policy-registry.js';

/** A named configuration of a registered policy: the policy with some of its settings changed (an ablation). */
export interface PolicyVariant {
  /** The registered policy it changes, e.g. `iamflow`. */
  policy: string;
  /** Short name within the policy, after what it changes, e.g. `recache`; its label is `iamflow/recache`. */
  name: string;
  /**
   * The policy settings it overrides (plain data: they travel in queue jobs and into each run's job identity).
   * Changing what a variant sets means giving it a new name: stored results are keyed by the label.
   */
  settings: Readonly<Record<string, unknown>>;
  /** One line: what it changes, and whose behaviour that is. */
  summary: string;
}

const iamflow = (name: string, settings: Record<string, unknown>, summary: string): PolicyVariant => ({
  policy: 'iamflow',
  name,
  settings,
  summary,
});

/**
 * The variants `iamflow bench` and `iamflow bench speed` know, one line each: every named alternative of the iamflow
 * settings (src/memory/iamflow/iamflow-settings.ts) switched one at a time. The policy as registered stays the
 * plain name (`iamflow`); another variant is one more entry here.
 */
// biome-ignore format: one line per variant
export const policyVariants: readonly PolicyVariant[] = [
  iamflow('bank-recover', { bankUpdate: 'recover-every-chunk' }, 'ours: the cover is re-run after every archived frame'),
  iamflow('cover-foreign', { cover: 'foreign-aware' }, 'ours: set-cover ties by fewer unnamed people, fill by coverage'),
  iamflow('scoring-spans', { scoring: 'spans' }, 'ours: frame scores from exact token spans, max-pooled keys'),
  iamflow('artefacts-faithful', { artefacts: 'faithful' }, "the reference's artefacts (512 padded text slots, ...)"),
  iamflow('recache', { transition: 'recache' }, 'KV recache at a prompt switch instead of the soft transition'),
  iamflow('sparse', { sparseMemory: iamflowDefaults.memoryTopK }, "the reference's sparse memory activation (top 3 frames)"),
  iamflow('sync-verify', { syncVerify: true }, 'verification inline on the generation thread'),
  iamflow('selection-prompt', { selection: 'prompt' }, 'bank = top 3 frames by prompt score, not the entity set cover'),
  iamflow('budget-fixed', { budget: 'fixed' }, 'always 4 bank frames instead of what the cover needs'),
  iamflow('score-semantic', { score: 'semantic_only' }, "a chunk's archived frame by semantic score only"),
  iamflow('score-visual', { score: 'visual_only' }, "a chunk's archived frame by visual score only"),
  iamflow('score-random', { score: 'random' }, "a chunk's archived frame at random (seeded by the run)"),
  iamflow('correction-same-slot', { correction: 'same-slot' }, "ours: a correction replaces the same slot's attribute, not the whole list"),
  iamflow('verify-keep-aspect', { verifyFit: 'keep-aspect' }, 'frames reach the verifier fitted, not squashed to 256 x 256'),
  iamflow('coverage-verified', { coverage: 'verified' }, 'an archived frame covers the IDs verified in it'),
  iamflow('coverage-threshold', { coverage: 'threshold' }, 'an archived frame covers the IDs it scores above a threshold for'),
];

/** A variant's label in stores, tables and `--policies`: `iamflow/recache`. */
export function policyVariantLabel(variant: Pick<PolicyVariant, 'policy' | 'name'>): string {
  return `${variant.policy}/${variant.name}`;
}

/** One column of a bench: a registered policy as it is, or one of its variants. */
export interface BenchPolicy {
  /** What the store, reports and run folders call it: `iamflow` or `iamflow/recache`. */
  label: string;
  /** The registered policy that runs. */
  policy: string;
  /** The variant's settings overrides; absent for the policy as registered. */
  settings?: Readonly<Record<string, unknown>>;
}

/** Every name `--policies` takes: the registered policies, each followed by its variants' labels. */
export function benchPolicyNames(variants: readonly PolicyVariant[] = policyVariants): string[] {
  return policyNames().flatMap((policy) => [
    policy,
    ...variants.filter((variant) => variant.policy === policy).map(policyVariantLabel),
  ]);
}

/**
 * Resolves a `--policies` list: registered names (`iamflow`), variant labels (`iamflow/recache`) and `POLICY/*` (the
 * policy and all its variants), in the order given, each once. Unknown names throw one InputError
 * (`unknown-policy`) listing every known name.
 *
 * @example
 * resolveBenchPolicies(['iamflow', 'iamflow/recache']).map((item) => item.settings) // [undefined, { transition: 'recache' }]
 */
export function resolveBenchPolicies(
  names: readonly string[],
  variants: readonly PolicyVariant[] = policyVariants,
): BenchPolicy[] {
  const registered = policyNames();
  const resolved = new Map<string, BenchPolicy>();
  const unknown: string[] = [];
  const variantOf = (variant: PolicyVariant): BenchPolicy => ({
    label: policyVariantLabel(variant),
    policy: variant.policy,
    settings: variant.settings,
  });
  for (const name of names) {
    const all = name.endsWith('/*') ? name.slice(0, -2) : undefined;
    const found: BenchPolicy[] = [];
    if (registered.includes(all ?? name)) {
      found.push({ label: all ?? name, policy: all ?? name });
      if (all) found.push(...variants.filter((variant) => variant.policy === all).map(variantOf));
    } else {
      const variant = variants.find((item) => policyVariantLabel(item) === name);
      if (variant && registered.includes(variant.policy)) found.push(variantOf(variant));
    }
    if (found.length === 0) unknown.push(name);
    for (const item of found) if (!resolved.has(item.label)) resolved.set(item.label, item);
  }
  if (unknown.length > 0 || resolved.size === 0) {
    throw new InputError([
      {
        code: 'unknown-policy',
        path: ['--policies'],
        message:
          unknown.length > 0 ? `unknown policy or variant '${unknown.join("', '")}'` : 'no policy given',
        hint: `use a comma-separated list of: ${benchPolicyNames(variants).join(', ')} (or POLICY/* for a policy and all its variants)`,
      },
    ]);
  }
  return [...resolved.values()];
}
