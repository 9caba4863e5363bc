import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { LocalFileStore } from '../ports/fileStore.js';
import { createMailer } from '../ports/mailer.js';
import { GeoLiteLocator } from '../ports/geo.js';
import { loadConfig } from '../config.js';
import { InProcessBus, type DomainEvent } from '../ports/bus.js';
import type { Clock } from '../ports/clock.js';
import { MemoryPresence } from '../ports/presence.js';
import { MemoryRateLimiter } from '../ports/rateLimiter.js';
import { MemoryAttemptLog } from '../ports/attempts.js';
import type { Deps } from '../services/deps.js';
import type { Storage } from '../storage/database.js';
import { MessageWriter } from '../storage/messageWriter.js';

/** Service dependencies over a test storage, with a recorded event stream and a movable clock. */
export function testDeps(storage: Storage): {
  deps: Deps;
  events: DomainEvent[];
  clock: { now(): number; advance(ms: number): void };
  /** Where mail goes (.eml files): tests read what would have been sent. */
  outboxDir: string;
} {
  const silent = pino({ level: 'silent' });
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-outbox-'));
  let now = Date.UTC(2026, 0, 5, 9, 0, 0);
  const clock: Clock & { advance(ms: number): void } = {
    now: () => now,
    advance: (ms) => void (now += ms),
  };
  const events: DomainEvent[] = [];
  const bus = new InProcessBus((err) => {
    throw err;
  });
  bus.subscribe((e) => events.push(e));
  const deps: Deps = {
    store: storage.db,
    dialect: storage.dialect,
    writer: new MessageWriter(storage, clock, () => undefined),
    bus,
    clock,
    presence: new MemoryPresence(),
    rateLimiter: new MemoryRateLimiter(clock),
    attempts: new MemoryAttemptLog(clock),
    files: new LocalFileStore(fs.mkdtempSync(path.join(os.tmpdir(), 'parley-files-'))),
    geo: new GeoLiteLocator(),
    mailer: createMailer({ from: 'Parley <parley@test.invalid>', outboxDir, log: silent }),
    config: loadConfig({}),
    log: silent,
  };
  return { deps, events, clock, outboxDir };
}
