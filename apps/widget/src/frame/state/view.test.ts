import type { QueueInfo, VisitorConversation } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { decideView, needsDepartment, type ViewInput } from './view';

function conv(
  status: VisitorConversation['status'],
  queue: QueueInfo | null = null,
  createdAt = '2025-01-01T10:00:00.000Z',
): VisitorConversation {
  return {
    id: 'c1',
    status,
    agent: status === 'active' ? { id: 'a1', name: 'Ana', avatarUrl: null } : null,
    queue,
    lastSeq: 1,
    createdAt,
    closedAt: status === 'closed' ? '2025-01-01T10:05:00.000Z' : null,
    closedBy: status === 'closed' ? 'agent' : null,
    department: null,
    rating: null,
  };
}

const base: ViewInput = {
  agentsAvailable: true,
  conversation: null,
  ticketAt: null,
  askDepartment: false,
  formInUse: false,
};
const view = (patch: Partial<ViewInput>) => decideView({ ...base, ...patch });
const inLine: QueueInfo = { position: 2, etaSeconds: 170, unserved: false };

describe('decideView', () => {
  it('shows the chat when someone can answer and nothing is going on', () => {
    expect(view({})).toEqual({ mode: 'chat', thanks: false, askDepartment: false });
  });

  it('treats an unknown availability (config not read yet) as the chat', () => {
    expect(view({ agentsAvailable: undefined }).mode).toBe('chat');
  });

  it('shows the message form when nobody is available and there is no open chat', () => {
    expect(view({ agentsAvailable: false })).toEqual({
      mode: 'offline',
      thanks: false,
      canChat: false,
    });
    expect(view({ agentsAvailable: false, ticketAt: '2025-01-01T11:00:00.000Z' })).toEqual({
      mode: 'offline',
      thanks: true,
      canChat: false,
    });
  });

  it('keeps a form being filled in when someone becomes available, offering the chat', () => {
    expect(view({ formInUse: true })).toEqual({ mode: 'offline', thanks: false, canChat: true });
    // Once sent, or with a chat going on, the form is not kept.
    expect(view({ formInUse: true, ticketAt: '2025-01-01T11:00:00.000Z' }).mode).toBe('chat');
    expect(view({ formInUse: true, conversation: conv('active') }).mode).toBe('chat');
    expect(view({ formInUse: true, conversation: conv('queued', inLine) }).mode).toBe('waiting');
  });

  it('never takes a served chat away when availability drops', () => {
    expect(view({ agentsAvailable: false, conversation: conv('active') })).toEqual({
      mode: 'chat',
      thanks: false,
      askDepartment: false,
    });
  });

  it('shows the place in line while the chat waits', () => {
    expect(view({ conversation: conv('queued', inLine) })).toEqual({
      mode: 'waiting',
      queue: inLine,
    });
    expect(view({ conversation: conv('offered', null) })).toEqual({ mode: 'waiting', queue: null });
  });

  it('offers the form to a chat that waited past the limit, and to one nobody can take', () => {
    const late = { ...inLine, unserved: true };
    expect(view({ conversation: conv('queued', late) })).toEqual({
      mode: 'unserved',
      reason: 'waited',
      queue: late,
    });
    expect(view({ agentsAvailable: false, conversation: conv('queued', inLine) })).toEqual({
      mode: 'unserved',
      reason: 'nobody',
      queue: inLine,
    });
  });

  it('keeps a closed chat readable, with the thank-you when the form closed it', () => {
    expect(view({ conversation: conv('closed') })).toEqual({ mode: 'ended', thanks: false });
    expect(view({ conversation: conv('closed'), ticketAt: '2025-01-01T10:06:00.000Z' })).toEqual({
      mode: 'ended',
      thanks: true,
    });
  });

  it('shows a waiting chat the form just closed as ended before the server says so', () => {
    const waiting = conv('queued', { ...inLine, unserved: true }, '2025-01-01T10:00:00.000Z');
    expect(view({ conversation: waiting, ticketAt: '2025-01-01T10:06:00.000Z' })).toEqual({
      mode: 'ended',
      thanks: true,
    });
    // A chat started after the ticket is a new one.
    const newer = conv('queued', inLine, '2025-01-01T10:07:00.000Z');
    expect(view({ conversation: newer, ticketAt: '2025-01-01T10:06:00.000Z' }).mode).toBe(
      'waiting',
    );
  });

  it('asks for the department only with no open chat', () => {
    expect(view({ askDepartment: true })).toEqual({
      mode: 'chat',
      thanks: false,
      askDepartment: true,
    });
    expect(view({ askDepartment: true, agentsAvailable: false }).mode).toBe('offline');
  });
});

describe('needsDepartment', () => {
  const two = [{ id: 'd1' }, { id: 'd2' }];

  it('asks only when there are two or more departments and none valid is chosen', () => {
    expect(needsDepartment(undefined, null)).toBe(false);
    expect(needsDepartment([], null)).toBe(false);
    expect(needsDepartment([{ id: 'd1' }], null)).toBe(false);
    expect(needsDepartment(two, null)).toBe(true);
    expect(needsDepartment(two, 'd2')).toBe(false);
    expect(needsDepartment(two, 'gone')).toBe(true);
  });

  it('asks the pre-chat questions before a chat, when someone can answer', () => {
    expect(view({ survey: true })).toEqual({ mode: 'survey' });
    expect(view({ survey: true, agentsAvailable: false }).mode).toBe('offline');
    expect(view({ survey: true, conversation: conv('active') }).mode).toBe('chat');
    expect(view({ survey: true, conversation: conv('closed') }).mode).toBe('ended');
  });

  it('keeps the chat ready for an invitation’s reply, even with nobody else online', () => {
    expect(view({ invitation: true, survey: true, agentsAvailable: false })).toEqual({
      mode: 'chat',
      thanks: false,
      askDepartment: false,
    });
  });
});
