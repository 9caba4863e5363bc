import { describe, expect, it } from 'vitest';
import { strings, waitText } from './strings';

describe('queue wording', () => {
  it('rounds the estimated wait to something a person says', () => {
    expect(waitText(5)).toBe('less than a minute');
    expect(waitText(59)).toBe('less than a minute');
    expect(waitText(60)).toBe('about 1 min');
    expect(waitText(170)).toBe('about 3 min');
    expect(waitText(89 * 60)).toBe('about 89 min');
    expect(waitText(2 * 3600)).toBe('about 2 h');
  });

  it('says the place in line and the wait together', () => {
    expect(strings.queueStatus(2, 170)).toBe('You’re number 2 in line · about 3 min');
    expect(strings.queueStatus(1, 30)).toBe('You’re next in line · less than a minute');
  });

  it('words every field problem', () => {
    for (const field of ['name', 'email', 'message'] as const)
      for (const problem of ['required', 'invalid', 'tooLong'] as const)
        expect(strings.fieldError(field, problem)).toMatch(/\w/);
  });
});
