import type { ConversationRow, SiteRow, VisitorRow } from './schema.js';

/**
 * Column defaults of the later migrations, spread into rows built in code so that one place
 * knows them (the database has the same defaults for rows inserted elsewhere).
 */
export const siteDefaults = {
  language: null,
  require_verified_identity: 0,
  identity_secret: null,
  prechat_fields: '[]',
  agents_available: null,
  greetings: '{}',
  offline_message: '{}',
  widget_position: 'right',
  deleted_at: null,
} satisfies Partial<SiteRow>;

export const visitorDefaults = {
  language: null,
  time_zone: null,
  ip: null,
  country: null,
  region: null,
  city: null,
  geo_time_zone: null,
  browser: null,
  os: null,
  device_type: null,
  referrer: null,
  current_url: null,
  current_title: null,
  visit_started_at: null,
  visits: 0,
  page_views: 0,
  attributes: '{}',
  verified: '{}',
} satisfies Partial<VisitorRow>;

export const conversationDefaults = {
  prechat: '[]',
  start_url: null,
  start_title: null,
  invited: 0,
  rating: null,
  rating_comment: null,
  rated_at: null,
  title: null,
} satisfies Partial<ConversationRow>;
