import type { Millis } from './millis.js';

export interface AgentsTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  /** When two-factor sign-in was turned on; null when off. */
  two_factor_at: Millis | null;
  /** Base32 TOTP secrets: the active one, and one being set up. Never leave accounts/. */
  totp_secret: string | null;
  totp_pending: string | null;
  /** The 30-second step of the last code accepted: a code works once. */
  totp_last_step: number | null;
  role: 'admin' | 'supervisor' | 'agent';
  status: 'online' | 'away' | 'invisible' | 'offline';
  avatar_url: string | null;
  max_chats: number | null;
  created_at: Millis;
  disabled_at: Millis | null;
  /** When this agent was last offered a chat: round robin offers to the longest-idle first. */
  last_offered_at: Millis | null;
  /** Since when every connection of this agent has been gone (null while connected): the offline grace period counts from here. */
  disconnected_at: Millis | null;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  agent_id: string;
  csrf_token: string;
  created_at: Millis;
  expires_at: Millis;
  last_seen_at: Millis;
}

export interface PasswordResetsTable {
  id: string; // sha256 of the emailed token
  agent_id: string;
  created_at: Millis;
  expires_at: Millis;
  used_at: Millis | null;
}

export interface RecoveryCodesTable {
  id: string; // sha256 of the code
  agent_id: string;
  used_at: Millis | null;
}

/** Which agent a provider account (issuer + subject) signs in as. */
export interface SsoLinksTable {
  issuer: string;
  subject: string;
  agent_id: string;
  created_at: Millis;
}

/** A single sign-on on its way through the provider; used once (found by its state's hash). */
export interface SsoAttemptsTable {
  id: string; // sha256 of the state
  code_verifier: string;
  nonce: string;
  return_to: string;
  created_at: Millis;
  expires_at: Millis;
}

/** A provider sign-in waiting for the agent's two-factor code. */
export interface SsoSecondFactorTable {
  id: string; // sha256 of the cookie's ticket
  agent_id: string;
  return_to: string;
  expires_at: Millis;
}
