import type { AgentLoad, Department, DirectMessage, Invitation } from '@parley/protocol';
import type { DirectMessageRow } from '../storage/schema.js';
import type { DepartmentView } from '../services/routing/departments.js';
import type { AgentCapacity } from '../services/routing/capacity.js';
import type { InvitationView } from '../storage/invitations.js';
import { presentAgent } from './agent.js';

export function presentDepartment(d: DepartmentView): Department {
  return { id: d.id, name: d.name, distribution: d.distribution, memberIds: d.member_ids };
}

export function presentAgentLoad(c: AgentCapacity): AgentLoad {
  return {
    agent: presentAgent(c.agent),
    connected: c.connected,
    activeChats: c.activeChats,
    maxChats: c.maxChats,
    departmentIds: c.departmentIds,
  };
}

export function presentInvitation(i: InvitationView): Invitation {
  return {
    id: i.id,
    conversationId: i.conversation_id,
    inviter: { id: i.inviter_id, name: i.inviter_name },
    invitee: { id: i.invitee_id, name: i.invitee_name },
    inviterLeaves: i.inviter_leaves === 1,
    status: i.status,
    createdAt: new Date(i.created_at).toISOString(),
  };
}

export function presentDirectMessage(m: DirectMessageRow): DirectMessage {
  return {
    id: m.id,
    seq: m.seq,
    clientId: m.client_id,
    senderId: m.sender_id,
    recipientId: m.recipient_id,
    body: m.body,
    createdAt: new Date(m.created_at).toISOString(),
  };
}
