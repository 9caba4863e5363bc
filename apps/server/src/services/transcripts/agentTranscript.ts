import type { AgentTranscriptInput } from '@parley/protocol';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import type { AgentRow } from '../../storage/schema.js';
import { visitorRow } from '../../storage/ticketWrites.js';
import { getAgentConversation } from '../conversations/readConversations.js';
import type { Deps } from '../deps.js';
import { publicTranscript } from './chatTranscript.js';

/** Mails per agent an hour: enough for real work, too few to use Parley as a mailer. */
const AGENT_TRANSCRIPTS = { name: 'agent-transcripts', limit: 20, windowMs: 3_600_000 } as const;

/**
 * An agent mails a chat they may open to any address: its public part only, in the visitor's
 * language (or the one asked for), each file as a link into the console.
 */
export async function emailTranscriptAsAgent(
  deps: Deps,
  agent: AgentRow,
  conversationId: string,
  input: z.output<typeof AgentTranscriptInput>,
): Promise<{ sentTo: string }> {
  const c = await getAgentConversation(deps, agent, conversationId);
  if (!(await deps.rateLimiter.allow(AGENT_TRANSCRIPTS, agent.id)))
    throw new AppError('RATE_LIMITED', 'Too many transcripts sent; try again later.');
  const visitor = await visitorRow(deps.store, c.visitor_id);
  if (!visitor) throw new AppError('NOT_FOUND', 'Conversation not found.');
  const base = deps.config.publicUrl;
  const mail = await publicTranscript(deps, c, visitor, {
    language: input.language,
    fileUrl: (id) => `${base}/api/v1/files/${encodeURIComponent(id)}`,
  });
  await deps.mailer.send({
    to: input.email,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
  });
  return { sentTo: input.email };
}
