import { describe, expect, it } from 'vitest';
import {
  ApiCallError,
  EngineError,
  EvalFeatureError,
  formatError,
  IamflowError,
  InputError,
  InvalidResponseError,
  JudgeError,
  RegistryUpdateError,
  StoreError,
  VideoError,
} from './index.js';

const issue = { code: 'x', path: ['here'], message: 'went wrong' };

/** One instance of every error class, with the class that made it. */
const table = [
  ['ApiCallError', ApiCallError, new ApiCallError({ message: 'HTTP 500', url: 'http://x', status: 500 })],
  ['EngineError', EngineError, new EngineError({ message: 'released', issues: [issue] })],
  ['EvalFeatureError', EvalFeatureError, new EvalFeatureError({ message: 'no models' })],
  ['InputError', InputError, new InputError([issue])],
  ['InvalidResponseError', InvalidResponseError, new InvalidResponseError({ message: 'no JSON', text: '' })],
  ['JudgeError', JudgeError, new JudgeError({ message: 'no score' })],
  ['RegistryUpdateError', RegistryUpdateError, new RegistryUpdateError({ message: 'no entity 3' })],
  ['StoreError', StoreError, new StoreError({ message: 'too new' })],
  ['VideoError', VideoError, new VideoError({ message: 'no ffmpeg' })],
] as const;

describe('error classes', () => {
  it.each(table)('%s.isInstance accepts its own and rejects the others', (name, type, own) => {
    expect(own.name).toBe(name);
    expect(type.isInstance(own)).toBe(true);
    expect(IamflowError.isInstance(own)).toBe(true);
    expect(own).toBeInstanceOf(IamflowError);
    for (const [otherName, , other] of table) {
      if (otherName !== name) expect(type.isInstance(other), `${name}.isInstance(${otherName})`).toBe(false);
    }
    expect(type.isInstance(new IamflowError({ message: 'base' }))).toBe(false);
  });

  it.each([
    null,
    undefined,
    'EngineError',
    new Error('plain'),
    { name: 'EngineError', message: 'look-alike' },
  ])('rejects %s', (value) => {
    for (const [, type] of table) expect(type.isInstance(value)).toBe(false);
    expect(IamflowError.isInstance(value)).toBe(false);
  });

  it('recognises an error made by another copy of the package through the Symbol.for markers', () => {
    const foreign = Object.assign(new Error('from a second copy'), {
      [Symbol.for('iamflow.error')]: true,
      [Symbol.for('iamflow.error.EngineError')]: true,
    });
    expect(IamflowError.isInstance(foreign)).toBe(true);
    expect(EngineError.isInstance(foreign)).toBe(true);
    expect(VideoError.isInstance(foreign)).toBe(false);
  });

  it('keeps exit codes and printed messages', () => {
    expect(new InputError([issue]).exitCode).toBe(2);
    expect(new EngineError({ message: 'm' }).exitCode).toBe(1);
    expect(new VideoError({ message: 'm', exitCode: 3 }).exitCode).toBe(3);
    expect(formatError(new InputError([{ ...issue, hint: 'fix it' }]))).toBe(
      'error: here: went wrong\n  hint: fix it',
    );
    expect(formatError(new JudgeError({ message: 'no score' }))).toBe('error: no score');
  });
});
