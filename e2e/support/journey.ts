import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server.js';

/** One server, one browser, a shopper's context and an agent's, for the tests of a file. */
export interface Journey {
  server: RunningServer;
  browser: Browser;
  shopper: BrowserContext;
  agent: BrowserContext;
}

/**
 * Starts them before the file's tests and stops them after; the fields are set once
 * beforeAll has run. The shopper browses at 1280x800 unless told otherwise, the agent at
 * 1440x900.
 */
export function useJourney(shopperViewport = { width: 1280, height: 800 }): Journey {
  const j = {} as Journey;
  beforeAll(async () => {
    j.server = await startServer();
    j.browser = await launchBrowser();
    j.shopper = await j.browser.newContext({ viewport: shopperViewport });
    j.agent = await j.browser.newContext({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await j.browser?.close();
    await j.server?.stop();
  });
  return j;
}
