import { describe, expect, it } from 'vitest';
import { IamflowError } from '../../errors/index.js';
import { createFakeEngine } from '../../pipeline/__fixtures__/fake-engine.js';
import { buildTimeline } from '../../script/timeline.js';
import { createPolicy, defaultPolicyName, policyNames, registerPolicy } from './index.js';

const context = () => ({
  engine: createFakeEngine(),
  timeline: buildTimeline({ prompts: ['a'], seconds: [3], fps: 16 }),
  events: () => {},
});

describe('policy registry', () => {
  it('creates the baselines with their transitions', () => {
    expect(
      ['self-forcing', 'longlive', 'memflow'].map((name) => createPolicy(name, context()).transition),
    ).toEqual(['swap', 'recache', 'recache']);
    expect(policyNames()).toContain(defaultPolicyName);
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

  it('adds a policy through registerPolicy', () => {
    registerPolicy('test-only', () => ({ name: 'test-only', transition: 'soft' }));
    expect(createPolicy('test-only', context()).transition).toBe('soft');
    expect(policyNames()).toContain('test-only');
  });
});
