// `npm start`: builds whatever is missing or older than its sources, then runs the server in
// this process. A fresh clone therefore needs only `npm install && npm start`.
import { pathToFileURL } from 'node:url';
import { buildIfStale, serverMain } from './lib/build.mjs';

buildIfStale();
await import(pathToFileURL(serverMain).href);
