import { describe, expect, it } from 'vitest';
import { createWorkProfile } from './work-profile.js';

function fakeClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('work profile', () => {
  it('measures nothing while off', () => {
    const clock = fakeClock();
    const profile = createWorkProfile(clock.now);
    const span = profile.start('decode');
    clock.advance(5);
    profile.stop(span);
    expect(span).toBe(-1);
    expect(profile.snapshot().parts).toEqual({});
  });

  it('splits nested spans into self and total times that add up to the measured time', () => {
    const clock = fakeClock();
    const profile = createWorkProfile(clock.now);
    profile.reset(true);
    const outer = profile.start('denoising');
    clock.advance(2);
    const inner = profile.start('attention.local');
    clock.advance(3);
    profile.stop(inner);
    clock.advance(1);
    const again = profile.start('attention.local');
    clock.advance(4);
    profile.stop(again);
    profile.stop(outer);
    const { parts } = profile.snapshot();
    expect(parts.denoising).toEqual({ selfMs: 3, totalMs: 10, calls: 1 });
    expect(parts['attention.local']).toEqual({ selfMs: 7, totalMs: 7, calls: 2 });
  });

  it('counts a part nested in itself once in its total, and closes spans left open above a stopped one', () => {
    const clock = fakeClock();
    const profile = createWorkProfile(clock.now);
    profile.reset(true);
    const outer = profile.start('policy');
    clock.advance(1);
    profile.start('policy');
    clock.advance(2);
    profile.start('verify');
    clock.advance(4);
    profile.stop(outer);
    const { parts } = profile.snapshot();
    expect(parts.policy).toEqual({ selfMs: 3, totalMs: 7, calls: 2 });
    expect(parts.verify).toEqual({ selfMs: 4, totalMs: 4, calls: 1 });
    profile.reset(false);
    expect(profile.snapshot().parts).toEqual({});
  });
});
