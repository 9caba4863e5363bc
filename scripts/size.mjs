// `npm run size`: gzip sizes of what a visitor downloads. loader.js is on every page of the
// customer's site; the chat bundle is what opening the chat loads (frame page, its scripts,
// styles and preloads) plus, as the honest worst case, the largest of the language files the
// bundle fetches for visitors who do not read English (only one is ever loaded). Exits
// non-zero above the budgets, so CI fails on a regression.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = { loader: 6 * 1024, chat: 50 * 1024 };
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../apps/widget/dist');

const gz = (file) => gzipSync(fs.readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const loaderFile = path.join(dist, 'loader.js');
const frameFile = path.join(dist, 'frame.html');
if (!fs.existsSync(loaderFile) || !fs.existsSync(frameFile)) {
  console.error('apps/widget/dist is missing: run `npm run build` first.');
  process.exit(1);
}

const html = fs.readFileSync(frameFile, 'utf8');
const assets = new Set();
for (const m of html.matchAll(/(?:src|href)="\/widget\/([^"]+\.(?:js|css))"/g)) assets.add(m[1]);
const chatFiles = [frameFile, ...[...assets].map((a) => path.join(dist, a))];

// Languages are assets the chat's scripts name (assets/ru-HASH.json); count the largest one.
const languages = new Set();
for (const f of chatFiles.filter((f) => f.endsWith('.js')))
  for (const m of fs.readFileSync(f, 'utf8').matchAll(/\/widget\/(assets\/[a-z]{2}-[\w-]+\.json)/g))
    languages.add(path.join(dist, m[1]));
const largestLanguage = [...languages].sort((a, b) => gz(b) - gz(a))[0];
if (largestLanguage) chatFiles.push(largestLanguage);

const loader = gz(loaderFile);
const chat = chatFiles.reduce((sum, f) => sum + gz(f), 0);
console.log(`loader.js            ${kb(loader).padStart(9)}  (budget ${kb(BUDGET.loader)})`);
console.log(
  `chat when opened     ${kb(chat).padStart(9)}  (budget ${kb(BUDGET.chat)}; ${chatFiles.length} files, largest of ${languages.size} languages)`,
);
for (const f of chatFiles) console.log(`  ${path.relative(dist, f).padEnd(40)} ${kb(gz(f))}`);
console.log(JSON.stringify({ loaderGzipBytes: loader, chatGzipBytes: chat }));

const over = [loader > BUDGET.loader && 'loader.js', chat > BUDGET.chat && 'chat bundle'].filter(
  Boolean,
);
if (over.length > 0) {
  console.error(`Over budget: ${over.join(', ')}`);
  process.exit(1);
}
