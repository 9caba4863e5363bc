import { describe, expect, it } from 'vitest';
import { conversation, me, mine } from '../core/fixtures';
import {
  canAssign,
  canClose,
  canInvite,
  canLeave,
  canSeeRoutingLog,
  canTakeOver,
  canTransfer,
  closedNotice,
  closeNeedsConfirm,
  composerMode,
} from './permissions';

const ana = { id: 'ana', name: 'Ana', avatarUrl: null };
const supervisor = { ...me, role: 'supervisor' as const };
const theirs = conversation('t', { status: 'active', assignee: ana });
const invited = conversation('i', {
  status: 'active',
  assignee: ana,
  participants: [{ id: me.id, name: me.name, avatarUrl: null }],
});

describe('closing', () => {
  it('asks for confirmation only while the visitor is still there', () => {
    expect(closeNeedsConfirm(mine('c1', { visitorOnline: true }))).toBe(true);
    expect(closeNeedsConfirm(mine('c1', { visitorOnline: false }))).toBe(false);
    expect(closeNeedsConfirm(mine('c1', { status: 'closed', visitorOnline: true }))).toBe(false);
  });

  it('says who ended a closed chat', () => {
    expect(closedNotice(mine('c1'))).toBeNull();
    expect(closedNotice(mine('c1', { status: 'closed', closedBy: 'visitor' }))).toBe(
      'The visitor ended the chat',
    );
    expect(closedNotice(mine('c1', { status: 'closed', closedBy: 'agent' }))).toBe(
      'The chat was closed',
    );
    expect(closedNotice(mine('c1', { status: 'closed', closedBy: 'system' }))).toBe(
      'The chat was closed automatically',
    );
  });

  it('owners and supervisors close; invited colleagues leave instead', () => {
    expect(canClose(mine('c1'), me)).toBe(true);
    expect(canClose(theirs, me)).toBe(false);
    expect(canClose(theirs, supervisor)).toBe(true);
    expect(canClose(conversation('w'), supervisor)).toBe(true);
    expect(canClose(invited, me)).toBe(false);
    expect(canLeave(invited, me)).toBe(true);
    expect(canLeave(mine('c1'), me)).toBe(false);
  });
});

describe('routing actions', () => {
  it('transfer: the owner or a supervisor, on an active chat', () => {
    expect(canTransfer(mine('c1'), me)).toBe(true);
    expect(canTransfer(theirs, me)).toBe(false);
    expect(canTransfer(theirs, supervisor)).toBe(true);
    expect(canTransfer(conversation('w'), supervisor)).toBe(false);
  });

  it('take over and assign are for supervisors', () => {
    expect(canTakeOver(theirs, supervisor)).toBe(true);
    expect(canTakeOver(theirs, me)).toBe(false);
    expect(
      canTakeOver(mine('c1', { assignee: { id: me.id, name: '', avatarUrl: null } }), supervisor),
    ).toBe(false);
    expect(canAssign(conversation('w'), supervisor)).toBe(true);
    expect(canAssign(conversation('w'), me)).toBe(false);
  });

  it('invite: anyone in the chat, or a supervisor', () => {
    expect(canInvite(mine('c1'), me)).toBe(true);
    expect(canInvite(invited, me)).toBe(true);
    expect(canInvite(theirs, me)).toBe(false);
    expect(canInvite(theirs, supervisor)).toBe(true);
  });

  it('the routing log is for the owner and supervisors', () => {
    expect(canSeeRoutingLog(mine('c1'), me)).toBe(true);
    expect(canSeeRoutingLog(invited, me)).toBe(false);
    expect(canSeeRoutingLog(theirs, supervisor)).toBe(true);
  });
});

describe('composerMode', () => {
  it('owner and invited colleague write both ways', () => {
    expect(composerMode(mine('c1'), me)).toMatchObject({ public: true, private: true });
    expect(composerMode(invited, me)).toMatchObject({ public: true, private: true });
  });

  it('a waiting chat can be answered, which accepts it', () => {
    expect(composerMode(conversation('w'), me)).toEqual({
      public: true,
      private: true,
      hint: 'Replying accepts this chat.',
    });
  });

  it("a supervisor in someone else's chat only whispers", () => {
    const mode = composerMode(theirs, supervisor);
    expect(mode).toMatchObject({ public: false, private: true });
    expect(mode.hint).toMatch(/Whisper to Ana/);
  });

  it('nobody writes to a closed chat', () => {
    expect(composerMode(mine('c1', { status: 'closed' }), me)).toMatchObject({
      public: false,
      private: false,
    });
  });
});
