import { describe, expect, it } from 'vitest';
import { autoAwayDue } from './autoAway';
import { embedSnippet } from './labels';
import { parseRoute, routeHref } from './route';

describe('routes', () => {
  it('reads pages from the hash, defaulting to chats and to general settings', () => {
    expect(parseRoute('')).toEqual({ page: 'chats' });
    expect(parseRoute('#/tickets')).toEqual({ page: 'tickets' });
    expect(parseRoute('#/tickets/t-1')).toEqual({ page: 'tickets', ticketId: 't-1' });
    expect(parseRoute('#/archive')).toEqual({ page: 'archive' });
    expect(parseRoute('#/archive/c-1')).toEqual({ page: 'archive', conversationId: 'c-1' });
    expect(parseRoute('#/visitors')).toEqual({ page: 'visitors' });
    expect(parseRoute('#/settings/bans')).toEqual({ page: 'settings', section: 'bans' });
    expect(parseRoute('#/settings')).toEqual({ page: 'settings', section: 'general' });
    expect(parseRoute('#/settings/sites')).toEqual({ page: 'settings', section: 'sites' });
    expect(parseRoute('#/settings/nope')).toEqual({ page: 'settings', section: 'general' });
    expect(parseRoute('#/elsewhere')).toEqual({ page: 'chats' });
  });

  it('writes what it reads', () => {
    for (const hash of [
      '#/',
      '#/tickets',
      '#/tickets/t-1',
      '#/archive',
      '#/archive/c-1',
      '#/visitors',
      '#/settings/agents',
      '#/settings/bans',
    ]) {
      expect(routeHref(parseRoute(hash))).toBe(hash);
    }
  });
});

describe('autoAwayDue', () => {
  const minute = 60_000;
  it('sets an idle Online agent Away after the configured minutes', () => {
    expect(autoAwayDue('online', 5, 0, 5 * minute)).toBe(true);
    expect(autoAwayDue('online', 5, 0, 5 * minute - 1)).toBe(false);
  });

  it('is off at 0 and leaves other statuses alone', () => {
    expect(autoAwayDue('online', 0, 0, 99 * minute)).toBe(false);
    for (const status of ['away', 'invisible', 'offline'] as const) {
      expect(autoAwayDue(status, 5, 0, 99 * minute)).toBe(false);
    }
  });
});

describe('embedSnippet', () => {
  it('points the loader at this server with the site key', () => {
    expect(embedSnippet('https://chat.example.com', 'site_abc')).toBe(
      '<script async src="https://chat.example.com/widget/loader.js" data-site="site_abc"></script>',
    );
  });
});
