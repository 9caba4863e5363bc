import {
  retryAfterSeconds,
  VISITOR_LIMITS,
  type VisitorLimitName,
} from '../../domain/visitorLimits.js';
import { AppError } from '../../errors.js';
import type { RateCheck, RateRule } from '../../ports/rateLimiter.js';
import type { Config } from '../../config.js';
import type { Deps } from '../deps.js';

/**
 * Who is asking, as the server knows it: the visitor its token lookup found (null before a
 * session exists) and the client address of the connection (Fastify's request.ip, or the
 * socket's; X-Forwarded-For only with TRUST_PROXY). Never what the client says it is.
 */
export interface Requester {
  readonly visitorId: string | null;
  readonly ip: string | null;
}

const REFUSALS: Record<VisitorLimitName, string> = {
  messages: 'You are sending messages too fast.',
  sessions: 'Too many new visitors from this address.',
  tickets: 'Too many messages sent through the form.',
  identify: 'Too many identity updates.',
  uploads: 'Too many files uploaded.',
  pageViews: 'Too many page views.',
};

type Rules = Record<VisitorLimitName, { visitor: RateRule | null; address: RateRule }>;

// Built once per configuration: the message path checks on every send and allocates little.
const rulesOf = new WeakMap<Config, Rules>();

function rules(config: Config): Rules {
  let r = rulesOf.get(config);
  if (r) return r;
  r = Object.fromEntries(
    VISITOR_LIMITS.map((name) => {
      const l = config.visitorLimits[name];
      return [
        name,
        {
          visitor: l.perVisitor && { name: `visitor-${name}`, ...l.perVisitor },
          address: { name: `ip-${name}`, ...l.perAddress },
        },
      ];
    }),
  ) as Rules;
  rulesOf.set(config, r);
  return r;
}

/**
 * Counts one `name` event for the visitor and for their address, or refuses with RATE_LIMITED
 * (nothing counted, nothing done) and `details.retryAfter` in seconds.
 */
export async function limitVisitor(
  deps: Pick<Deps, 'config' | 'rateLimiter'>,
  name: VisitorLimitName,
  from: Requester,
): Promise<void> {
  const { visitor, address } = rules(deps.config)[name];
  const checks: RateCheck[] = [];
  if (visitor && from.visitorId) checks.push({ rule: visitor, key: from.visitorId });
  if (from.ip) checks.push({ rule: address, key: from.ip });
  const verdict = await deps.rateLimiter.take(checks);
  if (verdict.ok) return;
  const seconds = retryAfterSeconds(verdict.retryAfterMs);
  throw new AppError('RATE_LIMITED', `${REFUSALS[name]} Try again in ${seconds} s.`, {
    retryAfter: String(seconds),
  });
}
