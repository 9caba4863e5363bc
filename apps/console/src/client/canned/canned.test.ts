import type { CannedResponse } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import {
  cannedContext,
  canEditCanned,
  fillCanned,
  groupCanned,
  matchShortcuts,
  searchCanned,
  slashQuery,
} from './canned';
import { conversation, me } from '../core/fixtures';

function r(id: string, patch: Partial<CannedResponse> = {}): CannedResponse {
  return {
    id,
    scope: 'personal',
    ownerId: me.id,
    departmentId: null,
    title: `Title ${id}`,
    shortcut: null,
    body: `Body ${id}`,
    ...patch,
  };
}

describe('canned variables', () => {
  it('fills visitor, agent and department, every occurrence', () => {
    const ctx = { visitor: 'Maria', agent: 'Ana', department: 'Sales' };
    expect(fillCanned('Hi {visitor}, {agent} from {department}. Bye {visitor}', ctx)).toBe(
      'Hi Maria, Ana from Sales. Bye Maria',
    );
  });

  it('leaves unknown placeholders and other braces alone', () => {
    const ctx = { visitor: 'M', agent: 'A', department: '' };
    expect(fillCanned('{order} {Visitor} {department}!', ctx)).toBe('{order} {Visitor} !');
  });

  it('takes the visitor code when there is no name, and empty department when none', () => {
    const c = conversation('c1');
    expect(cannedContext(c, 'Ana')).toEqual({ visitor: '#4821', agent: 'Ana', department: '' });
    const named = conversation('c2', {
      visitor: { id: 'v', code: '#1', name: '  Maria ', email: null },
      department: { id: 'd', name: 'Sales' },
    });
    expect(cannedContext(named, 'Ana')).toEqual({
      visitor: 'Maria',
      agent: 'Ana',
      department: 'Sales',
    });
  });

  it('does not treat $ sequences in names as replacement patterns', () => {
    expect(fillCanned('{visitor}', { visitor: '$& $1', agent: '', department: '' })).toBe('$& $1');
  });
});

describe('shortcut matching', () => {
  const list = [
    r('a', { shortcut: 'refund' }),
    r('b', { shortcut: 'ref', scope: 'organisation' }),
    r('c', { shortcut: 'hello' }),
    r('d', { shortcut: null }),
    r('e', { shortcut: 'Refund-long', scope: 'department' }),
  ];

  it('reads the query only while the composer holds just /word', () => {
    expect(slashQuery('/ref')).toBe('ref');
    expect(slashQuery('/')).toBe('');
    expect(slashQuery('/REF')).toBe('ref');
    expect(slashQuery('hello /ref')).toBeNull();
    expect(slashQuery('/ref more')).toBeNull();
    expect(slashQuery('/usr/bin')).toBeNull();
  });

  it('matches by prefix, case-insensitively, exact first then shorter', () => {
    expect(matchShortcuts(list, 'ref').map((x) => x.id)).toEqual(['b', 'a', 'e']);
    expect(matchShortcuts(list, 'refund').map((x) => x.id)).toEqual(['a', 'e']);
    expect(matchShortcuts(list, 'x')).toEqual([]);
  });

  it('lists every shortcut for a bare slash, capped', () => {
    expect(matchShortcuts(list, '')).toHaveLength(4);
    expect(matchShortcuts(list, '', 2)).toHaveLength(2);
  });

  it('searches title, shortcut and body with all words', () => {
    const items = [r('x', { title: 'Refund policy', body: 'Within 30 days' }), r('y')];
    expect(searchCanned(items, 'refund 30').map((x) => x.id)).toEqual(['x']);
    expect(searchCanned(items, '')).toHaveLength(2);
  });

  it('groups personal, department, organisation in that order, by title', () => {
    const groups = groupCanned([
      r('o', { scope: 'organisation' }),
      r('p2', { title: 'b' }),
      r('p1', { title: 'a' }),
    ]);
    expect(groups.map((g) => g.scope)).toEqual(['personal', 'organisation']);
    expect(groups[0]?.items.map((x) => x.id)).toEqual(['p1', 'p2']);
  });

  it('lets owners edit personal ones and supervisors shared ones', () => {
    expect(canEditCanned(r('p'), me)).toBe(true);
    expect(canEditCanned(r('p', { ownerId: 'other' }), me)).toBe(false);
    expect(canEditCanned(r('o', { scope: 'organisation', ownerId: null }), me)).toBe(false);
    expect(canEditCanned(r('o', { scope: 'organisation' }), { ...me, role: 'supervisor' })).toBe(
      true,
    );
  });
});
