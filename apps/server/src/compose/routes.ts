import type { FastifyInstance } from 'fastify';
import { agentRoutes } from '../http/routes/agents.js';
import { assetRoutes, type AssetDirs } from '../http/routes/assets.js';
import { authRoutes } from '../http/routes/auth.js';
import { avatarRoutes } from '../http/routes/avatars.js';
import { banRoutes } from '../http/routes/bans.js';
import { cannedRoutes } from '../http/routes/canned.js';
import { contactRoutes } from '../http/routes/contacts.js';
import { conversationRoutes } from '../http/routes/conversations.js';
import { departmentRoutes } from '../http/routes/departments.js';
import { earlierRoutes } from '../http/routes/earlier.js';
import { fileRoutes } from '../http/routes/files.js';
import { healthRoutes, type Readiness } from '../http/routes/health.js';
import { metricsRoutes } from '../http/routes/metrics.js';
import { privacyRoutes } from '../http/routes/privacy.js';
import { historyRoutes } from '../http/routes/history.js';
import { settingsRoutes } from '../http/routes/settings.js';
import { siteRoutes } from '../http/routes/sites.js';
import { ssoRoutes } from '../http/routes/sso.js';
import { tagRoutes } from '../http/routes/tags.js';
import { ticketRoutes } from '../http/routes/tickets.js';
import { widgetRoutes } from '../http/routes/widget.js';
import { widgetLiveRoutes } from '../http/routes/widgetLive.js';
import type { Metrics } from '../ports/metrics.js';
import type { Deps } from '../services/deps.js';

/** Every REST route, the health and metrics endpoints, and the built clients. */
export async function registerRoutes(
  http: FastifyInstance,
  deps: Deps,
  opts: { metrics: Metrics; readiness: Readiness; assets: AssetDirs },
): Promise<void> {
  metricsRoutes(http, { config: deps.config, metrics: opts.metrics });
  healthRoutes(http, deps, opts.readiness);
  authRoutes(http, deps);
  ssoRoutes(http, deps);
  agentRoutes(http, deps);
  conversationRoutes(http, deps);
  widgetRoutes(http, deps);
  widgetLiveRoutes(http, deps);
  settingsRoutes(http, deps);
  departmentRoutes(http, deps);
  siteRoutes(http, deps);
  ticketRoutes(http, deps);
  contactRoutes(http, deps);
  await fileRoutes(http, deps);
  // After fileRoutes: profile photos use the multipart parser it registers.
  avatarRoutes(http, deps);
  banRoutes(http, deps);
  cannedRoutes(http, deps);
  historyRoutes(http, deps);
  tagRoutes(http, deps);
  earlierRoutes(http, deps);
  privacyRoutes(http, deps);
  await assetRoutes(http, deps, opts.assets);
}
