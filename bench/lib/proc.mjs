// Reading a process's CPU time and memory from /proc (Linux), the same way for every target.
import fs from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat utime and stime (USER_HZ, 100 on Linux). */
export const CLK_TCK = 100;

/** CPU time (user + system, all threads) of `pid` in milliseconds, or null if it is gone. */
export function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Resident set size of `pid` in bytes (VmRSS), or null. */
export function rssBytes(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Pids of every process whose command name is `comm` (e.g. every `postgres` process). */
export function pidsByComm(comm) {
  const out = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === comm) out.push(Number(d));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** CPU milliseconds per pid for a set of processes (e.g. the PostgreSQL cluster). */
export function cpuSnapshot(pids) {
  const snap = new Map();
  for (const pid of pids) {
    const v = cpuMs(pid);
    if (v !== null) snap.set(pid, v);
  }
  return snap;
}

/**
 * CPU used between two snapshots of a process group. A process that appeared meanwhile counts
 * from zero, as all its CPU was spent in the window (near enough for a pool's new backend).
 */
export function cpuDelta(before, after) {
  let sum = 0;
  for (const [pid, v] of after) sum += v - (before.get(pid) ?? 0);
  return sum;
}

/** Machine-wide CPU time from /proc/stat, in milliseconds: busy (not idle/iowait) and iowait. */
export function systemCpu() {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , iowait, irq, softirq, steal] = v;
  const tick = 1000 / CLK_TCK;
  return {
    busyMs: (user + nice + system + irq + softirq + steal) * tick,
    iowaitMs: iowait * tick,
  };
}
