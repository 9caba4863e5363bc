import type { LiveVisitor, ProactiveInvitation, VisitorDetails } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { at, liveVisitor } from '../core/fixtures';
import {
  banDurations,
  clearInvitation,
  defaultInviteMessage,
  inviteAvailability,
  compareVisitors,
  initialVisitors,
  LEFT_VISIBLE_MS,
  markInvited,
  mergeDetails,
  proactiveOutcome,
  pruneLeft,
  receiveVisitorList,
  receiveVisitorUpdate,
  sortedVisitors,
} from './visitors';

const T0 = Date.parse(at(0));
const visitor = liveVisitor;

function invitation(patch: Partial<ProactiveInvitation> = {}): ProactiveInvitation {
  return {
    id: 'inv-1',
    visitorId: 'a',
    agent: { id: 'agent-me', name: 'Mia', avatarUrl: null },
    message: 'Hi!',
    status: 'pending',
    conversationId: null,
    createdAt: at(5),
    ...patch,
  };
}

describe('receiveVisitorList', () => {
  it('replaces the list, counts who is online and remembers who left', () => {
    const vs = receiveVisitorList(
      initialVisitors(),
      [visitor('a'), visitor('b', { online: false, lastSeenAt: at(-90) })],
      T0,
    );
    expect(vs.loaded).toBe(true);
    expect(Object.keys(vs.byId)).toEqual(['a', 'b']);
    expect(vs.count).toBe(1);
    // They left at their last activity, not when the list was read.
    expect(vs.leftAt).toEqual({ b: T0 - 90_000 });
  });

  it('keeps a live update that overtook the list', () => {
    let vs = receiveVisitorUpdate(
      initialVisitors(),
      visitor('a', { pageViews: 3, lastSeenAt: at(30) }),
      T0,
    );
    vs = receiveVisitorList(vs, [visitor('a', { pageViews: 2, lastSeenAt: at(20) })], T0);
    expect(vs.byId.a?.pageViews).toBe(3);
  });
});

describe('receiveVisitorUpdate', () => {
  it('adds newcomers and applies newer activity', () => {
    let vs = receiveVisitorUpdate(initialVisitors(), visitor('a'), T0);
    vs = receiveVisitorUpdate(vs, visitor('a', { pageViews: 2, lastSeenAt: at(10) }), T0);
    expect(vs.byId.a?.pageViews).toBe(2);
    expect(vs.count).toBe(1);
  });

  it('ignores stale updates and returns the same state', () => {
    const vs = receiveVisitorUpdate(
      initialVisitors(),
      visitor('a', { lastSeenAt: at(10), pageViews: 2 }),
      T0,
    );
    expect(receiveVisitorUpdate(vs, visitor('a', { lastSeenAt: at(5) }), T0)).toBe(vs);
  });

  it('greys out a visitor who left and brings them back when they return', () => {
    let vs = receiveVisitorUpdate(initialVisitors(), visitor('a'), T0);
    vs = receiveVisitorUpdate(vs, visitor('a', { online: false, lastSeenAt: at(1) }), T0 + 1000);
    expect(vs.leftAt.a).toBe(T0 + 1000);
    expect(vs.count).toBe(0);
    // A second "left" does not restart the clock.
    vs = receiveVisitorUpdate(vs, visitor('a', { online: false, lastSeenAt: at(1) }), T0 + 9000);
    expect(vs.leftAt.a).toBe(T0 + 1000);
    vs = receiveVisitorUpdate(vs, visitor('a', { lastSeenAt: at(20) }), T0 + 20_000);
    expect(vs.leftAt.a).toBeUndefined();
    expect(vs.count).toBe(1);
  });

  it('does not add someone unknown who already left', () => {
    const vs = initialVisitors();
    expect(receiveVisitorUpdate(vs, visitor('x', { online: false }), T0)).toBe(vs);
  });
});

describe('pruneLeft', () => {
  it('drops visitors who left long enough ago, and only them', () => {
    let vs = receiveVisitorList(
      initialVisitors(),
      [visitor('a'), visitor('b', { online: false })],
      T0,
    );
    expect(pruneLeft(vs, T0 + LEFT_VISIBLE_MS - 1)).toBe(vs);
    vs = pruneLeft(vs, T0 + LEFT_VISIBLE_MS);
    expect(Object.keys(vs.byId)).toEqual(['a']);
    expect(vs.leftAt).toEqual({});
  });
});

describe('sorting', () => {
  it('puts waiting, then chatting, then browsing, newest activity first, leavers last', () => {
    const list = [
      visitor('browse-old', { lastSeenAt: at(1) }),
      visitor('gone', { online: false, state: 'waiting', lastSeenAt: at(50) }),
      visitor('chat', { state: 'chatting', lastSeenAt: at(2) }),
      visitor('browse-new', { lastSeenAt: at(40) }),
      visitor('wait', { state: 'waiting', lastSeenAt: at(3) }),
    ];
    const byId = Object.fromEntries(list.map((v) => [v.id, v]));
    expect(sortedVisitors(byId).map((v) => v.id)).toEqual([
      'wait',
      'chat',
      'browse-new',
      'browse-old',
      'gone',
    ]);
  });

  it('is stable for equal activity', () => {
    expect(compareVisitors(visitor('a'), visitor('b'))).toBeLessThan(0);
    expect(compareVisitors(visitor('b'), visitor('a'))).toBeGreaterThan(0);
  });
});

