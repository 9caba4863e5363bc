import { PASSWORD_RULES } from '@parley/protocol';
import zxcvbnCore from '@zxcvbn-ts/core';
import zxcvbnCommon from '@zxcvbn-ts/language-common';
import zxcvbnEn from '@zxcvbn-ts/language-en';
import { AppError } from '../../errors.js';

type Checker = InstanceType<typeof zxcvbnCore.ZxcvbnFactory>;
let checker: Checker | null = null;

/** Built at the first check: the dictionaries take a moment to index. */
function strength(): Checker {
  checker ??= new zxcvbnCore.ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  });
  return checker;
}

function weak(reason: string): AppError {
  return new AppError('PASSWORD_WEAK', reason, { newPassword: reason });
}

/**
 * Refuses a new password that is too short or too easy to guess (zxcvbn, which knows common
 * passwords, names, keyboard walks, dates and repeats), saying why. The agent's own email and
 * name, and the product's name, count as easy guesses.
 */
export function checkNewPassword(password: string, about: { email: string; name?: string }): void {
  if (password.length < PASSWORD_RULES.minLength)
    throw weak(`Use at least ${PASSWORD_RULES.minLength} characters.`);
  if (password.length > PASSWORD_RULES.maxLength) throw weak('This password is too long.');
  // zxcvbn's time grows with length; beyond 100 characters a password is long enough.
  if (password.length > 100) return;
  const inputs = ['parley', about.email, about.email.split('@')[0] ?? '', about.name ?? ''];
  const result = strength().check(
    password,
    inputs.filter((s) => s.length > 0),
  );
  if (result.score >= PASSWORD_RULES.minScore) return;
  const why = result.feedback.warning ?? 'This password is too easy to guess.';
  const hint = result.feedback.suggestions[0] ?? 'Add a few uncommon words.';
  throw weak(`${why} ${hint}`.trim());
}
