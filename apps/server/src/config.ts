import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_UPLOAD_QUOTA,
  DEFAULT_VISITOR_LIMITS,
  limitVariable,
  parseWindow,
  VISITOR_LIMITS,
  type UploadQuota,
  type VisitorLimit,
  type VisitorLimitName,
} from './domain/visitorLimits.js';

const optionalUrl = (what: string) => z.url(`${what} must be a URL`).optional();

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optionalUrl('DATABASE_URL').refine(
    (u) => u === undefined || /^postgres(ql)?:\/\//.test(u),
    {
      message: 'DATABASE_URL must start with postgres:// or postgresql://',
    },
  ),
  PUBLIC_URL: optionalUrl('PUBLIC_URL'),
  PARLEY_ADMIN_EMAIL: z.email('PARLEY_ADMIN_EMAIL must be an email address').optional(),
  PARLEY_ADMIN_PASSWORD: z
    .string()
    .min(10, 'PARLEY_ADMIN_PASSWORD must be at least 10 characters')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24 * 14),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** smtp://user:pass@host:587 or smtps://...; unset: mail is written to DATA_DIR/outbox as .eml files. */
  SMTP_URL: z
    .string()
    .trim()
    .refine((u) => /^smtps?:\/\/[^\s]+$/.test(u), 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().trim().min(3).max(200).default('Parley <parley@localhost>'),
  /** Ticket email: the SMTP listener's port (unset: no listener), address and limits. */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().trim().min(1).default('0.0.0.0'),
  /** The domain of the support address replies come back to (support+t-<token>@INBOUND_DOMAIN). */
  INBOUND_DOMAIN: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
      'INBOUND_DOMAIN must be a domain name, e.g. help.example.com',
    )
    .optional(),
  INBOUND_MAILBOX: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{1,40}$/, 'INBOUND_MAILBOX is the local part of the address, e.g. support')
    .default('support'),
  INBOUND_MAX_MB: z.coerce.number().min(0.01).max(100).default(10),
  /** The site key new emails' tickets belong to; unset: the oldest site. */
  INBOUND_SITE: z.string().trim().min(1).optional(),
  /** Behind a reverse proxy: take the visitor's address from X-Forwarded-For. */
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
  /** redis://host:6379: run as one node of a cluster (PostgreSQL required). */
  REDIS_URL: z
    .string()
    .trim()
    .refine(
      (u) => /^rediss?:\/\/[^\s]*$/.test(u),
      'REDIS_URL must start with redis:// or rediss://',
    )
    .optional(),
  /** This node's name in logs, presence and metrics; unique per process in a cluster. */
  NODE_ID: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'NODE_ID may hold letters, digits, dot, dash and underscore')
    .optional(),
  /** Bearer token for /metrics; without it only local addresses may read it. */
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(16, 'METRICS_TOKEN must be at least 16 characters')
    .optional(),
});

