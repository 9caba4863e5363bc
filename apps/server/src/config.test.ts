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
});
