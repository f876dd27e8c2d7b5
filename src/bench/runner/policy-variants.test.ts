import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import { parseIamflowSettings } from '../../memory/iamflow/iamflow-settings.js';
import { policyNames } from '../../memory/policy-registry.js';
import {
  benchPolicyNames,
  policyVariantLabel,
  policyVariants,
  resolveBenchPolicies,
} from './policy-variants.js';

describe('policyVariants', () => {
  it('names unique variants of registered policies, none called as a policy', () => {
    const labels = policyVariants.map(policyVariantLabel);
    expect(new Set(labels).size).toBe(labels.length);
    for (const variant of policyVariants) {
      expect(policyNames()).toContain(variant.policy);
      expect(variant.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it.each(
    policyVariants
      .filter((variant) => variant.policy === 'iamflow')
      .map((variant) => [variant.name, variant]),
  )('iamflow/%s is valid iamflow settings and changes the default configuration', (_name, variant) => {
    const defaults = parseIamflowSettings({});
    const changed = parseIamflowSettings({ ...variant.settings });
    expect(changed).not.toEqual(defaults);
    for (const [key, value] of Object.entries(variant.settings)) expect(changed).toHaveProperty(key, value);
  });
});

describe('resolveBenchPolicies', () => {
  it('resolves names, labels and POLICY/* in the order given, each once', () => {
    const resolved = resolveBenchPolicies(['memflow', 'iamflow/recache', 'iamflow/*', 'memflow']);
    expect(resolved.slice(0, 4)).toEqual([
      { label: 'memflow', policy: 'memflow' },
      { label: 'iamflow/recache', policy: 'iamflow', settings: { transition: 'recache' } },
      { label: 'iamflow', policy: 'iamflow' },
      {
        label: 'iamflow/bank-recover',
        policy: 'iamflow',
        settings: { bankUpdate: 'recover-every-chunk' },
      },
    ]);
    const iamflows = policyVariants.filter((variant) => variant.policy === 'iamflow');
    expect(resolved).toHaveLength(2 + iamflows.length);
  });

  it('rejects unknown names with every known one', () => {
    let error: unknown;
    try {
      resolveBenchPolicies(['iamflow', 'iamflow/nope', 'fancy']);
    } catch (caught) {
      error = caught;
    }
    expect(InputError.isInstance(error)).toBe(true);
    const [issue] = (error as InputError).issues;
    expect(issue).toMatchObject({
      code: 'unknown-policy',
      path: ['--policies'],
      message: "unknown policy or variant 'iamflow/nope', 'fancy'",
    });
    for (const name of benchPolicyNames()) expect(issue?.hint).toContain(name);
    expect(() => resolveBenchPolicies([])).toThrow('no policy given');
  });
});
