import { describe, expect, it, vi } from 'vitest';
import { me } from './fixtures';
import type { AgentSocket } from './request';
import { Store } from './store';
import { FakeSocket } from './testing';

function store() {
  const socket = new FakeSocket();
  const s = new Store({
    me,
    onSessionLost: vi.fn(),
    checkSession: async () => true,
    createSocket: () => socket as unknown as AgentSocket,
  });
  return { s, socket };
}

describe('Store', () => {
  it('tells listeners only about real changes, after its own hook', () => {
    const { s } = store();
    const heard: string[] = [];
    s.afterUpdate = () => heard.push('hook');
    s.subscribe(() => heard.push('listener'));
    s.update(s.state);
    expect(heard).toEqual([]);
    s.update({ ...s.state, loaded: true });
    expect(heard).toEqual(['hook', 'listener']);
  });

  it('numbers notices, so the same words twice still show twice', () => {
    const { s } = store();
    s.notify('Saved', 'info');
    const first = s.state.notice?.id;
    s.notify('Saved', 'info');
    expect(s.state.notice).toMatchObject({ message: 'Saved', tone: 'info', sticky: false });
    expect(s.state.notice?.id).toBe((first ?? 0) + 1);
  });

  it('refuses requests while offline instead of queueing them', async () => {
    const { s, socket } = store();
    expect(await s.request('conversation:close', { conversationId: 'c1' })).toMatchObject({
      ok: false,
      error: { code: 'NO_REPLY' },
    });
    expect(socket.requests).toEqual([]);
  });

  it('stops hearing the socket and its listeners once stopped', () => {
    const { s, socket } = store();
    const listener = vi.fn();
    s.subscribe(listener);
    socket.on('connect', listener);
    s.stop();
    socket.connect();
    s.update({ ...s.state, loaded: true });
    expect(s.stopped).toBe(true);
    expect(listener).not.toHaveBeenCalled();
  });
});
