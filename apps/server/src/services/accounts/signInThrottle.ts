import { AppError } from '../../errors.js';
import type { AttemptRule, Failures } from '../../ports/attempts.js';
import type { Deps } from '../deps.js';

/** Failed sign-ins to one account: an attacker guessing one agent's password. */
export const ACCOUNT_FAILURES: AttemptRule = { name: 'signin-account', windowMs: 15 * 60_000 };
/** Failed sign-ins from one address: an attacker trying many accounts. */
export const ADDRESS_FAILURES: AttemptRule = { name: 'signin-address', windowMs: 15 * 60_000 };

/**
 * How each kind of failure is slowed: `free` failures back to back, then a pause before the
 * next attempt, then a lock once `lockAfter` failures are in the window (until the oldest of
 * them is 15 minutes old). An account's pause doubles (1 s, 2 s, 4 s ... 30 s); an address,
 * which may be a whole office behind one NAT, gets more free tries and a flat 2 s pause.
 */
interface Slowdown {
  readonly free: number;
  readonly lockAfter: number;
  pauseMs(count: number): number;
}
export const ACCOUNT_SLOWDOWN: Slowdown = {
  free: 3,
  lockAfter: 10,
  pauseMs: (count) => Math.min(30_000, 1000 * 2 ** (count - 3)),
};
export const ADDRESS_SLOWDOWN: Slowdown = { free: 20, lockAfter: 50, pauseMs: () => 2000 };

/** How long `f` must wait before it may try again. */
function waitMs(f: Failures, slow: Slowdown, rule: AttemptRule): number {
  if (f.count >= slow.lockAfter) return Math.max(0, f.oldestAt + rule.windowMs - f.now);
  if (f.count < slow.free) return 0;
  return Math.max(0, f.latestAt + slow.pauseMs(f.count) - f.now);
}

function tooMany(ms: number): AppError {
  const seconds = Math.ceil(ms / 1000);
  const when =
    seconds < 60
      ? `${seconds} second${seconds === 1 ? '' : 's'}`
      : `${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) === 1 ? '' : 's'}`;
  return new AppError('TOO_MANY_ATTEMPTS', `Too many attempts, try again in ${when}.`, {
    retryAfterSeconds: String(seconds),
  });
}

/**
 * Refuses a sign-in with TOO_MANY_ATTEMPTS while the account or the address must wait. Keyed on
 * what the server knows: the address the request came from (the balancer's, with TRUST_PROXY)
 * and the account named, whether or not it exists, so the answer does not tell which emails
 * are agents'.
 */
export async function checkSignInAllowed(deps: Deps, email: string, ip: string): Promise<void> {
  const [account, address] = await Promise.all([
    deps.attempts.failures(ACCOUNT_FAILURES, email),
    deps.attempts.failures(ADDRESS_FAILURES, ip),
  ]);
  const wait = Math.max(
    waitMs(account, ACCOUNT_SLOWDOWN, ACCOUNT_FAILURES),
    waitMs(address, ADDRESS_SLOWDOWN, ADDRESS_FAILURES),
  );
  if (wait > 0) throw tooMany(wait);
}

export async function signInFailed(deps: Deps, email: string, ip: string): Promise<void> {
  await Promise.all([
    deps.attempts.fail(ACCOUNT_FAILURES, email),
    deps.attempts.fail(ADDRESS_FAILURES, ip),
  ]);
}

/** A correct password clears the account's failures (not the address's: it may guess others). */
export async function signInSucceeded(deps: Deps, email: string): Promise<void> {
  await deps.attempts.clear(ACCOUNT_FAILURES, email);
}
