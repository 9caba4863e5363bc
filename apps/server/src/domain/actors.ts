import type { AgentRole } from '@parley/protocol';

/** What domain rules read of an agent; services pass their full records. */
export interface AgentLike {
  id: string;
  role: AgentRole;
}
/** What domain rules read of a visitor. */
export interface VisitorLike {
  id: string;
}

export type AgentActor<A extends AgentLike = AgentLike> = { kind: 'agent'; agent: A };
export type VisitorActor<V extends VisitorLike = VisitorLike> = { kind: 'visitor'; visitor: V };
/** Who does something: an agent or a visitor, with the record the caller holds. */
export type Actor<A extends AgentLike = AgentLike, V extends VisitorLike = VisitorLike> =
  AgentActor<A> | VisitorActor<V>;

export function isSupervisor(agent: Pick<AgentLike, 'role'>): boolean {
  return agent.role === 'admin' || agent.role === 'supervisor';
}
