import type { Tag } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { conversation, me } from '../core/fixtures';
import { initialState } from '../core/state';
import { describeLogEntry } from '../conversations/routingLog';
import { applyTagList, tagsToAdd } from './tags';

const tag = (id: string, name: string, color: Tag['color'] = 'teal'): Tag => ({
  id,
  name,
  color,
  createdAt: '2025-01-01T00:00:00.000Z',
});

function withChats() {
  const refund = { id: 't1', name: 'Refund', color: 'red' as const };
  return {
    ...initialState(me),
    conversations: {
      c1: conversation('c1', { tags: [refund] }),
      c2: conversation('c2'),
    },
  };
}

describe('tag changes on the chats a console holds', () => {
  it('shows a renamed or recoloured tag on every chat carrying it', () => {
    const next = applyTagList(withChats(), [tag('t1', 'Refunds', 'orange')]);
    expect(next.conversations.c1!.tags).toEqual([{ id: 't1', name: 'Refunds', color: 'orange' }]);
  });

  it('takes a deleted tag off its chats', () => {
    expect(applyTagList(withChats(), []).conversations.c1!.tags).toEqual([]);
  });

  it('changes nothing when no chat carries a changed tag', () => {
    const state = withChats();
    expect(applyTagList(state, [tag('t1', 'Refund', 'red'), tag('t2', 'New')])).toBe(state);
  });
});

describe('"Add tag" choices', () => {
  it('offers the tags the chat lacks whose name holds the typed text, any case', () => {
    const all = [tag('t1', 'Refund'), tag('t2', 'Return'), tag('t3', 'VIP')];
    const chat = withChats().conversations.c1!;
    expect(tagsToAdd(all, chat, 're').map((t) => t.name)).toEqual(['Return']);
    expect(tagsToAdd(all, chat, ' v ').map((t) => t.name)).toEqual(['VIP']);
  });
});

describe('the routing log of titles and tags', () => {
  const anna = { id: 'anna', name: 'Anna' };
  const at = '2025-01-01T10:02:00.000Z';
  it('says who renamed or tagged the chat, and to what', () => {
    expect(
      [
        { at, kind: 'renamed' as const, agent: anna, actor: anna, detail: 'Late parcel' },
        { at, kind: 'renamed' as const, agent: anna, actor: anna },
        { at, kind: 'tagged' as const, agent: anna, actor: anna, detail: 'Refund' },
        { at, kind: 'untagged' as const, agent: anna, actor: anna, detail: 'Refund' },
      ].map(describeLogEntry),
    ).toEqual([
      'Anna renamed the chat “Late parcel”',
      'Anna cleared the title',
      'Anna added tag Refund',
      'Anna removed tag Refund',
    ]);
  });
});
