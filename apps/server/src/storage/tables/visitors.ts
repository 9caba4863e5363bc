import type { Millis } from './millis.js';

export interface SitesTable {
  id: string;
  key: string;
  name: string;
  /** JSON array of origins allowed to embed the widget. */
  allowed_origins: string;
  chat_enabled: number; // 0/1 on both dialects, so one type serves both
  greeting: string;
  accent_color: string;
  created_at: Millis;
  /** Widget language override; null lets the browser decide. */
  language: string | null;
  require_verified_identity: number;
  /** HS256 secret the site's backend signs identities with. */
  identity_secret: string | null;
  /** JSON PrechatField[]. */
  prechat_fields: string;
  /** 1/0: what this site's widgets were last told about agents being available; null before the first announcement. */
  agents_available: number | null;
  /** JSON {language: greeting}; a language without one uses `greeting`. */
  greetings: string;
  /** JSON {language: text} introducing the message form when nobody can answer. */
  offline_message: string;
  /** 'right' or 'left': the launcher's bottom corner. */
  widget_position: string;
  /** When an admin removed the site; its widget stops loading, its history stays. */
  deleted_at: Millis | null;
}

export interface VisitorsTable {
  id: string;
  site_id: string;
  token_hash: string;
  code: string;
  name: string | null;
  email: string | null;
  /** A later customer record (contact) this visitor is linked to; never inferred from typed text. */
  contact_id: string | null;
  created_at: Millis;
  last_seen_at: Millis;
  /** From the browser (loader): language tag and IANA time zone. */
  language: string | null;
  time_zone: string | null;
  /** From the latest connection: address, its location, the browser. */
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
  visit_started_at: Millis | null;
  visits: number;
  /** Page views of the current visit. */
  page_views: number;
  /** JSON object of identify() attributes besides name and email. */
  attributes: string;
  /** JSON object: attribute key -> the value a signed identity vouched for. */
  verified: string;
}

export interface PageViewsTable {
  visitor_id: string;
  /** Chosen by the loader per page view, so a reconnect does not count twice. */
  id: string;
  url: string;
  title: string;
  at: Millis;
}

export interface ProactiveInvitationsTable {
  id: string;
  site_id: string;
  visitor_id: string;
  agent_id: string;
  message: string;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  conversation_id: string | null;
  created_at: Millis;
  answered_at: Millis | null;
}

export interface BansTable {
  id: string;
  site_id: string;
  visitor_id: string | null;
  ip: string | null;
  reason: string;
  created_by: string;
  created_at: Millis;
  expires_at: Millis | null;
  lifted_at: Millis | null;
  lifted_by: string | null;
}

export interface SettingsTable {
  key: string;
  value: string; // JSON
  updated_at: Millis;
}