describe('invitations on the list', () => {
  it('shows a pending invitation at once and clears it when answered', () => {
    let vs = receiveVisitorList(initialVisitors(), [visitor('a')], T0);
    vs = markInvited(vs, invitation());
    expect(vs.byId.a?.invitation).toEqual({ id: 'inv-1', agentId: 'agent-me' });
    expect(markInvited(vs, invitation())).toBe(vs);
    vs = clearInvitation(vs, invitation({ status: 'declined' }));
    expect(vs.byId.a?.invitation).toBeNull();
  });

  it('leaves another invitation alone', () => {
    let vs = receiveVisitorList(initialVisitors(), [visitor('a')], T0);
    vs = markInvited(vs, invitation({ id: 'inv-2' }));
    expect(clearInvitation(vs, invitation({ status: 'declined' }))).toBe(vs);
  });

  it('words the outcome for the inviting agent', () => {
    expect(proactiveOutcome('accepted', 'Ana')).toMatch(/Ana accepted/);
    expect(proactiveOutcome('declined', 'Ana')).toBe('Ana declined your invitation');
    expect(proactiveOutcome('cancelled', 'Ana')).toBeNull();
  });
});

describe('mergeDetails', () => {
  const details: VisitorDetails = {
    ...visitor('a'),
    attributes: [{ key: 'plan', value: 'pro', verified: true }],
    navigation: [{ url: 'https://shop.example/', title: 'Home', at: at(0) }],
    conversations: [],
    firstSeenAt: at(0),
  };

  it('puts a new current page on top of the navigation and keeps the rest', () => {
    const page = { url: 'https://shop.example/p/1', title: 'Mug', at: at(30) };
    const next = mergeDetails(details, visitor('a', { currentPage: page, lastSeenAt: at(30) }));
    expect(next.navigation.map((p) => p.title)).toEqual(['Mug', 'Home']);
    expect(next.attributes).toBe(details.attributes);
    expect(next.currentPage).toEqual(page);
  });

  it('does not repeat the page already on top', () => {
    const next = mergeDetails(details, visitor('a', { state: 'chatting', lastSeenAt: at(5) }));
    expect(next.navigation).toBe(details.navigation);
    expect(next.state).toBe('chatting');
  });

  it('ignores other visitors and stale updates', () => {
    expect(mergeDetails(details, visitor('b'))).toBe(details);
    const newer = { ...details, lastSeenAt: at(60) };
    expect(mergeDetails(newer, visitor('a', { lastSeenAt: at(10) }))).toBe(newer);
  });
});

describe('inviteAvailability', () => {
  const online = { id: 'agent-me', status: 'online' as const };

  it('is ready for a browsing visitor and an Online agent', () => {
    expect(inviteAvailability(visitor('a'), online)).toEqual({ kind: 'ready' });
  });

  it('says "invited" while an invitation waits, and whose it is', () => {
    expect(
      inviteAvailability(visitor('a', { invitation: { id: 'i', agentId: 'agent-me' } }), online),
    ).toEqual({ kind: 'invited', mine: true });
    expect(
      inviteAvailability(visitor('a', { invitation: { id: 'i', agentId: 'other' } }), online),
    ).toEqual({ kind: 'invited', mine: false });
  });

  it('explains why not', () => {
    const reason = (v: LiveVisitor, status: 'online' | 'away' = 'online') => {
      const a = inviteAvailability(v, { id: 'agent-me', status });
      return a.kind === 'blocked' ? a.reason : a.kind;
    };
    expect(reason(visitor('a'), 'away')).toMatch(/Online/);
    expect(reason(visitor('a', { state: 'chatting', conversationId: 'c' }))).toMatch(/in a chat/);
    expect(reason(visitor('a', { state: 'waiting', conversationId: 'c' }))).toMatch(/waiting/);
    expect(reason(visitor('a', { online: false }))).toMatch(/left/);
    expect(reason(visitor('a', { banned: true }))).toMatch(/banned/);
  });
});

describe('invitation and ban wording', () => {
  it('signs the default invitation with the agent’s first name', () => {
    expect(defaultInviteMessage('Mia Agent', 'Demo shop')).toBe(
      "Hi there! I'm Mia from Demo shop. Can I help you find anything?",
    );
    expect(defaultInviteMessage(' ', 'Demo shop')).toMatch(/Demo shop team/);
  });

  it('offers the ban lengths agents expect, ending with "Until lifted"', () => {
    expect(banDurations.map((d) => d.label)).toEqual([
      '1 hour',
      '1 day',
      '7 days',
      '30 days',
      'Until lifted',
    ]);
    expect(banDurations.at(-1)?.minutes).toBeNull();
  });
});
