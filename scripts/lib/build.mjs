// Builds whatever is missing or older than its sources, in dependency order: shared by
// `npm start` and `npm run start:cluster`, so a fresh clone needs only `npm install` first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The server's entry point once built. */
export const serverMain = path.join(root, 'apps/server/dist/main.js');

/** Build steps in dependency order: each with the sources it reads and the file it produces. */
const steps = [
  {
    workspace: '@parley/protocol',
    sources: ['packages/protocol/src'],
    output: 'packages/protocol/dist/index.js',
  },
  {
    workspace: '@parley/widget',
    sources: ['packages/protocol/src', 'apps/widget/src', 'apps/widget/frame.html'],
    output: 'apps/widget/dist/loader.js',
  },
  {
    workspace: '@parley/console',
    sources: ['packages/protocol/src', 'apps/console/src', 'apps/console/index.html'],
    output: 'apps/console/dist/index.html',
  },
  { workspace: '@parley/server', sources: ['apps/server/src'], output: 'apps/server/dist/main.js' },
];

function newestMtime(p) {
  const abs = path.join(root, p);
  if (!fs.existsSync(abs)) return 0;
  const stat = fs.statSync(abs);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(abs))
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Runs the stale build steps; on a failed build, says so and exits with its status. */
export function buildIfStale() {
  for (const step of steps) {
    const out = path.join(root, step.output);
    const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
    const stale = built === 0 || step.sources.some((s) => newestMtime(s) > built);
    if (!stale) continue;
    process.stdout.write(`Building ${step.workspace}...\n`);
    const result = spawnSync('npm', ['run', 'build', '-w', step.workspace], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      process.stderr.write(`Build of ${step.workspace} failed; see above.\n`);
      process.exit(result.status ?? 1);
    }
  }
}
