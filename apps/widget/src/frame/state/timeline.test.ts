import { describe, expect, it } from 'vitest';
import type { ChatMessage, PendingMessage } from './messages';
import { buildTimeline } from './timeline';

const at = (min: number) => new Date(2025, 0, 1, 10, min).toISOString();

function m(
  seq: number,
  type: 'visitor' | 'agent' | 'system',
  min: number,
  name: string | null = null,
): ChatMessage {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    clientId: `client-${seq}-xxxxxxxx`,
    author: { type, id: null, name },
    body: `b${seq}`,
    visibility: 'public',
    createdAt: at(min),
  };
}

describe('buildTimeline', () => {
  it('starts with a day divider and groups runs by author', () => {
    const items = buildTimeline(
      [
        m(1, 'visitor', 0, '#1234'),
        m(2, 'agent', 1, 'Ana'),
        m(3, 'agent', 2, 'Ana'),
        m(4, 'agent', 3, 'Bo'),
      ],
      [],
    );
    expect(items.map((i) => i.kind)).toEqual(['day', 'message', 'message', 'message', 'message']);
    const rows = items.filter((i) => i.kind === 'message');
    expect(rows.map((r) => [r.first, r.last])).toEqual([
      [true, true],
      [true, false],
      [false, true],
      [true, true],
    ]);
  });

  it('puts pending sends last, keyed like their delivered form, in the visitor group', () => {
    const pending: PendingMessage = {
      clientId: 'client-9-xxxxxxxx',
      conversationId: 'c1',
      body: 'p',
      createdAt: at(1),
      state: 'sending',
    };
    const items = buildTimeline([m(1, 'visitor', 0, '#1234')], [pending]).filter(
      (i) => i.kind === 'message',
    );
    expect(items.map((i) => i.key)).toEqual(['c:client-1-xxxxxxxx', 'c:client-9-xxxxxxxx']);
    expect(items[1]?.pending).toBe(pending);
    expect(items[1]?.first).toBe(false);
  });

  it('never groups system lines and splits groups after a long pause', () => {
    const items = buildTimeline(
      [m(1, 'system', 0), m(2, 'system', 0), m(3, 'agent', 1, 'Ana'), m(4, 'agent', 30, 'Ana')],
      [],
    );
    const rows = items.filter((i) => i.kind === 'message');
    expect(rows.every((r) => r.first && r.last)).toBe(true);
  });

  it('carries attachments, options, pending files and the "Seen" marker', () => {
    const withFile: ChatMessage = {
      ...m(1, 'visitor', 0),
      attachments: [
        { id: 'f1', name: 'a.pdf', size: 10, contentType: 'application/pdf', isImage: false },
      ],
    };
    const options: ChatMessage = {
      ...m(2, 'agent', 1, 'Ana'),
      kind: 'options',
      choices: ['A', 'B'],
    };
    const pending: PendingMessage = {
      clientId: 'client-9-xxxxxxxx',
      conversationId: 'c1',
      body: '',
      createdAt: at(2),
      state: 'sending',
    };
    const upload = {
      key: 'u1',
      file: new File(['x'], 'b.png'),
      name: 'b.png',
      size: 1,
      owner: pending.clientId,
      status: 'uploading' as const,
      loaded: 0,
      conversationId: 'c1',
      attachment: null,
    };
    const rows = buildTimeline([withFile, options], [pending], [upload], 'm1').filter(
      (i) => i.kind === 'message',
    );
    expect(rows.map((r) => [r.messageKind, r.seen])).toEqual([
      ['text', true],
      ['options', false],
      ['text', false],
    ]);
    expect(rows[0]?.attachments.map((a) => a.name)).toEqual(['a.pdf']);
    expect(rows[1]?.choices).toEqual(['A', 'B']);
    expect(rows[2]?.uploads.map((u) => u.name)).toEqual(['b.png']);
  });
});
