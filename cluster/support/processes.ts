import type { ChildProcess } from 'node:child_process';

/**
 * Every process a cluster test starts (nodes, redis-server, haproxy), by pid, so that none
 * outlives the run: stopped in afterAll, and killed on exit should the run itself die first.
 */
const live = new Map<number, ChildProcess>();

export function trackProcess(child: ChildProcess, what: string): void {
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${what} did not start (no pid)`);
  live.set(pid, child);
  child.once('exit', () => live.delete(pid));
}

export function isRunning(child: ChildProcess | null | undefined): boolean {
  return !!child && child.exitCode === null && child.signalCode === null;
}

/** Sends `signal` to the process by its pid and resolves once it has exited. */
export async function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  forceAfterMs = 15_000,
): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid!, signal);
  const force = setTimeout(() => {
    if (isRunning(child)) process.kill(child.pid!, 'SIGKILL');
  }, forceAfterMs);
  await exited;
  clearTimeout(force);
}

export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...live.values()].map((c) => stopProcess(c, 'SIGKILL')));
}

process.once('exit', () => {
  for (const pid of live.keys()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});
