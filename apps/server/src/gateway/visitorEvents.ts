import type { VisitorClientEvents } from '@parley/protocol';
import {
  EarlierInput,
  InvitationRef,
  RateInput,
  TranscriptInput,
  VisitorUpdateInput,
  AnswerOptionsInput,
  ConversationRef,
  SeenInput,
  SendMessageInput,
  StartConversationInput,
  SyncInput,
  TicketInput,
  TypingInput,
} from '@parley/protocol';
import { createTicket } from '../services/tickets/tickets.js';
import { visitorEarlier } from '../services/history/earlier.js';
import { presentVisitorEarlier } from '../presenters/earlier.js';
import type { Socket } from 'socket.io';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { presentVisitorConversation } from '../presenters/conversation.js';
import { presentVisitorMessage, presentVisitorSendResult } from '../presenters/message.js';
import { closeConversation } from '../services/conversations/closeConversation.js';
import type { Deps } from '../services/deps.js';
import { currentVisitorConversation } from '../services/conversations/readConversations.js';
import { markSeen } from '../services/conversations/markSeen.js';
import { answerOptions, sendVisitorMessage } from '../services/messages/sendMessage.js';
import { startConversation } from '../services/conversations/startConversation.js';
import { syncConversations } from '../services/conversations/syncConversations.js';
import { reportTyping } from '../services/conversations/typing.js';
import { widgetConfigOfSite } from '../services/sites/widgetConfig.js';
import type { VisitorRecord } from '../domain/records.js';
import { updateVisitorSelf } from '../services/visitors/identity.js';
import { endInvitation, pendingInvitation } from '../services/visitors/proactiveInvitations.js';
import { rateConversation, sendTranscript } from '../services/conversations/transcriptAndRating.js';
import { transcriptToShop } from '../services/tickets/fromChat.js';
import { visitorSelf } from '../services/visitors/visitors.js';
import { limitVisitor } from '../services/visitors/abuseLimits.js';
import { socketAddress } from './clientAddress.js';
import { requestsOf, type AckOf, type RequestName } from './handler.js';

const Empty = z.object({});

/** Refused sends in a row a socket is answered at once; after them each answer waits. */
const PROMPT_REFUSALS = 20;
const LATE_REFUSAL_MS = 100;

/**
 * The message limit of one socket. A client that ignores retryAfter and keeps sending gets
 * its refusals late: one that waits for its answers, as clients do, slows to ten attempts a
 * second per unanswered request, so a flood does not hold the node's loop. The widget stops
 * at its first refusal.
 */
function messageLimit(deps: Deps, ip: string | null) {
  let refusedInARow = 0;
  return async (visitor: VisitorRecord): Promise<void> => {
    try {
      await limitVisitor(deps, 'messages', { visitorId: visitor.id, ip });
      refusedInARow = 0;
    } catch (err) {
      refusedInARow += 1;
      if (refusedInARow > PROMPT_REFUSALS) await delay(LATE_REFUSAL_MS);
      throw err;
    }
  };
}

