import type { AgentRow, VisitorRow } from '../storage/schema.js';

export type AgentActor = { kind: 'agent'; agent: AgentRow };
export type VisitorActor = { kind: 'visitor'; visitor: VisitorRow };
export type Actor = AgentActor | VisitorActor;

export function isSupervisor(agent: Pick<AgentRow, 'role'>): boolean {
  return agent.role === 'admin' || agent.role === 'supervisor';
}
