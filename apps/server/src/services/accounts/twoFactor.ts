import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { AppError } from '../../errors.js';
import { hashToken } from '../../ids.js';
import { passwordHashOf } from '../../storage/agents.js';
import type { AgentRow } from '../../storage/schema.js';
import {
  acceptTotpStep,
  pendingTotpOf,
  setPendingTotp,
  spendRecoveryCode,
  totpStateOf,
  turnOffTwoFactor,
  turnOnTwoFactor,
} from '../../storage/twoFactor.js';
import type { Deps } from '../deps.js';
import { getSettings } from '../settings/settings.js';

/** Authenticator apps' common setting: 6 digits, a new code every 30 s, SHA-1. */
const PERIOD = 30;
/** One step either side: a code typed as it changes, or a phone clock a little off. */
const WINDOW = 1;
const RECOVERY_CODES = 10;

function totp(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Parley',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The 30-second step `code` belongs to, or null when it is not a current code. */
function stepOf(secret: string, code: string, nowMs: number): number | null {
  const delta = totp(secret, 'x').validate({ token: code, timestamp: nowMs, window: WINDOW });
  return delta === null ? null : Math.floor(nowMs / 1000 / PERIOD) + delta;
}

/** "k7qp-2m9x": 40 bits, grouped for reading aloud; stored only as a hash. */
function recoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(8);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

const normalizeRecovery = (code: string) => code.trim().toLowerCase().replace(/\s+/g, '');

/** Step one: a new secret, kept aside until the agent proves their app has it. */
export async function startTwoFactorSetup(
  deps: Deps,
  agent: AgentRow,
): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await setPendingTotp(deps.store, agent.id, secret);
  const otpauthUrl = totp(secret, agent.email).toString();
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, width: 220 });
  return { secret, otpauthUrl, qrSvg };
}

/** Step two: the app's current code turns it on; ten recovery codes are shown once. */
export async function enableTwoFactor(
  deps: Deps,
  agent: AgentRow,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const pending = await pendingTotpOf(deps.store, agent.id);
  if (!pending)
    throw new AppError('VALIDATION_FAILED', 'Start the set-up first.', { code: 'no set-up' });
  const now = deps.clock.now();
  const step = stepOf(pending, code, now);
  if (step === null) throw new AppError('TWO_FACTOR_INVALID');
  const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
  await turnOnTwoFactor(deps.store, {
    agentId: agent.id,
    secret: pending,
    step,
    now,
    codeIds: codes.map((c) => hashToken(normalizeRecovery(c))),
  });
  return { recoveryCodes: codes };
}

/** Off again, with the password as proof (a borrowed unlocked console is not enough). */
export async function disableTwoFactor(
  deps: Deps,
  agent: AgentRow,
  password: string,
): Promise<void> {
  const hash = await passwordHashOf(deps.store, agent.id);
  if (!(await argon2.verify(hash, password).catch(() => false))) {
    throw new AppError('VALIDATION_FAILED', 'Your password is not right.', {
      password: 'is not your password',
    });
  }
  await turnOffTwoFactor(deps.store, agent.id);
}

/**
 * The second step of a sign-in for an agent with two-factor on: an app code not used before
 * (its step is later than the last accepted one), or an unused recovery code. True when it
 * checks out; the code is spent.
 */
export async function verifySecondFactor(
  deps: Deps,
  agentId: string,
  code: string,
): Promise<boolean> {
  const row = await totpStateOf(deps.store, agentId);
  if (!row?.totp_secret) return false;
  if (/^\d{6}$/.test(code)) {
    const step = stepOf(row.totp_secret, code, deps.clock.now());
    if (step === null || (row.totp_last_step !== null && step <= row.totp_last_step)) return false;
    // Conditional: two sign-ins racing with one code, only one wins.
    return acceptTotpStep(deps.store, agentId, step, row.totp_last_step);
  }
  return spendRecoveryCode(
    deps.store,
    agentId,
    hashToken(normalizeRecovery(code)),
    deps.clock.now(),
  );
}

/** An admin without a second factor, where the organisation requires one. */
export async function mustSetUpTwoFactor(deps: Deps, agent: AgentRow): Promise<boolean> {
  if (agent.role !== 'admin' || agent.two_factor_at !== null) return false;
  return (await getSettings(deps)).requireTwoFactorForAdmins;
}
