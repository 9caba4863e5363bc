import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { API_PREFIX, CSRF_HEADER, type Ack } from '@parley/protocol';
import { buildApp, type ParleyApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Storage } from '../storage/database.js';
import type { Clock } from '../ports/clock.js';

export const ADMIN = { email: 'admin@example.com', password: 'correct-horse-battery' };

export interface TestServer {
  app: ParleyApp;
  url: string;
  siteKey: string;
  close(): Promise<void>;
}

/** A real Parley server on 127.0.0.1 and a random port, over the given storage. */
export async function startServer(
  storage: Storage,
  /** `env`: more configuration, e.g. REDIS_URL and NODE_ID for a cluster node. */
  opts: {
    clock?: Clock;
    env?: Record<string, string>;
    routingTickMs?: number;
    /** Where the server logs; silent (or PARLEY_TEST_LOG's level) by default. */
    logger?: Logger;
  } = {},
): Promise<TestServer> {
  const config = {
    ...loadConfig({
      PORT: '0',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'parley-data-')),
      PUBLIC_URL: 'http://127.0.0.1',
      PARLEY_ADMIN_EMAIL: ADMIN.email,
      PARLEY_ADMIN_PASSWORD: ADMIN.password,
      ...opts.env,
    }),
    // A visitor whose last page closed is gone at once: tests await that event.
    visitorLeftGraceMs: 0,
  };
  const logger = opts.logger ?? pino({ level: process.env.PARLEY_TEST_LOG ?? 'silent' });
  const app = await buildApp({
    config,
    storage,
    logger,
    // Time-driven routing runs when a test calls app.router.tick(), after moving its clock.
    routingTickMs: opts.routingTickMs ?? 0,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    siteKey: app.bootstrap.demoSite.key,
    close: () => app.close(),
  };
}

export interface AgentLogin {
  cookie: string;
  csrfToken: string;
  agentId: string;
}

export async function signIn(
  url: string,
  email = ADMIN.email,
  password = ADMIN.password,
): Promise<AgentLogin> {
  const res = await fetch(`${url}${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { agent: { id: string }; csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, csrfToken: body.csrfToken, agentId: body.agent.id };
}

export async function newVisitor(
  url: string,
  siteKey: string,
): Promise<{ token: string; visitorId: string }> {
  const res = await fetch(`${url}${API_PREFIX}/widget/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ siteKey }),
  });
  if (res.status !== 201) throw new Error(`visitor session failed: ${res.status}`);
  const body = (await res.json()) as { token: string; visitor: { id: string } };
  return { token: body.token, visitorId: body.visitor.id };
}

const clientOptions = { transports: ['websocket'], reconnection: false, forceNew: true };

export function connectVisitor(url: string, token: string): Socket {
  return connect(`${url}/visitor`, { ...clientOptions, auth: { token } });
}

export function connectAgent(url: string, login: AgentLogin, origin = url): Socket {
  return connect(`${url}/agent`, {
    ...clientOptions,
    extraHeaders: { cookie: login.cookie, origin },
  });
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Emits a request and resolves with its acknowledgement. */
export function request<T = unknown>(
  socket: Socket,
  event: string,
  payload: unknown = {},
): Promise<Ack<T>> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** Like request, but fails the test unless the ack is ok. */
export async function ok<T = unknown>(
  socket: Socket,
  event: string,
  payload: unknown = {},
): Promise<T> {
  const res = await request<T>(socket, event, payload);
  if (!res.ok) throw new Error(`${event} failed: ${res.error.code} ${res.error.message}`);
  return res.data;
}

/** Collects every payload of one event on a socket. */
export function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** How long a test waits for an event before it fails, naming the event that never came. */
export const EVENT_TIMEOUT_MS = 10_000;

/** Resolves with the first payload of `event` that matches; rejects after `timeoutMs`. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  match: (p: T) => boolean = () => true,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`no matching '${event}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

/** Waits until `predicate` holds, re-checking whenever `socket` receives `event`. */
export function until<T>(
  socket: Socket,
  event: string,
  predicate: () => boolean,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate()) return resolve();
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(
        new Error(`'${event}' events came for ${timeoutMs} ms, but the awaited state did not`),
      );
    }, timeoutMs);
    const handler = (_p: T) => {
      if (!predicate()) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve();
    };
    socket.on(event, handler);
  });
}

export function agentFetch(
  url: string,
  login: AgentLogin,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${url}${API_PREFIX}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      cookie: login.cookie,
      [CSRF_HEADER]: login.csrfToken,
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}

/** An agent's REST call with a JSON body (when given), answered with its status and JSON body. */
export async function agentCall<T = Record<string, unknown>>(
  url: string,
  login: AgentLogin,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await agentFetch(url, login, route, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

export function visitorFetch(
  url: string,
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${url}${API_PREFIX}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}

export interface LiveStream {
  /** Resolves with the data of the next event of this name (events already received count). */
  next<T = unknown>(event: string): Promise<T>;
  close(): void;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
}

/** loader.js's page-view stream, read the way an EventSource would. */
export function openLive(
  url: string,
  params: {
    t: string;
    pv: string;
    url: string;
    title?: string;
    ref?: string;
    lang?: string;
    tz?: string;
  },
  headers: Record<string, string> = {},
): LiveStream {
  const controller = new AbortController();
  const received: Array<{ event: string; data: unknown }> = [];
  const waiters: Array<{ event: string; resolve: (d: unknown) => void }> = [];
  const deliver = (event: string, data: unknown) => {
    const i = waiters.findIndex((w) => w.event === event);
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(data);
    else received.push({ event, data });
  };
  const query = new URLSearchParams(params as Record<string, string>).toString();
  const ended = (async () => {
    const res = await fetch(`${url}${API_PREFIX}/widget/live?${query}`, {
      signal: controller.signal,
      headers,
    });
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) deliver(event, JSON.parse(data));
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    next<T>(event: string) {
      const i = received.findIndex((r) => r.event === event);
      if (i >= 0) return Promise.resolve(received.splice(i, 1)[0]!.data as T);
      return new Promise<T>((resolve) =>
        waiters.push({ event, resolve: resolve as (d: unknown) => void }),
      );
    },
    close: () => controller.abort(),
    ended,
  };
}
