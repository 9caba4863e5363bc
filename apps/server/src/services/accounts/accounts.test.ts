import fs from 'node:fs';
import path from 'node:path';
import type { Agent, Conversation, Message, VisitorConversation } from '@parley/protocol';
import { simpleParser } from 'mailparser';
import * as OTPAuth from 'otpauth';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import {
  agentCall,
  connectAgent,
  connectVisitor,
  connected,
  newVisitor,
  nextEvent,
  ok,
  signIn,
  type AgentLogin,
} from '../../test/server.js';
import { useTestServer } from '../../test/fixture.js';
import { dialects } from '../../test/storage.js';

interface Body {
  error?: { code: string; message: string; details?: Record<string, string> };
  agents?: Agent[];
  agent?: Agent;
}

const cid = () => `client-${Math.random().toString(36).slice(2, 12)}`;

describe.each(dialects)('accounts (%s)', (dialect) => {
  let now = Date.now();
  const clock = { now: () => now };
  const t = useTestServer(dialect, { clock });
  let n = 0;

  const call = (login: AgentLogin, method: string, route: string, body?: unknown) =>
    agentCall<Body>(t.server.url, login, method, route, body);

  const login = (email: string, password: string) =>
    fetch(`${t.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { error?: { code: string; message: string } },
    }));

  async function newAgent(role: 'agent' | 'supervisor' = 'agent') {
    n += 1;
    const email = `person-${n}-${dialect}@example.com`;
    const password = `first-password-${n}-xyz`;
    const res = await call(t.admin, 'POST', '/agents', {
      email,
      name: `Person ${n}`,
      password,
      role,
    });
    expect(res.status).toBe(201);
    const agent = res.body.agent!;
    return { agent, email, password, login: await signIn(t.server.url, email, password) };
  }

  async function socketOf(l: AgentLogin) {
    const s = t.track(connectAgent(t.server.url, l, 'http://127.0.0.1'));
    await connected(s);
    return s;
  }

  function closed(s: Socket, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!s.connected) return resolve();
      const timer = setTimeout(
        () => reject(new Error(`${what} was not disconnected within 5 s`)),
        5000,
      );
      s.once('disconnect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async function visitorChat() {
    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const visitor = t.track(connectVisitor(t.server.url, token));
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    return { visitor, conversation };
  }

  describe('changing a password', () => {
    it('needs the current password, refuses a weak one with a reason, and ends the other sessions', async () => {
      const a = await newAgent();
      const elsewhere = await signIn(t.server.url, a.email, a.password);
      const elsewhereSocket = await socketOf(elsewhere);

      const wrong = await call(a.login, 'PUT', '/agents/me/password', {
        currentPassword: 'not-my-password',
        newPassword: 'a-brand-new-secret-phrase',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { currentPassword: 'is not your current password' },
      });

      const short = await call(a.login, 'PUT', '/agents/me/password', {
        currentPassword: a.password,
        newPassword: 'short',
      });
      expect(short.status).toBe(400);
      expect(short.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(short.body.error)).toContain('at least 12 characters');

      const guessable = await call(a.login, 'PUT', '/agents/me/password', {
        currentPassword: a.password,
        newPassword: 'password1234',
      });
      expect(guessable.status).toBe(400);
      expect(guessable.body.error).toMatchObject({ code: 'PASSWORD_WEAK' });
      expect(guessable.body.error?.message).toMatch(/common/i);

      const gone = closed(elsewhereSocket, 'the socket of the other session');
      const changed = await call(a.login, 'PUT', '/agents/me/password', {
        currentPassword: a.password,
        newPassword: 'violet-harbour-lantern-42',
      });
      expect(changed.status).toBe(204);
      await gone;
      // The other session is over; this one goes on.
      expect((await call(elsewhere, 'GET', '/auth/session')).status).toBe(401);
      expect((await call(a.login, 'GET', '/auth/session')).status).toBe(200);
      expect((await login(a.email, a.password)).status).toBe(401);
      expect((await login(a.email, 'violet-harbour-lantern-42')).status).toBe(200);
    });

    it('is not silently ignored when sent to PATCH /agents/:id', async () => {
      const a = await newAgent();
      const res = await call(t.admin, 'PATCH', `/agents/${a.agent.id}`, {
        password: 'violet-harbour-lantern-42',
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((await login(a.email, a.password)).status).toBe(200);
    });

    it('applies the same policy to a new agent', async () => {
      const res = await call(t.admin, 'POST', '/agents', {
        email: `weak-${dialect}@example.com`,
        name: 'Weak',
        password: 'qwertyuiop12',
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'PASSWORD_WEAK' });
    });
  });

  describe('resetting a forgotten password', () => {
    const outbox = () => path.join(t.server.app.deps.config.dataDir, 'outbox');
    const mails = () =>
      fs.existsSync(outbox()) ? fs.readdirSync(outbox()).filter((f) => f.endsWith('.eml')) : [];
    const request = (email: string) =>
      fetch(`${t.server.url}/api/v1/auth/password-reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      }).then(async (r) => ({ status: r.status, body: await r.text() }));
    const confirm = (token: string, newPassword: string) =>
      fetch(`${t.server.url}/api/v1/auth/password-reset/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, newPassword }),
      }).then(async (r) => ({
        status: r.status,
        body: r.status === 204 ? null : ((await r.json()) as { error: { code: string } }),
      }));

    async function linkFor(email: string): Promise<string> {
      const before = new Set(mails());
      expect((await request(email)).status).toBe(202);
      const added = mails().filter((f) => !before.has(f));
      expect(added).toHaveLength(1);
      const mail = await simpleParser(fs.readFileSync(path.join(outbox(), added[0]!)));
      expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain(email);
      const link = /(http\S+reset-password\?token=\S+)/.exec(mail.text ?? '')?.[1];
      expect(link, 'a reset link in the mail').toBeDefined();
      return decodeURIComponent(new URL(link!.replace('#/', '')).searchParams.get('token')!);
    }

    it('answers the same for unknown addresses and mails nothing', async () => {
      const before = mails().length;
      const unknown = await request(`nobody-${dialect}@example.com`);
      const a = await newAgent();
      const known = await request(a.email);
      expect(unknown).toEqual(known);
      expect(mails().length).toBe(before + 1);
    });

    it('sets a new password once with a link valid 30 minutes, and ends every session', async () => {
      const a = await newAgent();
      const s = await socketOf(a.login);
      const token = await linkFor(a.email);

      const weak = await confirm(token, 'password1234');
      expect(weak.body?.error.code).toBe('PASSWORD_WEAK');
      const gone = closed(s, "the agent's socket");
      expect((await confirm(token, 'copper-meadow-violin-7')).status).toBe(204);
      await gone;
      expect((await call(a.login, 'GET', '/auth/session')).status).toBe(401);
      expect((await login(a.email, 'copper-meadow-violin-7')).status).toBe(200);

      const again = await confirm(token, 'another-copper-meadow-8');
      expect(again.body?.error.code).toBe('RESET_LINK_INVALID');

      const late = await linkFor(a.email);
      now += 31 * 60_000;
      const expired = await confirm(late, 'another-copper-meadow-8');
      expect(expired.body?.error.code).toBe('RESET_LINK_INVALID');
      expect((await confirm('x'.repeat(43), 'another-copper-meadow-8')).body?.error.code).toBe(
        'RESET_LINK_INVALID',
      );
    });
  });

  describe('deactivating an agent', () => {
    it('ends their sessions and sockets, refuses their sign-in, and puts their chats back in the queue', async () => {
      const a = await newAgent();
      const s = await socketOf(a.login);
      const { conversation } = await visitorChat();
      await ok(s, 'conversation:accept', { conversationId: conversation.id });

      const watcher = await socketOf(t.admin);
      const requeued = nextEvent<Conversation>(
        watcher,
        'conversation:updated',
        (c) => c.id === conversation.id && c.status === 'queued',
      );
      const gone = closed(s, "the deactivated agent's socket");
      const res = await call(t.admin, 'PATCH', `/agents/${a.agent.id}`, { deactivated: true });
      expect(res.status).toBe(200);
      await gone;
      const back = await requeued;
      expect(back.assignee).toBeNull();

      expect((await call(a.login, 'GET', '/auth/session')).status).toBe(401);
      expect((await login(a.email, a.password)).body.error?.code).toBe('INVALID_CREDENTIALS');

      const active = await call(t.admin, 'GET', '/agents');
      expect(active.body.agents!.map((x) => x.id)).not.toContain(a.agent.id);
      const every = await call(t.admin, 'GET', '/agents?include=deactivated');
      const listed = every.body.agents!.find((x) => x.id === a.agent.id);
      expect(listed?.deactivatedAt).toEqual(expect.any(String));
      expect((await call(a.login, 'GET', '/agents?include=deactivated')).status).toBe(401);

      expect(
        (await call(t.admin, 'PATCH', `/agents/${a.agent.id}`, { deactivated: false })).status,
      ).toBe(200);
      expect((await login(a.email, a.password)).status).toBe(200);
    });

    it('is for admins, and not of oneself', async () => {
      const a = await newAgent();
      const b = await newAgent();
      const byAgent = await call(a.login, 'PATCH', `/agents/${b.agent.id}`, { deactivated: true });
      expect(byAgent.status).toBe(403);
      const self = await call(t.admin, 'PATCH', `/agents/${t.admin.agentId}`, {
        deactivated: true,
      });
      expect(self.status).toBe(403);
      expect((await call(b.login, 'GET', '/auth/session')).status).toBe(200);
    });
  });

  it('a supervisor demoted to agent receives nothing more of chats not theirs', async () => {
    const sup = await newAgent('supervisor');
    const spy = await socketOf(sup.login);
    const owner = await newAgent();
    const ownerSocket = await socketOf(owner.login);
    const { visitor, conversation } = await visitorChat();
    await ok(ownerSocket, 'conversation:accept', { conversationId: conversation.id });
    await ok(spy, 'conversation:watch', { conversationId: conversation.id });

    const seen: Message[] = [];
    spy.on('message:new', (m: Message) => seen.push(m));
    const first = nextEvent<Message>(spy, 'message:new', (m) => m.body === 'before');
    await ok(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: 'before',
    });
    await first;

    const demoted = nextEvent<Agent>(spy, 'agent:updated', (x) => x.id === sup.agent.id);
    expect(
      (await call(t.admin, 'PATCH', `/agents/${sup.agent.id}`, { role: 'agent' })).status,
    ).toBe(200);
    await demoted;
    // A message and a private note after the demotion; the owner sees both, the spy neither.
    const ownerGot = nextEvent<Message>(ownerSocket, 'message:new', (m) => m.body === 'note after');
    await ok(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: 'after',
    });
    await ok(ownerSocket, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(),
      body: 'note after',
      visibility: 'private',
    });
    await ownerGot;
    expect(seen.map((m) => m.body)).toEqual(['before']);
  });

  describe('two-factor sign-in', () => {
    const codeAt = (secret: string, at: number) =>
      new OTPAuth.TOTP({
        secret: OTPAuth.Secret.fromBase32(secret),
        digits: 6,
        period: 30,
      }).generate({
        timestamp: at,
      });
    const login2 = (email: string, password: string, code?: string) =>
      fetch(`${t.server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password, ...(code ? { code } : {}) }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { error?: { code: string } },
      }));

    async function enrol(l: AgentLogin) {
      const setup = await call(l, 'POST', '/agents/me/two-factor/setup');
      expect(setup.status).toBe(200);
      const { secret, otpauthUrl, qrSvg } = setup.body as unknown as {
        secret: string;
        otpauthUrl: string;
        qrSvg: string;
      };
      expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Parley:/);
      expect(qrSvg).toContain('<svg');
      const bad = await call(l, 'POST', '/agents/me/two-factor/enable', { code: '000000' });
      expect(bad.body.error?.code).toBe('TWO_FACTOR_INVALID');
      const on = await call(l, 'POST', '/agents/me/two-factor/enable', {
        code: codeAt(secret, now),
      });
      expect(on.status).toBe(200);
      const { recoveryCodes } = on.body as unknown as { recoveryCodes: string[] };
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      return { secret, recoveryCodes };
    }

    it('asks for the app code after the password, takes each code once, and recovery codes once', async () => {
      const a = await newAgent();
      const { secret, recoveryCodes } = await enrol(a.login);

      expect((await login2(a.email, a.password)).body.error?.code).toBe('TWO_FACTOR_REQUIRED');
      expect((await login2(a.email, 'wrong-password', codeAt(secret, now))).body.error?.code).toBe(
        'INVALID_CREDENTIALS',
      );
      // The code used to turn it on is spent; the next one works, once.
      now += 30_000;
      const code = codeAt(secret, now);
      expect((await login2(a.email, a.password, code)).status).toBe(200);
      expect((await login2(a.email, a.password, code)).body.error?.code).toBe('TWO_FACTOR_INVALID');
      now += 5 * 60_000;
      expect((await login2(a.email, a.password, recoveryCodes[0])).status).toBe(200);
      now += 5 * 60_000;
      expect((await login2(a.email, a.password, recoveryCodes[0])).body.error?.code).toBe(
        'TWO_FACTOR_INVALID',
      );
      now += 5 * 60_000;
      const session = await call(a.login, 'GET', '/auth/session');
      expect(session.body).toMatchObject({ twoFactor: { enabled: true, setupRequired: false } });

      const wrong = await call(a.login, 'POST', '/agents/me/two-factor/disable', {
        password: 'not-my-password',
      });
      expect(wrong.status).toBe(400);
      const off = await call(a.login, 'POST', '/agents/me/two-factor/disable', {
        password: a.password,
      });
      expect(off.status).toBe(204);
      expect((await login2(a.email, a.password)).status).toBe(200);
    });

    it('when required for admins, an admin without it can only set it up', async () => {
      now += 60 * 60_000;
      const on = await call(t.admin, 'PATCH', '/settings', { requireTwoFactorForAdmins: true });
      expect(on.status).toBe(200);
      try {
        n += 1;
        const email = `t.admin-${n}-${dialect}@example.com`;
        const password = `first-password-${n}-xyz`;
        // The first admin has no second factor yet: only the set-up routes answer.
        const blocked = await call(t.admin, 'POST', '/agents', {
          email,
          name: 'New admin',
          password,
          role: 'admin',
        });
        expect(blocked.status).toBe(403);
        expect(blocked.body.error?.code).toBe('TWO_FACTOR_SETUP_REQUIRED');
        const session = await call(t.admin, 'GET', '/auth/session');
        expect(session.body).toMatchObject({ twoFactor: { enabled: false, setupRequired: true } });
        await expect(socketOf(t.admin)).rejects.toThrow(/two-factor/i);

        await enrol(t.admin);
        const works = await call(t.admin, 'POST', '/agents', {
          email,
          name: 'New admin',
          password,
          role: 'admin',
        });
        expect(works.status).toBe(201);
        // An agent (not an admin) is not held to it.
        const plain = await newAgent();
        expect((await call(plain.login, 'GET', '/agents')).status).toBe(200);
      } finally {
        now += 30_000;
        const off = await call(t.admin, 'PATCH', '/settings', { requireTwoFactorForAdmins: false });
        expect(off.status).toBe(200);
      }
    });
  });

  describe('sign-in throttling', () => {
    it('pauses after three failures, locks after ten, and a right password does not bypass it', async () => {
      const a = await newAgent();
      for (let i = 0; i < 3; i += 1)
        expect((await login(a.email, `wrong-${i}`)).body.error?.code).toBe('INVALID_CREDENTIALS');
      const paused = await login(a.email, a.password);
      expect(paused.status).toBe(429);
      expect(paused.body.error).toMatchObject({
        code: 'TOO_MANY_ATTEMPTS',
        message: 'Too many attempts, try again in 1 second.',
      });
      // Each further failure doubles the pause; wait each one out.
      for (let i = 3; i < 10; i += 1) {
        now += 60_000;
        expect((await login(a.email, `wrong-${i}`)).body.error?.code).toBe('INVALID_CREDENTIALS');
      }
      now += 60_000;
      const locked = await login(a.email, a.password);
      expect(locked.status).toBe(429);
      expect(locked.body.error?.message).toMatch(
        /^Too many attempts, try again in \d+ minutes?\.$/,
      );
      // Another account from the same address is not locked by this one's failures.
      const b = await newAgent();
      expect((await login(b.email, b.password)).status).toBe(200);

      now += 15 * 60_000;
      expect((await login(a.email, a.password)).status).toBe(200);
      // Success forgets the failures: the next wrong one is not paused.
      expect((await login(a.email, 'wrong-again')).body.error?.code).toBe('INVALID_CREDENTIALS');
    });

    it('throttles one address guessing across many accounts, the same for unknown emails', async () => {
      now += 60 * 60_000;
      const victim = await newAgent();
      for (let i = 0; i < 20; i += 1) {
        const res = await login(`guess-${i}-${dialect}@example.com`, 'hunter2hunter2');
        expect(res.body.error?.code, `attempt ${i}`).toBe('INVALID_CREDENTIALS');
      }
      // From the 21st failure on, each attempt from this address waits 2 s.
      const hurried = await login(`guess-20-${dialect}@example.com`, 'hunter2hunter2');
      expect(hurried.body.error?.message).toBe('Too many attempts, try again in 2 seconds.');
      for (let i = 20; i < 50; i += 1) {
        now += 2000;
        const res = await login(`guess-${i}-${dialect}@example.com`, 'hunter2hunter2');
        expect(res.body.error?.code, `attempt ${i}`).toBe('INVALID_CREDENTIALS');
      }
      now += 2000;
      const res = await login(victim.email, victim.password);
      expect(res.status).toBe(429);
      expect(res.body.error?.code).toBe('TOO_MANY_ATTEMPTS');
      now += 16 * 60_000;
      expect((await login(victim.email, victim.password)).status).toBe(200);
    });
  });
});
