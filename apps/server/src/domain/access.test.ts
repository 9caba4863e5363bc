import { describe, expect, it } from 'vitest';
import { accessScope, canSeeConversation, canSeeSite, queuePairs } from './access.js';

const m = { siteIds: ['s1'], departmentIds: ['sales'] };

describe('access scope', () => {
  it('lets admins see every site whatever their memberships say', () => {
    const admin = accessScope('admin', { siteIds: [], departmentIds: [] });
    expect(canSeeSite(admin, 's2')).toBe(true);
    expect(canSeeConversation(admin, { site_id: 's2', department_id: 'support' })).toBe(true);
    expect(queuePairs(admin)).toBeNull();
  });

  it('gives supervisors every chat of their sites, any department, and nothing of others', () => {
    const sup = accessScope('supervisor', m);
    expect(canSeeConversation(sup, { site_id: 's1', department_id: 'support' })).toBe(true);
    expect(canSeeConversation(sup, { site_id: 's1', department_id: null })).toBe(true);
    expect(canSeeConversation(sup, { site_id: 's2', department_id: null })).toBe(false);
    expect(canSeeSite(sup, 's2')).toBe(false);
  });

  it("gives agents their sites' chats without a department or of their departments", () => {
    const agent = accessScope('agent', m);
    expect(canSeeConversation(agent, { site_id: 's1', department_id: null })).toBe(true);
    expect(canSeeConversation(agent, { site_id: 's1', department_id: 'sales' })).toBe(true);
    expect(canSeeConversation(agent, { site_id: 's1', department_id: 'support' })).toBe(false);
    expect(canSeeConversation(agent, { site_id: 's2', department_id: 'sales' })).toBe(false);
    expect(queuePairs(agent)).toEqual([
      { siteId: 's1', departmentId: null },
      { siteId: 's1', departmentId: 'sales' },
    ]);
  });

  it('sees nothing with no site at all', () => {
    const none = accessScope('agent', { siteIds: [], departmentIds: ['sales'] });
    expect(canSeeConversation(none, { site_id: 's1', department_id: null })).toBe(false);
    expect(queuePairs(none)).toEqual([]);
  });
});
