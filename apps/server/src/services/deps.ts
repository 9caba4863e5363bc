import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { AttemptLog } from '../ports/attempts.js';
import type { Bus } from '../ports/bus.js';
import type { Clock } from '../ports/clock.js';
import type { FileStore } from '../ports/fileStore.js';
import type { GeoLocator } from '../ports/geo.js';
import type { Mailer } from '../ports/mailer.js';
import type { Metrics } from '../ports/metrics.js';
import type { Presence } from '../ports/presence.js';
import type { RateLimiter } from '../ports/rateLimiter.js';
import type { Dialect } from '../storage/database.js';
import type { MessageWriter } from '../storage/messageWriter.js';
import type { Store } from '../storage/store.js';

/** What every use case may touch. Built once in the composition root; tests build their own. */
export interface Deps {
  /** The database, only ever passed to the repository functions in `storage/`. */
  readonly store: Store;
  readonly dialect: Dialect;
  readonly writer: MessageWriter;
  readonly bus: Bus;
  readonly clock: Clock;
  readonly presence: Presence;
  /** Abuse limits; shared by the nodes of a cluster. */
  readonly rateLimiter: RateLimiter;
  /** Failed attempts (sign-ins) per account and address; shared by the nodes of a cluster. */
  readonly attempts: AttemptLog;
  readonly files: FileStore;
  readonly mailer: Mailer;
  /** Country, region and city of an IP address, for visitor details. */
  readonly geo: GeoLocator;
  /**
   * Prometheus counters of this node. Optional so that service tests need none; the app
   * always sets it.
   */
  readonly metrics?: Metrics;
  readonly config: Config;
  readonly log: Logger;
}
