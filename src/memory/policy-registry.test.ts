import { describe, expect, it } from 'vitest';
import { IamflowError } from '../errors/index.js';
import { createFakeEngine } from '../pipeline/__fixtures__/fake-engine.js';
import { buildTimeline } from '../script/timeline.js';
import { createPolicyEngine, type PolicyRegistration } from './policy.js';
import {
  createPolicy,
  defaultPolicyName,
  policyNames,
  policyRegistrations,
  resolvePolicy,
} from './policy-registry.js';

const context = () => ({
  engine: createPolicyEngine(createFakeEngine()),
  timeline: buildTimeline({ prompts: ['a'], seconds: [3], fps: 16 }),
  events: () => {},
  seed: 1,
});

describe('policy registry', () => {
  it('creates the baselines with their transitions, each versioned v1', () => {
    const policies = ['self-forcing', 'longlive', 'memflow'].map((name) => createPolicy(name, context()));
    expect(policies.map((policy) => policy.transition)).toEqual(['swap', 'recache', 'recache']);
    // dense attention: MemFlow's released configs set SMA: False
    expect(policies.map((policy) => policy.memoryTopK)).toEqual([undefined, undefined, undefined]);
    expect(policies.map((policy) => policy.specificationVersion)).toEqual(['v1', 'v1', 'v1']);
    expect(policyNames()).toContain(defaultPolicyName);
  });

  it('lists every policy once, and only iamflow takes the agents', () => {
    expect(policyNames()).toEqual(['self-forcing', 'longlive', 'memflow', 'iamflow']);
    expect(policyRegistrations.filter((entry) => entry.takesAgents).map((entry) => entry.name)).toEqual([
      'iamflow',
    ]);
  });

  it('rejects an unknown name with an InputError listing the known names', () => {
    try {
      createPolicy('nope', context());
      expect.unreachable();
    } catch (error) {
      expect(IamflowError.isInstance(error) && error.exitCode).toBe(2);
      const issue = (error as IamflowError).issues[0]!;
      expect(issue.code).toBe('unknown-policy');
      expect(issue.hint).toContain('self-forcing, longlive, memflow');
    }
  });

  it('rejects settings a baseline does not take', () => {
    expect(() => createPolicy('longlive', context(), { window: 3 })).toThrow(/Unrecognized key/);
  });

  it('resolves a policy from another list without touching the shared one', () => {
    const extra: PolicyRegistration = {
      name: 'test-only',
      summary: 'test',
      takesAgents: false,
      create: () => ({ specificationVersion: 'v1', name: 'test-only', transition: 'soft' }),
    };
    const list = [...policyRegistrations, extra];
    expect(resolvePolicy('test-only', list).create(context()).transition).toBe('soft');
    expect(policyNames(list)).toContain('test-only');
    expect(policyNames()).not.toContain('test-only');
  });
});
