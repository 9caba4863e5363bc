import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface HaproxyLib {
  haproxyConfig(o: {
    port: number;
    nodes: Array<{ name: string; host?: string; port: number }>;
  }): string;
  haproxyBinary(): string;
}
let lib: HaproxyLib;
beforeAll(async () => {
  const url = pathToFileURL(path.join(root, 'scripts/lib/haproxy.mjs')).href;
  lib = (await import(url)) as HaproxyLib;
});

/** Directives per section ("defaults", "frontend parley", ...), comments and blank lines out. */
function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const raw of text.split('\n')) {
    if (/^\s*(#|$)/.test(raw)) continue;
    const line = raw.trim().replace(/\s+/g, ' ');
    if (/^\S/.test(raw)) out.set(line, (current = []));
    else current?.push(line);
  }
  return out;
}

const byKind = (lines: string[], kind: string) => lines.filter((l) => l.startsWith(`${kind} `));
const without = (lines: string[], ...kinds: string[]) =>
  lines.filter((l) => !kinds.some((k) => l.startsWith(`${k} `)));

/** `lines` holds every line of `expected`, in the same order, with anything else in between. */
function inOrder(lines: string[], expected: string[]): string[] {
  const missing: string[] = [];
  let at = 0;
  for (const e of expected) {
    const found = lines.indexOf(e, at);
    if (found < 0) missing.push(e);
    else at = found + 1;
  }
  return missing;
}

describe.each([
  { file: 'deploy/haproxy.cfg', nodes: ['10.0.0.11', '10.0.0.12', '10.0.0.13'], port: 3000 },
  { file: 'deploy/haproxy.compose.cfg', nodes: ['parley-1', 'parley-2'], port: 3000 },
])('$file', ({ file, nodes, port }) => {
  const text = fs.readFileSync(path.join(root, file), 'utf8');

  it('is a valid configuration for the installed HAProxy', () => {
    const check = spawnSync(lib.haproxyBinary(), ['-c', '-f', path.join(root, file)], {
      encoding: 'utf8',
    });
    expect(check.stderr).not.toMatch(/\[ALERT\]/);
    expect(check.status).toBe(0);
  });

  it('holds the directives scripts/lib/haproxy.mjs writes, and the same node lines', () => {
    const generated = sections(
      lib.haproxyConfig({
        port: 3000,
        nodes: nodes.map((host, i) => ({ name: `node-${i + 1}`, host, port })),
      }),
    );
    const deployed = sections(text);
    for (const name of ['defaults', 'frontend parley', 'backend nodes']) {
      const want = generated.get(name)!;
      const have = deployed.get(name);
      expect(have, name).toBeDefined();
      // Order matters for http-request rules; deploy files may add logging and resolvers.
      expect(
        inOrder(without(have!, 'bind', 'server'), without(want, 'bind', 'server')),
        name,
      ).toEqual([]);
      expect(byKind(have!, 'server'), name).toEqual(byKind(want, 'server'));
    }
    expect(byKind(deployed.get('frontend parley')!, 'bind').length).toBeGreaterThan(0);
  });
});
