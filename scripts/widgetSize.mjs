// What a visitor downloads, measured one way for `npm run size` and the benchmark: gzip -9 of
// loader.js (on every page of the customer's site), and of what opening the chat loads: the
// frame page, the scripts and styles it references, plus, as the honest worst case, the
// largest of the language files the chat fetches for visitors who do not read English (only
// one is ever loaded).
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const gz = (file) => gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Sizes of the built widget in `dist`; throws when it has not been built. */
export function widgetSizes(dist) {
  const loaderFile = path.join(dist, 'loader.js');
  const frameFile = path.join(dist, 'frame.html');
  if (!fs.existsSync(loaderFile) || !fs.existsSync(frameFile)) {
    throw new Error('apps/widget/dist is missing: run `npm run build` first.');
  }
  const html = fs.readFileSync(frameFile, 'utf8');
  const assets = new Set();
  for (const m of html.matchAll(/(?:src|href)="\/widget\/([^"]+\.(?:js|css))"/g)) assets.add(m[1]);
  const chatFiles = [frameFile, ...[...assets].map((a) => path.join(dist, a))];

  // Languages are assets the chat's scripts name (assets/ru-HASH.json); count the largest one.
  const languages = new Set();
  for (const f of chatFiles.filter((f) => f.endsWith('.js')))
    for (const m of fs
      .readFileSync(f, 'utf8')
      .matchAll(/\/widget\/(assets\/[a-z]{2}-[\w-]+\.json)/g))
      languages.add(path.join(dist, m[1]));
  const largestLanguage = [...languages].sort((a, b) => gz(b) - gz(a))[0];
  if (largestLanguage) chatFiles.push(largestLanguage);

  return {
    loaderGzipBytes: gz(loaderFile),
    chatGzipBytes: chatFiles.reduce((sum, f) => sum + gz(f), 0),
    chatFiles: chatFiles.map((f) => path.relative(dist, f)),
    languageCount: languages.size,
  };
}
