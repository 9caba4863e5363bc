import type { RateInput, TranscriptInput } from '@parley/protocol';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import { publicTranscript } from '../transcripts/chatTranscript.js';
import { rateChat } from '../../storage/conversationWrites.js';
import type { ConversationSnapshot } from '../../storage/conversations.js';
import type { VisitorRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { publishConversationChanged, snapshotOf } from './conversationSnapshots.js';

async function ownConversation(
  deps: Deps,
  visitor: VisitorRow,
  conversationId: string,
): Promise<ConversationSnapshot> {
  const c = await snapshotOf(deps, conversationId);
  if (!c || c.visitor_id !== visitor.id) throw new AppError('NOT_FOUND', 'Conversation not found.');
  return c;
}

/** Good or bad, with an optional comment, once the chat has ended; a second rating replaces the first. */
export async function rateConversation(
  deps: Deps,
  visitor: VisitorRow,
  input: z.output<typeof RateInput>,
): Promise<ConversationSnapshot> {
  const c = await ownConversation(deps, visitor, input.conversationId);
  if (c.status !== 'closed')
    throw new AppError('VALIDATION_FAILED', 'A chat can be rated once it has ended.', {
      conversationId: 'not ended yet',
    });
  await rateChat(deps.store, c.id, {
    rating: input.rating,
    comment: input.comment ? input.comment : null,
    at: deps.clock.now(),
  });
  return publishConversationChanged(deps, c.id, { status: c.status, assigneeId: c.assignee_id });
}

/** At most a few mails per conversation an hour: the address is typed by whoever has the widget. */
const TRANSCRIPTS = { name: 'transcripts', limit: 5, windowMs: 3_600_000 } as const;

/** Mails the public part of the conversation to the address the visitor gave. */
export async function sendTranscript(
  deps: Deps,
  visitor: VisitorRow,
  input: z.output<typeof TranscriptInput>,
): Promise<{ sentTo: string }> {
  const c = await ownConversation(deps, visitor, input.conversationId);
  if (!(await deps.rateLimiter.allow(TRANSCRIPTS, c.id)))
    throw new AppError('RATE_LIMITED', 'Too many transcripts for this chat; try again later.');
  // Only public messages are read at all: private notes never reach the renderer.
  const mail = await publicTranscript(deps, c, visitor, { language: input.language });
  await deps.mailer.send({
    to: input.email,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
  });
  return { sentTo: input.email };
}
