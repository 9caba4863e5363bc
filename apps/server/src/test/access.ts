import type { SiteSummary, VisitorConversation } from '@parley/protocol';
import type { Socket } from 'socket.io-client';
import type { ServerFixture } from './fixture.js';
import {
  agentCall,
  connectAgent,
  connectVisitor,
  connected,
  newVisitor,
  ok,
  signIn,
  type AgentLogin,
} from './server.js';

export interface Member {
  id: string;
  login: AgentLogin;
}

let seq = 0;

/** A new site, through the admin API. */
export async function addSite(t: ServerFixture, name: string): Promise<SiteSummary> {
  const res = await agentCall<{ site: SiteSummary }>(t.server.url, t.admin, 'POST', '/sites', {
    name,
  });
  if (res.status !== 201) throw new Error(`site creation failed: ${res.status}`);
  return res.body.site;
}

/** The demo site every test server starts with. */
export async function demoSite(t: ServerFixture): Promise<SiteSummary> {
  const res = await agentCall<{ sites: SiteSummary[] }>(t.server.url, t.admin, 'GET', '/sites');
  return res.body.sites.find((s) => s.key === t.server.siteKey)!;
}

/** A new, signed-in agent of these sites. */
export async function addMember(
  t: ServerFixture,
  name: string,
  role: 'agent' | 'supervisor' | 'admin',
  siteIds: string[],
): Promise<Member> {
  seq += 1;
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${seq}-${Date.now()}@example.com`;
  const res = await agentCall<{ agent: { id: string; siteIds?: string[] } }>(
    t.server.url,
    t.admin,
    'POST',
    '/agents',
    { email, name, password: 'agent-password-1', role, siteIds },
  );
  if (res.status !== 201) throw new Error(`agent creation failed: ${res.status}`);
  return { id: res.body.agent.id, login: await signIn(t.server.url, email, 'agent-password-1') };
}

/** The access tests' cast: two shops, Ana (agent) and Sue (supervisor) of the first, Ben of the second. */
export interface TwoShops {
  site1: SiteSummary;
  site2: SiteSummary;
  a: Member;
  b: Member;
  s: Member;
}

export async function twoShops(t: ServerFixture): Promise<TwoShops> {
  const site1 = await demoSite(t);
  const site2 = await addSite(t, 'Second shop');
  return {
    site1,
    site2,
    a: await addMember(t, 'Ana', 'agent', [site1.id]),
    b: await addMember(t, 'Ben', 'agent', [site2.id]),
    s: await addMember(t, 'Sue', 'supervisor', [site1.id]),
  };
}

/** An agent socket, connected (and Online, when asked). */
export async function agentSocket(
  t: ServerFixture,
  login: AgentLogin,
  opts: { online?: boolean } = {},
): Promise<Socket> {
  const s = t.track(connectAgent(t.server.url, login));
  await connected(s);
  if (opts.online) await ok(s, 'agent:status', { status: 'online' });
  return s;
}

/** A visitor of the site with `siteKey` who started a chat (in `departmentId`, if given). */
export async function chatOn(t: ServerFixture, siteKey: string, departmentId?: string) {
  const { token, visitorId } = await newVisitor(t.server.url, siteKey);
  const visitor = t.track(connectVisitor(t.server.url, token));
  await connected(visitor);
  const { conversation } = await ok<{ conversation: VisitorConversation }>(
    visitor,
    'conversation:start',
    departmentId ? { departmentId } : {},
  );
  return { token, visitorId, visitor, conversation };
}

/** Every event a socket receives, for asserting what never arrived. */
export function spy(socket: Socket): Array<{ event: string; payload: unknown }> {
  const seen: Array<{ event: string; payload: unknown }> = [];
  socket.onAny((event: string, payload: unknown) => seen.push({ event, payload }));
  return seen;
}

/** Whether anything a spy saw mentions `id` (a conversation's or visitor's). */
export function mentions(seen: Array<{ payload: unknown }>, id: string): boolean {
  return seen.some((e) => JSON.stringify(e.payload ?? null).includes(id));
}
