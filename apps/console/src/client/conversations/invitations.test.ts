import type { Invitation } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { me } from '../core/fixtures';
import {
  invitationOutcome,
  invitationsForMe,
  myPendingInvitation,
  upsertInvitation,
} from './invitations';
import { initialState } from '../core/state';

const inv = (patch: Partial<Invitation> = {}): Invitation => ({
  id: 'i1',
  conversationId: 'c1',
  inviter: { id: 'ana', name: 'Ana' },
  invitee: { id: me.id, name: me.name },
  inviterLeaves: false,
  status: 'pending',
  createdAt: '2025-01-01T10:00:00.000Z',
  ...patch,
});

describe('invitations', () => {
  it('shows a pending invitation to me until it is answered', () => {
    let s = upsertInvitation(initialState(me), inv());
    expect(invitationsForMe(s).map((i) => i.id)).toEqual(['i1']);
    s = upsertInvitation(s, inv({ status: 'cancelled' }));
    expect(invitationsForMe(s)).toEqual([]);
    // A late "pending" copy does not bring the card back.
    s = upsertInvitation(s, inv());
    expect(invitationsForMe(s)).toEqual([]);
  });

  it('finds the invitation I sent for a chat', () => {
    const mine = inv({
      inviter: { id: me.id, name: me.name },
      invitee: { id: 'ben', name: 'Ben' },
    });
    const s = upsertInvitation(initialState(me), mine);
    expect(myPendingInvitation(s, 'c1')?.id).toBe('i1');
    expect(myPendingInvitation(s, 'c2')).toBeNull();
    expect(invitationsForMe(s)).toEqual([]);
  });

  it('tells the inviter the answer', () => {
    const sent = { inviter: { id: me.id, name: me.name }, invitee: { id: 'ben', name: 'Ben' } };
    expect(invitationOutcome(inv({ ...sent, status: 'accepted' }), me.id)).toBe(
      'Ben joined the chat',
    );
    expect(
      invitationOutcome(inv({ ...sent, status: 'accepted', inviterLeaves: true }), me.id),
    ).toBe('Ben joined the chat and took it over');
    expect(invitationOutcome(inv({ ...sent, status: 'declined' }), me.id)).toBe(
      'Ben declined your invitation',
    );
    expect(invitationOutcome(inv({ status: 'accepted' }), me.id)).toBeNull();
  });
});