/** The visitor namespace's requests: each parses, calls one service, presents. */
export function registerVisitorEvents(
  socket: Socket,
  deps: Deps,
  current: () => VisitorRecord,
): void {
  // The row is refreshed when the visitor's details change, so read it per request.
  const requests = requestsOf<VisitorClientEvents>(socket, deps.log);
  // Limits count per address too: the connection's, never a header the client chose.
  const ip = socketAddress(socket.handshake, deps.config.trustProxy);
  const limitMessages = messageLimit(deps, ip);
  const on = <E extends RequestName<VisitorClientEvents>, S extends z.ZodType>(
    event: E,
    schema: S,
    run: (input: z.output<S>, visitor: VisitorRecord) => Promise<AckOf<VisitorClientEvents[E]>>,
  ) => requests.request(event, schema, (input) => run(input, current()));

  on('widget:config', Empty, (_input, visitor) => widgetConfigOfSite(deps, visitor.site_id));

  on('conversation:current', Empty, async (_input, visitor) => {
    const current = await currentVisitorConversation(deps, visitor);
    const open = current && current.conversation.status !== 'closed';
    return {
      conversation: current ? presentVisitorConversation(current.conversation) : null,
      messages: current ? current.messages.map(presentVisitorMessage) : [],
      invitation: open ? null : await pendingInvitation(deps, visitor),
    };
  });

  on('conversation:start', StartConversationInput, async (input, visitor) => ({
    conversation: presentVisitorConversation(await startConversation(deps, visitor, input)),
  }));

  on('conversation:close', ConversationRef, async ({ conversationId }, visitor) => ({
    conversation: presentVisitorConversation(
      await closeConversation(deps, { kind: 'visitor', visitor }, conversationId),
    ),
  }));

  on('message:send', SendMessageInput, async (input, visitor) => {
    // Refused before anything is read or written: a flood costs one in-memory count each.
    await limitMessages(visitor);
    const result = await sendVisitorMessage(deps, visitor, input);
    return presentVisitorSendResult(result);
  });

  requests.signal('typing', TypingInput, ({ conversationId, typing, preview }) =>
    reportTyping(deps, { kind: 'visitor', visitor: current() }, conversationId, typing, preview),
  );

  requests.signal('message:seen', SeenInput, ({ conversationId, seq }) =>
    markSeen(deps, { kind: 'visitor', visitor: current() }, conversationId, seq),
  );

  registerVisitorExtras(on, deps, ip, limitMessages);
}

type On = <E extends RequestName<VisitorClientEvents>, S extends z.ZodType>(
  event: E,
  schema: S,
  run: (input: z.output<S>, visitor: VisitorRecord) => Promise<AckOf<VisitorClientEvents[E]>>,
) => void;

/** Answers to options, the message form, rating, transcripts, details, invitations, sync. */
function registerVisitorExtras(
  on: On,
  deps: Deps,
  ip: string | null,
  limitMessages: (visitor: VisitorRecord) => Promise<void>,
): void {
  on('options:answer', AnswerOptionsInput, async (input, visitor) => {
    await limitMessages(visitor);
    const result = await answerOptions(deps, visitor, input);
    return presentVisitorSendResult(result);
  });

  on('ticket:create', TicketInput, async (input, visitor) => {
    const ticket = await createTicket(deps, visitor, input, ip);
    return { ticket: { id: ticket.id, createdAt: new Date(ticket.created_at).toISOString() } };
  });

  on('conversation:rate', RateInput, async (input, visitor) => ({
    conversation: presentVisitorConversation(await rateConversation(deps, visitor, input)),
  }));

  on('conversation:transcript', TranscriptInput, async (input, visitor) => {
    const sent = await sendTranscript(deps, visitor, input);
    // "Also send it to the shop": it arrives as a ticket linked to the chat.
    if (input.toShop) await transcriptToShop(deps, visitor, input);
    return sent;
  });

  on('visitor:me', Empty, async (_input, visitor) => ({
    visitor: await visitorSelf(deps, visitor.id),
  }));

  on('visitor:update', VisitorUpdateInput, async (input, visitor) => ({
    visitor: await updateVisitorSelf(deps, visitor, input, ip),
  }));

  on('invitation:decline', InvitationRef, async ({ invitationId }, visitor) => {
    await endInvitation(deps, visitor.id, invitationId, 'declined');
    return {};
  });

  on('conversation:earlier', EarlierInput, async (input, visitor) =>
    presentVisitorEarlier(await visitorEarlier(deps, visitor, input)),
  );

  on('sync', SyncInput, async ({ conversations }, visitor) => ({
    conversations: (await syncConversations(deps, { kind: 'visitor', visitor }, conversations)).map(
      (e) => ({
        conversation: presentVisitorConversation(e.conversation),
        messages: e.messages.map(presentVisitorMessage),
      }),
    ),
  }));
}
