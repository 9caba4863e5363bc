import { ActionIcon, Center, Loader, Text } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconArrowDown } from '@tabler/icons-react';
import { useMemo, useRef } from 'react';
import { answersByQuestion } from '../../client/messages/options';
import { seenMessageId, visitorSeen } from '../../client/messages/receipts';
import { pendingFor } from '../../client/conversations/selectors';
import { useConsoleState } from '../../context';
import { useStickToBottom } from '../../hooks/useStickToBottom';
import { EarlierConversations } from './EarlierConversations';
import { startsGroup } from './grouping';
import { MessageBubble } from './MessageBubble';
import classes from './MessageList.module.css';
import { PendingBubble } from './PendingBubble';
import { SystemLine } from './SystemLine';

export function MessageList({ conversation }: { conversation: Conversation }) {
  const state = useConsoleState();
  const messages = state.messages[conversation.id] ?? [];
  const pending = useMemo(() => pendingFor(state, conversation.id), [state, conversation.id]);
  const answers = useMemo(() => answersByQuestion(messages), [messages]);
  const seenSeq = visitorSeen(conversation.visitorSeenSeq, state.visitorSeen[conversation.id]);
  const seenId = useMemo(
    () => seenMessageId(messages, state.me.id, seenSeq),
    [messages, state.me.id, seenSeq],
  );
  const byId = useMemo(() => new Map(messages.map((m) => [m.id, m])), [messages]);
  const loading = !state.historyLoaded[conversation.id] && messages.length === 0;
  const viewport = useRef<HTMLDivElement>(null);
  const { atBottom, scrollToBottom } = useStickToBottom(
    viewport,
    `${messages.length}:${pending.length}:${loading}:${conversation.status}:${seenId}`,
    conversation.id,
  );

  return (
    <div className={classes.wrapper}>
      <div
        ref={viewport}
        className={classes.viewport}
        role="log"
        aria-label="Messages"
        aria-live="polite"
      >
        <EarlierConversations conversationId={conversation.id} meId={state.me.id} />
        {loading && (
          <Center py="xl">
            <Loader size="sm" aria-label="Loading messages" />
          </Center>
        )}
        {!loading && messages.length === 0 && pending.length === 0 && (
          <Text ta="center" c="dimmed" size="sm" py="xl">
            No messages yet.
          </Text>
        )}
        {messages.map((m, i) =>
          m.author.type === 'system' ? (
            <SystemLine key={m.id} message={m} />
          ) : (
            <MessageBubble
              key={m.id}
              message={m}
              meId={state.me.id}
              showAuthor={startsGroup(m, messages[i - 1])}
              chosen={m.kind === 'options' ? answers.get(m.id) : undefined}
              question={
                m.kind === 'answer' && m.answer ? byId.get(m.answer.messageId)?.body : undefined
              }
              seen={m.id === seenId}
            />
          ),
        )}
        {pending.map((p) => (
          <PendingBubble key={p.clientId} pending={p} />
        ))}
      </div>
      {!atBottom && (
        <ActionIcon
          className={classes.jump}
          variant="default"
          radius="xl"
          size="lg"
          aria-label="Jump to latest message"
          onClick={scrollToBottom}
        >
          <IconArrowDown size={18} />
        </ActionIcon>
      )}
    </div>
  );
}
