import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Clock } from '../ports/clock.js';
import type { Dialect, Storage } from '../storage/database.js';
import { signIn, startServer, type AgentLogin, type TestServer } from './server.js';
import { createTestDatabase, type TestDatabase } from './storage.js';

/** What a test file's tests share: one server over a database of its own, signed-in admin. */
export interface ServerFixture {
  readonly database: TestDatabase;
  readonly storage: Storage;
  readonly server: TestServer;
  /** The first admin's session. */
  readonly admin: AgentLogin;
  /** Remembers a socket so it is disconnected after the test, whatever happened. */
  track<S extends Socket>(socket: S): S;
}

/**
 * One server for the describe block it is called in: a fresh database of `dialect` and a
 * Parley server on it before the tests, every tracked socket disconnected after each test,
 * everything closed and dropped at the end.
 */
export function useTestServer(
  dialect: Dialect,
  opts: { clock?: Clock; env?: Record<string, string>; routingTickMs?: number } = {},
): ServerFixture {
  let parts: Omit<ServerFixture, 'track'> | null = null;
  const sockets: Socket[] = [];
  const ready = () => {
    if (!parts) throw new Error('the test server is not running (did beforeAll fail?)');
    return parts;
  };
  beforeAll(async () => {
    const database = await createTestDatabase(dialect);
    const storage = database.open();
    const server = await startServer(storage, opts);
    parts = { database, storage, server, admin: await signIn(server.url) };
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    const p = parts;
    parts = null;
    if (!p) return;
    await p.server.close();
    await p.storage.close();
    await p.database.drop();
  });
  return {
    get database() {
      return ready().database;
    },
    get storage() {
      return ready().storage;
    },
    get server() {
      return ready().server;
    },
    get admin() {
      return ready().admin;
    },
    track(socket) {
      sockets.push(socket);
      return socket;
    },
  };
}
