import type { Invitation } from '@parley/protocol';
import type { ConsoleState } from '../core/state';

/** Invitations to or from the signed-in agent, as the server reports them. */

export function upsertInvitation(state: ConsoleState, inv: Invitation): ConsoleState {
  const old = state.invitations[inv.id];
  if (old && old.status === inv.status) return state;
  // An answered invitation never becomes pending again, whatever order updates arrive in.
  if (old && old.status !== 'pending' && inv.status === 'pending') return state;
  return { ...state, invitations: { ...state.invitations, [inv.id]: inv } };
}

/** Invitations waiting for my answer, oldest first. */
export function invitationsForMe(state: ConsoleState): Invitation[] {
  return Object.values(state.invitations)
    .filter((i) => i.status === 'pending' && i.invitee.id === state.me.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The invitation I sent for a chat that still waits for an answer, if any. */
export function myPendingInvitation(
  state: ConsoleState,
  conversationId: string,
): Invitation | null {
  return (
    Object.values(state.invitations).find(
      (i) =>
        i.status === 'pending' &&
        i.conversationId === conversationId &&
        i.inviter.id === state.me.id,
    ) ?? null
  );
}

/** What the inviter is told when their invitation is answered; null when there is nothing to say. */
export function invitationOutcome(inv: Invitation, meId: string): string | null {
  if (inv.inviter.id !== meId || inv.invitee.id === meId) return null;
  switch (inv.status) {
    case 'accepted':
      return inv.inviterLeaves
        ? `${inv.invitee.name} joined the chat and took it over`
        : `${inv.invitee.name} joined the chat`;
    case 'declined':
      return `${inv.invitee.name} declined your invitation`;
    default:
      return null;
  }
}
