import {
  AnswerOptionsInput,
  ConversationRef,
  SeenInput,
  SendMessageInput,
  StartConversationInput,
  SyncInput,
  TicketInput,
  TypingInput,
} from '@parley/protocol';
import { createTicket } from '../services/tickets.js';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import { presentVisitorConversation } from '../presenters/conversation.js';
import { presentMessage, presentSendResult } from '../presenters/message.js';
import { closeConversation } from '../services/closeConversation.js';
import type { Deps } from '../services/deps.js';
import { currentVisitorConversation } from '../services/readConversations.js';
import { markSeen } from '../services/markSeen.js';
import { answerOptions, sendVisitorMessage } from '../services/sendMessage.js';
import { startConversation } from '../services/startConversation.js';
import { syncConversations } from '../services/syncConversations.js';
import { reportTyping } from '../services/typing.js';
import { widgetConfig } from '../services/widgetConfig.js';
import type { VisitorRow } from '../storage/schema.js';
import { onRequest, onSignal } from './handler.js';

const Empty = z.object({});

/** The visitor namespace's requests: each parses, calls one service, presents. */
export function registerVisitorEvents(socket: Socket, deps: Deps, visitor: VisitorRow): void {
  const actor = { kind: 'visitor' as const, visitor };
  const log = deps.log;

  onRequest(socket, log, 'widget:config', Empty, async () => {
    const site = await deps.db
      .selectFrom('sites')
      .selectAll()
      .where('id', '=', visitor.site_id)
      .executeTakeFirstOrThrow();
    return widgetConfig(deps, site);
  });

  onRequest(socket, log, 'conversation:current', Empty, async () => {
    const current = await currentVisitorConversation(deps, visitor);
    return current
      ? {
          conversation: presentVisitorConversation(current.conversation),
          messages: current.messages.map(presentMessage),
        }
      : { conversation: null, messages: [] };
  });

  onRequest(socket, log, 'conversation:start', StartConversationInput, async (input) => ({
    conversation: presentVisitorConversation(await startConversation(deps, visitor, input)),
  }));

  onRequest(socket, log, 'conversation:close', ConversationRef, async ({ conversationId }) => ({
    conversation: presentVisitorConversation(await closeConversation(deps, actor, conversationId)),
  }));

  onRequest(socket, log, 'message:send', SendMessageInput, async (input) => {
    const result = await sendVisitorMessage(deps, visitor, input);
    return presentSendResult(result);
  });

  onSignal(socket, log, 'typing', TypingInput, ({ conversationId, typing, preview }) =>
    reportTyping(deps, actor, conversationId, typing, preview),
  );

  onSignal(socket, log, 'message:seen', SeenInput, ({ conversationId, seq }) =>
    markSeen(deps, actor, conversationId, seq),
  );

  onRequest(socket, log, 'options:answer', AnswerOptionsInput, async (input) => {
    const result = await answerOptions(deps, visitor, input);
    return presentSendResult(result);
  });

  onRequest(socket, log, 'ticket:create', TicketInput, async (input) => {
    const ticket = await createTicket(deps, visitor, input);
    return { ticket: { id: ticket.id, createdAt: new Date(ticket.created_at).toISOString() } };
  });

  onRequest(socket, log, 'sync', SyncInput, async ({ conversations }) => ({
    conversations: (await syncConversations(deps, actor, conversations)).map((e) => ({
      conversation: presentVisitorConversation(e.conversation),
      messages: e.messages.map(presentMessage),
    })),
  }));
}
