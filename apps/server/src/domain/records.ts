import type { AgentRole, AgentStatus } from '@parley/protocol';

/**
 * The records routes, socket handlers and domain rules pass around, by their domain names:
 * storage/ reads and writes them (its row types are checked to be these shapes, in
 * storage/schema.ts), the rest of the server never needs to know it. Times are epoch ms.
 */

/** An agent as the server sees them: never their password hash or two-factor secrets. */
export interface AgentRecord {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  status: AgentStatus;
  avatar_url: string | null;
  /** Chats they take at once; null: the organisation's default. */
  max_chats: number | null;
  created_at: number;
  disabled_at: number | null;
  last_offered_at: number | null;
  disconnected_at: number | null;
  /** When two-factor sign-in was turned on; null when off. */
  two_factor_at: number | null;
}

/** A visitor of one site, with what their browser and their latest connection told. */
export interface VisitorRecord {
  id: string;
  site_id: string;
  token_hash: string;
  code: string;
  name: string | null;
  email: string | null;
  contact_id: string | null;
  created_at: number;
  last_seen_at: number;
  language: string | null;
  time_zone: string | null;
  ip: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  geo_time_zone: string | null;
  browser: string | null;
  os: string | null;
  device_type: string | null;
  referrer: string | null;
  current_url: string | null;
  current_title: string | null;
  visit_started_at: number | null;
  visits: number;
  page_views: number;
  /** JSON object of identify() attributes besides name and email. */
  attributes: string;
  /** JSON object: attribute key -> the value a signed identity vouched for. */
  verified: string;
}

/** A saved reply: the agent's own, their department's or the whole organisation's. */
export interface CannedResponseRecord {
  id: string;
  scope: 'personal' | 'department' | 'organisation';
  owner_id: string | null;
  department_id: string | null;
  title: string;
  shortcut: string | null;
  body: string;
  created_at: number;
  updated_at: number;
}
