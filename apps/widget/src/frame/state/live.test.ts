import type { Message, ProactiveInvitation } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { shownInvitation, signalsFor } from './live';
import { conv, msg } from './testing';

const card: Message = {
  ...msg('c1', 3),
  kind: 'card',
  body: 'https://shop.example/p/linen',
  card: {
    url: 'https://shop.example/p/linen',
    title: 'Linen throw',
    description: null,
    image: null,
    price: '$24.00',
  },
};
const looking = { pageVisible: true, chatOpen: true, muted: false };

describe('live signals', () => {
  it('tells the page of every public message, without internal fields', () => {
    expect(signalsFor(msg('c1', 1, 'visitor'), looking)).toEqual([
      {
        type: 'message',
        message: {
          id: 'c1-m1',
          author: 'visitor',
          authorName: null,
          body: 'message 1',
          createdAt: '2025-01-01T10:00:00.000Z',
        },
      },
    ]);
    expect(signalsFor({ ...msg('c1', 2), visibility: 'private' }, looking)).toEqual([]);
  });

  it('chimes for an agent message only when it could be missed, and never when muted', () => {
    const types = (a: typeof looking) => signalsFor(msg('c1', 2), a).map((s) => s.type);
    expect(types(looking)).toEqual(['message']);
    expect(types({ ...looking, pageVisible: false })).toEqual(['message', 'chime']);
    expect(types({ ...looking, chatOpen: false })).toEqual(['message', 'chime']);
    expect(types({ ...looking, chatOpen: false, muted: true })).toEqual(['message']);
    expect(signalsFor(msg('c1', 3, 'visitor'), { ...looking, pageVisible: false })).toHaveLength(1);
  });

  it('follows an agent’s card to its page only in the tab the visitor is looking at', () => {
    expect(signalsFor(card, looking)).toContainEqual({
      type: 'navigate',
      url: 'https://shop.example/p/linen',
    });
    expect(signalsFor(card, { ...looking, pageVisible: false }).map((s) => s.type)).not.toContain(
      'navigate',
    );
  });
});

describe('shownInvitation', () => {
  const invitation: ProactiveInvitation = {
    id: 'inv1',
    visitorId: 'v1',
    agent: { id: 'a1', name: 'Ana', avatarUrl: null },
    message: 'Can I help you find a size?',
    status: 'pending',
    conversationId: null,
    createdAt: '2025-01-01T10:00:00.000Z',
  };
  const accepted = { ...invitation, status: 'accepted' as const, conversationId: 'c1' };

  it('shows a pending invitation while no chat is open', () => {
    expect(shownInvitation(invitation, null, [])).toBe(invitation);
    expect(shownInvitation(invitation, conv('c0', 'closed'), [])).toBe(invitation);
    expect(shownInvitation(invitation, conv('c0', 'active'), [])).toBeNull();
  });

  it('stands in for the agent’s first message until the server’s copy arrives', () => {
    expect(shownInvitation(accepted, conv('c1', 'active'), [msg('c1', 2, 'visitor')])).toBe(
      accepted,
    );
    expect(shownInvitation(accepted, conv('c1', 'active'), [msg('c1', 1)])).toBeNull();
    expect(shownInvitation(accepted, conv('other', 'active'), [])).toBeNull();
    expect(shownInvitation({ ...invitation, status: 'declined' }, null, [])).toBeNull();
  });
});
