import type { ColumnType } from 'kysely';
import type { Millis } from './millis.js';

export type Distribution = 'to_all' | 'round_robin' | 'least_busy';

export interface DepartmentsTable {
  id: string;
  name: string;
  distribution: Distribution;
  created_at: Millis;
}

export interface DepartmentMembersTable {
  department_id: string;
  agent_id: string;
}

/** Which sites an agent works on (admins see every site regardless). */
export interface AgentSitesTable {
  agent_id: string;
  site_id: string;
}

export interface SiteDepartmentsTable {
  site_id: string;
  department_id: string;
  position: number;
}

export type OfferStatus = 'pending' | 'accepted' | 'rejected' | 'timed_out' | 'withdrawn';

export interface OffersTable {
  id: string;
  conversation_id: string;
  agent_id: string;
  status: OfferStatus;
  offered_at: Millis;
  expires_at: Millis;
  answered_at: Millis | null;
}

export type RoutingEventKind =
  | 'accepted'
  | 'assigned'
  | 'transferred'
  | 'invited'
  | 'joined'
  | 'left'
  | 'queued'
  | 'unserved'
  | 'renamed'
  | 'tagged'
  | 'untagged'
  /** "Create ticket": detail is the ticket's id. */
  | 'ticketed';

export interface RoutingEventsTable {
  id: string;
  conversation_id: string;
  kind: RoutingEventKind;
  agent_id: string | null;
  actor_id: string | null;
  at: Millis;
  /** renamed: the new title; tagged/untagged: the tag's name then (migration 014). */
  detail: ColumnType<string | null, string | null | undefined, string | null>;
}
