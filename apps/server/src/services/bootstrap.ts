import { randomBytes } from 'node:crypto';
import { signIdentityToken } from '../domain/identityToken.js';
import { newId, newSiteKey } from '../ids.js';
import { anyAgentExists } from '../storage/bootstrap.js';
import { siteDefaults } from '../storage/rows.js';
import type { SiteRow } from '../storage/schema.js';
import { readSetting, writeSetting } from '../storage/settings.js';
import { findSite, insertSite, siteIdentity } from '../storage/sites.js';
import { inTransaction } from '../storage/store.js';
import { createAgent } from './accounts/createAgent.js';
import type { Deps } from './deps.js';

export const DEMO_SITE_SETTING = 'demo.siteId';

export interface BootstrapResult {
  /** Set only on the first start, when the first admin was created. */
  createdAdmin: { email: string; password: string; generated: boolean } | null;
  demoSite: SiteRow;
}

/** First start: an admin (from the environment, or generated) and the demo shop's site. */
export async function bootstrap(deps: Deps): Promise<BootstrapResult> {
  let createdAdmin: BootstrapResult['createdAdmin'] = null;
  if (!(await anyAgentExists(deps.store))) {
    const fromEnv = deps.config.admin;
    const email = fromEnv?.email ?? 'admin@parley.local';
    const password = fromEnv?.password ?? randomBytes(12).toString('base64url');
    await createAgent(deps, { email, name: 'Admin', password, role: 'admin' });
    createdAdmin = { email, password, generated: !fromEnv };
  }
  return { createdAdmin, demoSite: await ensureDemoSite(deps) };
}

async function ensureDemoSite(deps: Deps): Promise<SiteRow> {
  const id = await readSetting(deps.store, DEMO_SITE_SETTING);
  if (typeof id === 'string') {
    const site = await findSite(deps.store, id);
    if (site) return site;
  }
  const now = deps.clock.now();
  const site: SiteRow = {
    id: newId(now),
    key: newSiteKey(),
    name: 'Demo shop',
    allowed_origins: '[]',
    chat_enabled: 1,
    greeting: 'Hi! Questions about an order or a product? We are here to help.',
    accent_color: '#1c7ed6',
    created_at: now,
    ...siteDefaults,
    // The demo page signs identities with it, so a fresh install shows verified details.
    identity_secret: randomBytes(32).toString('base64url'),
  };
  await inTransaction(deps.store, async (tx) => {
    await insertSite(tx, site);
    await writeSetting(tx, DEMO_SITE_SETTING, site.id, now);
  });
  return site;
}

/**
 * The demo shop's signed-in customer, signed the way a real shop's backend would: an HS256
 * JWT over the customer's details with the site's identity secret, valid for an hour.
 */
export async function signDemoCustomer(deps: Deps, siteId: string): Promise<string | null> {
  const site = await siteIdentity(deps.store, siteId);
  if (!site?.identity_secret) return null;
  const now = Math.floor(deps.clock.now() / 1000);
  return signIdentityToken(
    {
      name: 'Sam Rivera',
      email: 'sam.rivera@example.com',
      customerId: 'CUST-1042',
      membership: 'Gold',
      iat: now,
      exp: now + 3600,
    },
    site.identity_secret,
  );
}
