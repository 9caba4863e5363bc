/**
 * Which node runs the timers that must run once (offer timeouts, the offline grace period,
 * unserved chats, purges, dead-node reaping). Event-driven work runs on any node.
 */
export interface Leadership {
  isLeader(): boolean;
  start(): void;
  stop(): Promise<void>;
}

/** One process: it always leads. */
export const soleNode: Leadership = {
  isLeader: () => true,
  start: () => undefined,
  stop: () => Promise.resolve(),
};
