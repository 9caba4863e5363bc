import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Cluster } from './cluster.js';

/** pino's error and fatal levels. */
const ERROR_LEVEL = 50;

const logFile = (cluster: Cluster, node: string) => path.join(cluster.dir, node, 'node.log');

const sizeOf = (file: string) => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

/** The error lines (level 50 and up) each node logged after `offsets` (bytes into its log). */
export function errorsSince(cluster: Cluster, offsets: Map<string, number>): string[] {
  const out: string[] = [];
  for (const node of cluster.nodes) {
    const file = logFile(cluster, node.name);
    const from = offsets.get(node.name) ?? 0;
    const size = sizeOf(file);
    if (size <= from) continue;
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(size - from);
      fs.readSync(fd, buf, 0, buf.length, from);
      for (const line of buf.toString('utf8').split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const entry = JSON.parse(line) as { level?: number; msg?: string; err?: unknown };
          if ((entry.level ?? 0) >= ERROR_LEVEL) out.push(`${node.name}: ${line.slice(0, 1500)}`);
        } catch {
          // A line cut by a kill: not a log entry.
        }
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  return out;
}

/**
 * Fails a test during which any node logged an error: a handler that failed (a deadlock
 * answered as INTERNAL), a routing pass or a bus subscriber that threw. Faults a test causes
 * on purpose (kill -9, Redis away) log warnings, not errors.
 */
export function failOnServerErrors(cluster: () => Cluster): void {
  let offsets = new Map<string, number>();
  beforeEach(() => {
    const c = cluster();
    offsets = new Map(c.nodes.map((n) => [n.name, sizeOf(logFile(c, n.name))]));
  });
  afterEach(() => {
    expect(errorsSince(cluster(), offsets), 'errors logged by the nodes').toEqual([]);
  });
}
