import type { WidgetConfig } from '@parley/protocol';

// Literals rather than runtime imports of @parley/protocol (whose entry is its build output).
export const API_PREFIX = '/api/v1';
const CSRF_HEADER = 'x-csrf-token';

export interface AgentLogin {
  cookie: string;
  csrfToken: string;
  agentId: string;
  email: string;
}

export interface VisitorSession {
  token: string;
  visitorId: string;
}

export type Role = 'admin' | 'supervisor' | 'agent';

/** Parley's REST API at one address (a node or the balancer), as the console and widget call it. */
export interface Api {
  url: string;
  /** The Origin agent sockets present here. */
  origin: string;
  signIn(email: string, password: string): Promise<AgentLogin>;
  /** A cookie-authenticated call with the CSRF header; fails unless 2xx, naming the route. */
  asAgent<T>(login: AgentLogin, method: string, route: string, body?: unknown): Promise<T>;
  /** Creates an agent as `admin` and returns its signed-in session. */
  createAgent(admin: AgentLogin, opts?: { role?: Role; name?: string }): Promise<AgentLogin>;
  newVisitor(): Promise<VisitorSession>;
  widgetConfig(): Promise<WidgetConfig>;
}

let seq = 0;
const rnd = () => Math.random().toString(36).slice(2, 8);

export function api(url: string, siteKey: string, origin: string): Api {
  const call = async <T>(
    method: string,
    route: string,
    init: { body?: unknown; headers?: Record<string, string>; expect?: number } = {},
  ): Promise<{ status: number; body: T; headers: Headers }> => {
    const res = await fetch(`${url}${API_PREFIX}${route}`, {
      method,
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299)
      throw new Error(`${method} ${route} on ${url} answered ${res.status}: ${text.slice(0, 500)}`);
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
  };

  const self: Api = {
    url,
    origin,
    async signIn(email, password) {
      const res = await call<{ agent: { id: string }; csrfToken: string }>('POST', '/auth/login', {
        body: { email, password },
      });
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      return { cookie, csrfToken: res.body.csrfToken, agentId: res.body.agent.id, email };
    },
    async asAgent<T>(login: AgentLogin, method: string, route: string, body?: unknown) {
      const res = await call<T>(method, route, {
        body,
        headers: { cookie: login.cookie, [CSRF_HEADER]: login.csrfToken },
      });
      return res.body;
    },
    async createAgent(admin, opts = {}) {
      seq += 1;
      const email = `${opts.role ?? 'agent'}-${seq}-${rnd()}@example.com`;
      const password = 'cluster-agent-password';
      await self.asAgent(admin, 'POST', '/agents', {
        email,
        name: opts.name ?? `Agent ${seq}`,
        password,
        role: opts.role ?? 'agent',
      });
      return self.signIn(email, password);
    },
    async newVisitor() {
      const res = await call<{ token: string; visitor: { id: string } }>(
        'POST',
        '/widget/sessions',
        { body: { siteKey } },
      );
      return { token: res.body.token, visitorId: res.body.visitor.id };
    },
    async widgetConfig() {
      const res = await call<{ config: WidgetConfig }>(
        'GET',
        `/widget/config?siteKey=${encodeURIComponent(siteKey)}`,
      );
      return res.body.config;
    },
  };
  return self;
}
