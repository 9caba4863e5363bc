import type {
  Agent,
  Conversation,
  Message,
  VisitorConversation,
  VisitorSummary,
  WidgetConfig,
} from './models.js';
import type { Department, OrgSettings } from './routing.js';
import type { SendResult } from './socket.js';
import type { Ban, SiteSettings, VisitorSelf } from './visitors.js';

/** REST API v1. Every path is under /api/v1; errors come as `{ error: { code, message } }`. */
export const API_PREFIX = '/api/v1';

/** Agent requests that change state carry this header with the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'parley_session';

export interface SessionResponse {
  agent: Agent;
  csrfToken: string;
  /** The signed-in agent's own second factor; `setupRequired`: nothing else works until set up. */
  twoFactor?: { enabled: boolean; setupRequired: boolean };
}
/** Step one of two-factor enrolment: scan the QR code (or type the secret) into an app. */
export interface TwoFactorSetupResponse {
  secret: string;
  otpauthUrl: string;
  /** The otpauth URL as an SVG QR code. */
  qrSvg: string;
}
/** Shown once: each code signs in once, in place of an app code. */
export interface TwoFactorEnableResponse {
  recoveryCodes: string[];
}
export interface AgentResponse {
  agent: Agent;
}
export interface AgentListResponse {
  agents: Agent[];
}
export interface ConversationListResponse {
  conversations: Conversation[];
}
export interface ConversationResponse {
  conversation: Conversation;
}
export interface MessagesResponse {
  messages: Message[];
}
export type SendMessageResponse = SendResult;

export interface VisitorSessionResponse {
  /** Opaque; the widget keeps it and sends it as `Authorization: Bearer` or socket auth. */
  token: string;
  visitor: VisitorSummary;
}
export interface WidgetConfigResponse {
  config: WidgetConfig;
}
export interface VisitorCurrentResponse {
  conversation: VisitorConversation | null;
  messages: Message[];
}
/** `POST /api/v1/widget/identify` (Bearer visitor token; called by loader.js cross-origin). */
export interface IdentifyResponse {
  visitor: VisitorSelf;
}
export interface BanListResponse {
  bans: Ban[];
}
export interface DepartmentListResponse {
  departments: Department[];
}
export interface DepartmentResponse {
  department: Department;
}
export interface SettingsResponse {
  settings: OrgSettings;
}
export interface SiteSummary {
  id: string;
  key: string;
  name: string;
  chatEnabled: boolean;
  departmentIds: string[];
  settings: SiteSettings;
  /** HS256 secret for signed identities; admins only (null for others). */
  identitySecret: string | null;
}
export interface SiteResponse {
  site: SiteSummary;
}
export interface SiteListResponse {
  sites: SiteSummary[];
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  storage: 'ok' | 'down';
}

/** `/readyz`: whether a load balancer should send this node new connections. */
export interface ReadinessResponse {
  status: 'ready' | 'draining' | 'unavailable';
  node: string;
  /** Whether this node runs the cluster's timers now. */
  leader: boolean;
  storage: 'ok' | 'down';
  /** 'none' on a single node without Redis. */
  redis: 'ok' | 'down' | 'none';
}
