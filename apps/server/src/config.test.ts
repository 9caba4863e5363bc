import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to SQLite under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.kind).toBe('sqlite');
    expect(c.database.kind === 'sqlite' && c.database.file).toMatch(/data\/parley\.sqlite$/);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@127.0.0.1/db',
      PUBLIC_URL: 'https://chat.example.com/',
    });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@127.0.0.1/db' });
    expect(c.publicUrl).toBe('https://chat.example.com');
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://x',
        PUBLIC_URL: 'not a url',
        PARLEY_ADMIN_EMAIL: 'a@b.co',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/PUBLIC_URL/);
    expect(problems).toMatch(/PARLEY_ADMIN_PASSWORD/);
  });
});

describe('cluster configuration', () => {
  it('refuses Redis on SQLite with a clear reason', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /REDIS_URL: a cluster needs PostgreSQL/,
    );
  });

  it('runs as a named cluster node with PostgreSQL and Redis', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@127.0.0.1/db',
      REDIS_URL: 'redis://127.0.0.1:6380',
      NODE_ID: 'node-2',
    });
    expect(c.redisUrl).toBe('redis://127.0.0.1:6380');
    expect(c.nodeId).toBe('node-2');
  });

  it('refuses a Redis URL of another scheme', () => {
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', REDIS_URL: 'http://x' }),
    ).toThrow(/REDIS_URL must start with redis:\/\//);
  });

  it('reads visitor limits and upload quotas, naming every malformed one', () => {
    const c = loadConfig({
      RATE_LIMIT_MESSAGES: '30/10s',
      RATE_LIMIT_PAGE_VIEWS_PER_IP: '1000/2m',
      UPLOAD_QUOTA_MB_PER_DAY: '50',
    });
    expect(c.visitorLimits.messages.perVisitor).toEqual({ limit: 30, windowMs: 10_000 });
    expect(c.visitorLimits.messages.perAddress).toEqual({ limit: 200, windowMs: 10_000 });
    expect(c.visitorLimits.pageViews.perAddress).toEqual({ limit: 1000, windowMs: 120_000 });
    expect(c.visitorLimits.sessions.perVisitor).toBeNull();
    expect(c.uploadQuota.mbPerDay).toBe(50);
    let error: unknown;
    try {
      loadConfig({ RATE_LIMIT_TICKETS: 'lots', UPLOAD_QUOTA_FILES_PER_DAY: '0' });
    } catch (err) {
      error = err;
    }
    expect((error as ConfigError).problems).toEqual([
      'RATE_LIMIT_TICKETS: use count/window, e.g. 20/10s, 100/10m or 5/1h',
      'UPLOAD_QUOTA_FILES_PER_DAY: a whole number of at least 1',
    ]);
  });
});

describe('ticket email configuration', () => {
  it('reads the inbound listener and the support address', () => {
    const c = loadConfig({
      INBOUND_SMTP_PORT: '2525',
      INBOUND_DOMAIN: 'Help.Example.com',
      INBOUND_MAX_MB: '5',
    });
    expect(c.inbound).toMatchObject({
      port: 2525,
      domain: 'help.example.com',
      mailbox: 'support',
      maxBytes: 5 * 1024 * 1024,
    });
    expect(loadConfig({}).inbound.port).toBeNull();
  });

  it('refuses a listener without a domain, and a malformed domain', () => {
    expect(() => loadConfig({ INBOUND_SMTP_PORT: '2525' })).toThrow(/INBOUND_DOMAIN: the inbound/);
    expect(() => loadConfig({ INBOUND_DOMAIN: 'not a domain' })).toThrow(
      /INBOUND_DOMAIN must be a domain name/,
    );
  });
});
