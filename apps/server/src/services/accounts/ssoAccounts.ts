import type { SsoAccountRule } from '@parley/protocol';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors.js';
import { findAgentByEmail } from '../../storage/agents.js';
import type { AgentRow } from '../../storage/schema.js';
import { findLinkedAgent, linkProviderAccount } from '../../storage/sso.js';
import type { Deps } from '../deps.js';
import { createAgent } from './createAgent.js';

/** Who the provider says signed in. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** Only `email_verified: true` from the provider counts. */
  emailVerified: boolean;
  name: string | null;
}

const MAX_NAME = 80;

/**
 * The agent a provider account signs in as. A linked account (issuer + subject) is its agent.
 * Otherwise, by the rule: refused (SSO_NOT_LINKED); or linked to the agent with the same
 * email, which the provider must have verified (SSO_EMAIL_UNVERIFIED); or, with no such agent,
 * a new agent (role agent). A deactivated agent never signs in (SSO_ACCOUNT_DISABLED).
 */
export async function agentForIdentity(
  deps: Deps,
  rule: SsoAccountRule,
  who: ProviderIdentity,
): Promise<AgentRow> {
  const linked = await findLinkedAgent(deps.store, who.issuer, who.subject);
  if (linked) return active(linked);
  if (rule === 'linked_only') throw new AppError('SSO_NOT_LINKED');
  if (!who.email || !who.emailVerified) throw new AppError('SSO_EMAIL_UNVERIFIED');
  const email = who.email.trim().toLowerCase();
  const byEmail = await findAgentByEmail(deps.store, email);
  if (byEmail) return link(deps, who, active(byEmail));
  if (rule === 'link_by_email') throw new AppError('SSO_NOT_LINKED');
  return link(deps, who, await createFor(deps, email, who.name));
}

function active(agent: AgentRow): AgentRow {
  if (agent.disabled_at !== null) throw new AppError('SSO_ACCOUNT_DISABLED');
  return agent;
}

async function link(deps: Deps, who: ProviderIdentity, agent: AgentRow): Promise<AgentRow> {
  // Two first sign-ins racing: the primary key keeps one link, both go to the same agent.
  await linkProviderAccount(deps.store, {
    issuer: who.issuer,
    subject: who.subject,
    agentId: agent.id,
    at: deps.clock.now(),
  });
  deps.log.info({ agentId: agent.id, issuer: who.issuer }, 'provider account linked to agent');
  return agent;
}

/** A new agent for a verified email; they sign in with the provider (no usable password). */
async function createFor(deps: Deps, email: string, name: string | null): Promise<AgentRow> {
  const display = (name?.trim() || email.split('@')[0] || email).slice(0, MAX_NAME);
  try {
    const agent = await createAgent(deps, {
      email,
      name: display,
      password: randomBytes(32).toString('base64url'),
      role: 'agent',
    });
    deps.log.info({ agentId: agent.id }, 'agent created by single sign-on');
    return agent;
  } catch (err) {
    // Created by a sign-in racing this one: sign in as that agent.
    if (!(err instanceof AppError && err.code === 'EMAIL_TAKEN')) throw err;
    const raced = await findAgentByEmail(deps.store, email);
    if (!raced) throw err;
    return active(raced);
  }
}
