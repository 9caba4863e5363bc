import type { AgentClientEvents } from '@parley/protocol';
import {
  AgentSendMessageInput,
  ConversationRef,
  ListConversationsInput,
  SeenInput,
  SetStatusInput,
  SyncInput,
  TypingInput,
} from '@parley/protocol';
import type { Socket } from 'socket.io';
import { presentAgent } from '../presenters/agent.js';
import { presentConversation } from '../presenters/conversation.js';
import { presentMessage, presentSendResult } from '../presenters/message.js';
import { acceptConversation } from '../services/conversations/acceptConversation.js';
import { closeConversation } from '../services/conversations/closeConversation.js';
import type { Deps } from '../services/deps.js';
import {
  agentHistory,
  getAgentConversation,
  listAgentConversations,
} from '../services/conversations/readConversations.js';
import { markSeen } from '../services/conversations/markSeen.js';
import { sendAgentMessage } from '../services/messages/sendMessage.js';
import { setAgentStatus } from '../services/team/setAgentStatus.js';
import { syncConversations } from '../services/conversations/syncConversations.js';
import { reportTyping } from '../services/conversations/typing.js';
import type { AgentRecord } from '../domain/records.js';
import { requestsOf } from './handler.js';
import { rooms } from './rooms.js';

const WATCH_HISTORY = 500;

/** The agent namespace's requests: each parses, calls one service, presents. */
export function registerAgentEvents(socket: Socket, deps: Deps, getAgent: () => AgentRecord): void {
  const on = requestsOf<AgentClientEvents>(socket, deps.log);
  const actor = () => ({ kind: 'agent' as const, agent: getAgent() });

  on.request('agent:status', SetStatusInput, async ({ status }) => ({
    agent: presentAgent(await setAgentStatus(deps, getAgent(), status)),
  }));

  on.request('conversation:list', ListConversationsInput, async (f) => ({
    conversations: (await listAgentConversations(deps, getAgent(), f)).map(presentConversation),
  }));

  on.request('conversation:watch', ConversationRef, async ({ conversationId }) => {
    await getAgentConversation(deps, getAgent(), conversationId); // may this agent see it at all?
    // Join before reading, so a message committed in between arrives live (the client dedupes).
    await socket.join(rooms.conversation(conversationId));
    const { conversation, messages } = await agentHistory(deps, getAgent(), conversationId, {
      afterSeq: 0,
      limit: WATCH_HISTORY,
    });
    return {
      conversation: presentConversation(conversation),
      messages: messages.map(presentMessage),
    };
  });

  on.request('conversation:unwatch', ConversationRef, async ({ conversationId }) => {
    await socket.leave(rooms.conversation(conversationId));
    return {};
  });

  on.request('conversation:accept', ConversationRef, async ({ conversationId }) => ({
    conversation: presentConversation(await acceptConversation(deps, getAgent(), conversationId)),
  }));

  on.request('conversation:close', ConversationRef, async ({ conversationId }) => ({
    conversation: presentConversation(await closeConversation(deps, actor(), conversationId)),
  }));

  on.request('message:send', AgentSendMessageInput, async (input) => {
    const result = await sendAgentMessage(deps, getAgent(), input);
    return presentSendResult(result);
  });

  on.signal('typing', TypingInput, ({ conversationId, typing }) =>
    reportTyping(deps, actor(), conversationId, typing),
  );

  on.signal('message:seen', SeenInput, ({ conversationId, seq }) =>
    markSeen(deps, actor(), conversationId, seq),
  );

  on.request('sync', SyncInput, async ({ conversations }) => ({
    conversations: (await syncConversations(deps, actor(), conversations)).map((e) => ({
      conversation: presentConversation(e.conversation),
      messages: e.messages.map(presentMessage),
    })),
  }));
}
