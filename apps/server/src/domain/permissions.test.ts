import { describe, expect, it } from 'vitest';
import { accessScope } from './access.js';
import { agentCanAccept, agentCanClose, agentCanSend, agentCanView } from './permissions.js';

const site1 = { siteIds: ['site1'], departmentIds: [] };
const agent = { id: 'a1', role: 'agent' as const, access: accessScope('agent', site1) };
const other = { id: 'a2', role: 'agent' as const, access: accessScope('agent', site1) };
const supervisor = {
  id: 's1',
  role: 'supervisor' as const,
  access: accessScope('supervisor', site1),
};
const place = { site_id: 'site1', department_id: null };
const elsewhere = { site_id: 'site2', department_id: null };

describe('conversation permissions', () => {
  it('lets every agent see a waiting chat but only its owner see an active one', () => {
    expect(agentCanView(other, { status: 'queued', assignee_id: null, ...place })).toBe(true);
    expect(agentCanView(other, { status: 'active', assignee_id: 'a1', ...place })).toBe(false);
    expect(agentCanView(agent, { status: 'active', assignee_id: 'a1', ...place })).toBe(true);
    expect(agentCanView(supervisor, { status: 'active', assignee_id: 'a1', ...place })).toBe(true);
  });

  it('allows public sends only from the owner, private notes from any viewer, nothing once closed', () => {
    const active = { status: 'active' as const, assignee_id: 'a1', ...place };
    expect(agentCanSend(agent, active, 'public')).toBe(true);
    expect(agentCanSend(other, active, 'public')).toBe(false);
    expect(agentCanSend(other, active, 'private')).toBe(false);
    expect(agentCanSend(supervisor, active, 'private')).toBe(true);
    expect(agentCanSend(agent, { status: 'closed', assignee_id: 'a1', ...place }, 'public')).toBe(
      false,
    );
  });

  it('accepts only unowned waiting chats and lets owners or supervisors close', () => {
    expect(agentCanAccept(agent, { status: 'queued', assignee_id: null, ...place })).toBe(true);
    expect(agentCanAccept(agent, { status: 'active', assignee_id: 'a1', ...place })).toBe(false);
    expect(agentCanClose(agent, { status: 'active', assignee_id: 'a1', ...place })).toBe(true);
    expect(agentCanClose(other, { status: 'active', assignee_id: 'a1', ...place })).toBe(false);
    expect(agentCanClose(supervisor, { status: 'queued', assignee_id: null, ...place })).toBe(true);
  });

  it('hides every chat of a site the agent does not work on, their own included', () => {
    expect(agentCanView(agent, { status: 'queued', assignee_id: null, ...elsewhere })).toBe(false);
    expect(agentCanView(agent, { status: 'active', assignee_id: 'a1', ...elsewhere })).toBe(false);
    expect(agentCanView(supervisor, { status: 'active', assignee_id: 'a1', ...elsewhere })).toBe(
      false,
    );
    expect(agentCanAccept(agent, { status: 'queued', assignee_id: null, ...elsewhere })).toBe(
      false,
    );
    const sales = { site_id: 'site1', department_id: 'sales' };
    expect(agentCanView(agent, { status: 'queued', assignee_id: null, ...sales })).toBe(false);
    expect(agentCanView(supervisor, { status: 'queued', assignee_id: null, ...sales })).toBe(true);
  });
});
