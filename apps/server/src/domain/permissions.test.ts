import { describe, expect, it } from 'vitest';
import { agentCanAccept, agentCanClose, agentCanSend, agentCanView } from './permissions.js';

const agent = { id: 'a1', role: 'agent' as const };
const other = { id: 'a2', role: 'agent' as const };
const supervisor = { id: 's1', role: 'supervisor' as const };

describe('conversation permissions', () => {
  it('lets every agent see a waiting chat but only its owner see an active one', () => {
    expect(agentCanView(other, { status: 'queued', assignee_id: null })).toBe(true);
    expect(agentCanView(other, { status: 'active', assignee_id: 'a1' })).toBe(false);
    expect(agentCanView(agent, { status: 'active', assignee_id: 'a1' })).toBe(true);
    expect(agentCanView(supervisor, { status: 'active', assignee_id: 'a1' })).toBe(true);
  });

  it('allows public sends only from the owner, private notes from any viewer, nothing once closed', () => {
    const active = { status: 'active' as const, assignee_id: 'a1' };
    expect(agentCanSend(agent, active, 'public')).toBe(true);
    expect(agentCanSend(other, active, 'public')).toBe(false);
    expect(agentCanSend(other, active, 'private')).toBe(false);
    expect(agentCanSend(supervisor, active, 'private')).toBe(true);
    expect(agentCanSend(agent, { status: 'closed', assignee_id: 'a1' }, 'public')).toBe(false);
  });

  it('accepts only unowned waiting chats and lets owners or supervisors close', () => {
    expect(agentCanAccept({ status: 'queued', assignee_id: null })).toBe(true);
    expect(agentCanAccept({ status: 'active', assignee_id: 'a1' })).toBe(false);
    expect(agentCanClose(agent, { status: 'active', assignee_id: 'a1' })).toBe(true);
    expect(agentCanClose(other, { status: 'active', assignee_id: 'a1' })).toBe(false);
    expect(agentCanClose(supervisor, { status: 'queued', assignee_id: null })).toBe(true);
  });
});