/** Rules across variables, checked even when single values failed, so every problem is listed. */
function crossChecks(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (Boolean(env.PARLEY_ADMIN_EMAIL) !== Boolean(env.PARLEY_ADMIN_PASSWORD)) {
    problems.push(
      'PARLEY_ADMIN_PASSWORD: PARLEY_ADMIN_EMAIL and PARLEY_ADMIN_PASSWORD must be set together',
    );
  }
  if (env.REDIS_URL && !env.DATABASE_URL) {
    problems.push(
      'REDIS_URL: a cluster needs PostgreSQL; set DATABASE_URL too (SQLite serves one node only)',
    );
  }
  if (env.INBOUND_SMTP_PORT && !env.INBOUND_DOMAIN) {
    problems.push(
      'INBOUND_DOMAIN: the inbound SMTP listener needs the domain its support address is at',
    );
  }
  return problems;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly database:
    | { readonly kind: 'sqlite'; readonly file: string }
    | { readonly kind: 'postgres'; readonly url: string };
  /** Where browsers reach this server; origins of the console and the widget frame. */
  readonly publicUrl: string;
  readonly admin: { readonly email: string; readonly password: string } | null;
  readonly logLevel: string;
  readonly sessionTtlMs: number;
  readonly shutdownGraceMs: number;
  readonly mail: {
    readonly smtpUrl: string | null;
    readonly from: string;
    readonly outboxDir: string;
  };
  /** Ticket email in: the listener (port null: none) and the support address replies go to. */
  readonly inbound: {
    readonly port: number | null;
    readonly host: string;
    /** null: replies carry no ticket Reply-To address. */
    readonly domain: string | null;
    readonly mailbox: string;
    readonly maxBytes: number;
    readonly siteKey: string | null;
  };
  readonly trustProxy: boolean;
  /** Set: this process is one node of a cluster sharing Redis and PostgreSQL. */
  readonly redisUrl: string | null;
  readonly nodeId: string;
  readonly metricsToken: string | null;
  /** How long a visitor with no page open still counts as on the site (page-to-page moves). */
  readonly visitorLeftGraceMs: number;
  /** Abuse limits per visitor and per client address (RATE_LIMIT_* variables). */
  readonly visitorLimits: Readonly<Record<VisitorLimitName, VisitorLimit>>;
  /** What a visitor may upload in total (UPLOAD_QUOTA_* variables). */
  readonly uploadQuota: UploadQuota;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; every problem is listed, not just the first. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const picked: Record<string, string | undefined> = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = EnvSchema.safeParse(picked);
  const limits = visitorLimitsOf(env);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`)),
    ...crossChecks(picked),
    ...limits.problems,
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'parley.sqlite') },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    admin:
      e.PARLEY_ADMIN_EMAIL && e.PARLEY_ADMIN_PASSWORD
        ? { email: e.PARLEY_ADMIN_EMAIL.toLowerCase(), password: e.PARLEY_ADMIN_PASSWORD }
        : null,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      outboxDir: path.join(dataDir, 'outbox'),
    },
    inbound: {
      port: e.INBOUND_SMTP_PORT ?? null,
      host: e.INBOUND_SMTP_HOST,
      domain: e.INBOUND_DOMAIN ?? null,
      mailbox: e.INBOUND_MAILBOX,
      maxBytes: Math.round(e.INBOUND_MAX_MB * 1024 * 1024),
      siteKey: e.INBOUND_SITE ?? null,
    },
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    redisUrl: e.REDIS_URL ?? null,
    nodeId: e.NODE_ID ?? `${os.hostname()}-${process.pid}`,
    metricsToken: e.METRICS_TOKEN ?? null,
    visitorLeftGraceMs: 4000,
    visitorLimits: Object.freeze(limits.limits),
    uploadQuota: Object.freeze(limits.quota),
  };
  return Object.freeze(config);
}

const QUOTA_VARIABLES: ReadonlyArray<[keyof UploadQuota, string]> = [
  ['filesPerConversation', 'UPLOAD_QUOTA_FILES_PER_CONVERSATION'],
  ['mbPerConversation', 'UPLOAD_QUOTA_MB_PER_CONVERSATION'],
  ['filesPerDay', 'UPLOAD_QUOTA_FILES_PER_DAY'],
  ['mbPerDay', 'UPLOAD_QUOTA_MB_PER_DAY'],
];

/** RATE_LIMIT_<NAME>[_PER_IP]=count/window and UPLOAD_QUOTA_*=n over the defaults. */
function visitorLimitsOf(env: Record<string, string | undefined>): {
  limits: Record<VisitorLimitName, VisitorLimit>;
  quota: UploadQuota;
  problems: string[];
} {
  const problems: string[] = [];
  const window = (name: string, fallback: VisitorLimit['perAddress']) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const parsed = parseWindow(text);
    if (!parsed) problems.push(`${name}: use count/window, e.g. 20/10s, 100/10m or 5/1h`);
    return parsed ?? fallback;
  };
  const limits = Object.fromEntries(
    VISITOR_LIMITS.map((name) => {
      const d = DEFAULT_VISITOR_LIMITS[name];
      const limit: VisitorLimit = {
        perVisitor: d.perVisitor && window(limitVariable(name, 'visitor'), d.perVisitor),
        perAddress: window(limitVariable(name, 'address'), d.perAddress),
      };
      return [name, limit];
    }),
  ) as Record<VisitorLimitName, VisitorLimit>;
  const quota = { ...DEFAULT_UPLOAD_QUOTA };
  for (const [key, name] of QUOTA_VARIABLES) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    if (/^\d{1,9}$/.test(text.trim()) && Number(text) >= 1) quota[key] = Number(text);
    else problems.push(`${name}: a whole number of at least 1`);
  }
  return { limits, quota, problems };
}
