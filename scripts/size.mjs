// `npm run size`: gzip sizes of what a visitor downloads (see widgetSize.mjs for what counts).
// Exits non-zero above the budgets, so CI fails on a regression.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gz, widgetSizes } from './widgetSize.mjs';

const BUDGET = { loader: 6 * 1024, chat: 50 * 1024 };
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../apps/widget/dist');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

let sizes;
try {
  sizes = widgetSizes(dist);
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
const { loaderGzipBytes: loader, chatGzipBytes: chat, chatFiles, languageCount } = sizes;
console.log(`loader.js            ${kb(loader).padStart(9)}  (budget ${kb(BUDGET.loader)})`);
console.log(
  `chat when opened     ${kb(chat).padStart(9)}  (budget ${kb(BUDGET.chat)}; ${chatFiles.length} files, largest of ${languageCount} languages)`,
);
for (const f of chatFiles) console.log(`  ${f.padEnd(40)} ${kb(gz(path.join(dist, f)))}`);
console.log(JSON.stringify({ loaderGzipBytes: loader, chatGzipBytes: chat }));

const over = [loader > BUDGET.loader && 'loader.js', chat > BUDGET.chat && 'chat bundle'].filter(
  Boolean,
);
if (over.length > 0) {
  console.error(`Over budget: ${over.join(', ')}`);
  process.exit(1);
}
