import type {
  Ban,
  LiveVisitor,
  PageView,
  ProactiveInvitation,
  VisitorSelf,
  VisitorState,
} from '@parley/protocol';
import { verifiedKeys } from '../domain/identity.js';
import type {
  BanRow,
  ConversationRow,
  ProactiveInvitationRow,
  VisitorRow,
} from '../storage/schema.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentVisitorSelf(v: VisitorRow): VisitorSelf {
  return {
    id: v.id,
    code: v.code,
    name: v.name,
    email: v.email,
    verified: verifiedKeys(v, v.verified),
  };
}

export function stateOf(open: Pick<ConversationRow, 'status'> | undefined): VisitorState {
  if (!open) return 'browsing';
  return open.status === 'active' ? 'chatting' : 'waiting';
}

export interface LiveVisitorParts {
  visitor: VisitorRow;
  siteName: string;
  online: boolean;
  open: Pick<ConversationRow, 'id' | 'status'> | undefined;
  banned: boolean;
  invitation: Pick<ProactiveInvitationRow, 'id' | 'agent_id'> | undefined;
}

export function presentLiveVisitor(p: LiveVisitorParts): LiveVisitor {
  const v = p.visitor;
  return {
    id: v.id,
    siteId: v.site_id,
    siteName: p.siteName,
    code: v.code,
    name: v.name,
    email: v.email,
    verified: verifiedKeys(v, v.verified),
    online: p.online,
    state: stateOf(p.open),
    conversationId: p.open?.id ?? null,
    language: v.language,
    currentPage:
      v.current_url !== null
        ? { url: v.current_url, title: v.current_title ?? '', at: iso(v.last_seen_at) }
        : null,
    referrer: v.referrer,
    visitStartedAt: iso(v.visit_started_at ?? v.created_at),
    visits: v.visits,
    pageViews: v.page_views,
    lastSeenAt: iso(v.last_seen_at),
    ip: v.ip,
    location: {
      country: v.country,
      region: v.region,
      city: v.city,
      timeZone: v.time_zone ?? v.geo_time_zone,
    },
    device: { browser: v.browser, os: v.os, type: v.device_type },
    banned: p.banned,
    invitation: p.invitation ? { id: p.invitation.id, agentId: p.invitation.agent_id } : null,
  };
}

export function presentPageView(p: { url: string; title: string; at: number }): PageView {
  return { url: p.url, title: p.title, at: iso(p.at) };
}

export function presentProactive(
  row: ProactiveInvitationRow,
  agent: { id: string; name: string; avatar_url: string | null },
): ProactiveInvitation {
  return {
    id: row.id,
    visitorId: row.visitor_id,
    agent: { id: agent.id, name: agent.name, avatarUrl: agent.avatar_url },
    message: row.message,
    status: row.status,
    conversationId: row.conversation_id,
    createdAt: iso(row.created_at),
  };
}

export function presentBan(
  row: BanRow,
  visitor: { id: string; code: string; name: string | null } | null,
  creator: { id: string; name: string },
): Ban {
  return {
    id: row.id,
    siteId: row.site_id,
    visitor,
    ip: row.ip,
    reason: row.reason,
    createdBy: creator,
    createdAt: iso(row.created_at),
    expiresAt: row.expires_at === null ? null : iso(row.expires_at),
  };
}
