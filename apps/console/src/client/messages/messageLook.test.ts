import { describe, expect, it } from 'vitest';
import { me, message } from '../core/fixtures';
import { messageLook } from './messageLook';

const agent = (id: string) => ({ type: 'agent' as const, id, name: 'Someone' });

describe('messageLook', () => {
  it('puts the visitor left and the team right', () => {
    expect(messageLook(message('c1', 1), me.id)).toEqual({
      side: 'visitor',
      tone: 'visitor',
      isPrivate: false,
    });
    expect(messageLook(message('c1', 1, { author: agent(me.id) }), me.id)).toEqual({
      side: 'agent',
      tone: 'mine',
      isPrivate: false,
    });
    expect(messageLook(message('c1', 1, { author: agent('ana') }), me.id).tone).toBe('colleague');
  });

  it('marks private notes, mine or a colleague’s, in the note style with the eye', () => {
    for (const id of [me.id, 'ana']) {
      expect(
        messageLook(message('c1', 1, { author: agent(id), visibility: 'private' }), me.id),
      ).toEqual({ side: 'agent', tone: 'private', isPrivate: true });
    }
  });
});
