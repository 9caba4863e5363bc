#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (from `node --cpu-prof` or `bench/run.mjs --cpu-prof`):
// self time by function, self time by package/module, and total (inclusive) time by function.
//
//   node bench/profile-summary.mjs <file.cpuprofile> [top=25]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function where(url) {
  if (!url) return '';
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) return u.slice(nm + 14);
  const apps = u.indexOf('/apps/');
  if (apps >= 0) return u.slice(apps + 1);
  return u;
}

/** The bucket a frame's self time goes to: an npm package, node internals, the app, or V8. */
function category(frame) {
  const url = frame.url ?? '';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  if (url.includes('/apps/server/')) {
    const m = /apps\/server\/(?:dist|src)\/([^/]+)/.exec(url);
    return `server/${m ? m[1].replace(/\.(js|ts)$/, '') : '?'}`;
  }
  if (url.includes('/packages/protocol/')) return 'protocol';
  if (url) return 'other js';
  const fn = frame.functionName;
  if (fn === '(garbage collector)') return '(gc)';
  if (fn === '(idle)' || fn === '(program)' || fn === '(root)') return fn;
  return '(native)';
}

export function summarizeProfile(file, top = 25) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  const { samples, timeDeltas } = prof;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time since the previous sample: attribute it to the next sample.
    const dt = timeDeltas[i + 1] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + dt);
  }
  const key = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'}  ${where(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
  };
  let total = 0;
  let idle = 0;
  const selfByFn = new Map();
  const selfByCat = new Map();
  const totalByFn = new Map();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    total += us;
    if (n.callFrame.functionName === '(idle)') idle += us;
    selfByFn.set(key(n), (selfByFn.get(key(n)) ?? 0) + us);
    const cat = category(n.callFrame);
    selfByCat.set(cat, (selfByCat.get(cat) ?? 0) + us);
    // Inclusive: every distinct function on this sample's stack gets the sample once.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      totalByFn.set(k, (totalByFn.get(k) ?? 0) + us);
    }
  }
  const busy = total - idle;
  const pct = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const ms = (us) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  const lines = [`busy ${ms(busy)} of ${ms(total)} sampled (percentages of busy time)`];
  lines.push('self time by package / module:');
  for (const [k, us] of sorted(selfByCat)
    .filter(([k]) => k !== '(idle)')
    .slice(0, top))
    lines.push(`  ${pct(us)} ${ms(us)}  ${k}`);
  lines.push('self time by function:');
  for (const [k, us] of sorted(selfByFn)
    .filter(([k]) => !k.startsWith('(idle)'))
    .slice(0, top))
    lines.push(`  ${pct(us)} ${ms(us)}  ${k}`);
  lines.push('total (inclusive) time by function:');
  const skip = /^\((root|idle|program|garbage collector)\)/;
  for (const [k, us] of sorted(totalByFn)
    .filter(([k]) => !skip.test(k))
    .slice(0, top))
    lines.push(`  ${pct(us)} ${ms(us)}  ${k}`);
  return { busyUs: busy, totalUs: total, lines };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [top]');
    process.exit(2);
  }
  for (const l of summarizeProfile(file, Number(top ?? 25)).lines) console.log(l);
}
