import { logLevelFor } from '../../errors.js';
import type { Deps } from '../deps.js';
import { visitorLeft } from './visitors.js';
import { visitorPresenceChanged } from './visitorSessions.js';

/**
 * Counts one live connection of a visitor (a page's event stream or a chat socket). Returns
 * whether the visitor already had another one, i.e. this page continues their visit.
 */
export async function trackVisitorConnection(
  deps: Deps,
  visitorId: string,
  connectionId: string,
  onClose: (close: () => void) => void,
): Promise<{ stillHere: boolean }> {
  // Moving to the next page closes one connection and opens another a moment later; waiting
  // before calling the visitor gone keeps the console from flickering.
  const graceMs = deps.config.visitorLeftGraceMs;
  const warn = (err: unknown) =>
    deps.log[logLevelFor(err, 'warn')]({ err, visitorId }, 'visitor presence update failed');
  let closed = false;
  onClose(() => {
    closed = true;
    void deps.presence.visitorDisconnect(visitorId, connectionId).then((left) => {
      if (left > 0) return;
      const check = () =>
        deps.presence
          .onlineVisitors([visitorId])
          .then(async (online) => {
            if (online.has(visitorId)) return;
            await visitorLeft(deps, visitorId);
            await visitorPresenceChanged(deps, visitorId);
          })
          .catch(warn);
      if (graceMs <= 0) void check();
      else setTimeout(() => void check(), graceMs).unref();
    }, warn);
  });
  const count = await deps.presence.visitorConnect(visitorId, connectionId);
  if (closed) {
    // Closed before it was counted: take it back out.
    await deps.presence.visitorDisconnect(visitorId, connectionId);
    return { stillHere: count > 1 };
  }
  if (count === 1) visitorPresenceChanged(deps, visitorId).catch(warn);
  return { stillHere: count > 1 };
}
