import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Re-checks `check` every `intervalMs` until it returns something truthy (which is returned),
 * failing after `timeoutMs` with a message naming `what` never happened. `stopIf` may give up
 * early with a reason (a process that exited, say).
 */
export async function pollUntil<T>(
  check: () => T | Promise<T>,
  opts: {
    timeoutMs: number;
    what: string;
    intervalMs?: number;
    stopIf?: () => string | null;
    /** Appended to the failure: the last state seen, for whoever reads the failure. */
    describe?: () => string;
  },
): Promise<NonNullable<T>> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    const reason = opts.stopIf?.();
    if (reason) throw new Error(`gave up waiting for ${opts.what}: ${reason}`);
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      lastError = null;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const detail = opts.describe ? `; last seen: ${opts.describe()}` : '';
      const cause = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`${opts.what} did not happen within ${opts.timeoutMs} ms${detail}${cause}`);
    }
    await delay(opts.intervalMs ?? 100);
  }
}
