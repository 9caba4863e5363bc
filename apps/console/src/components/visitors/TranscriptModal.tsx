import { Alert, Center, Group, Loader, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import type { Conversation, Message } from '@parley/protocol';
import { IconLock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/http';
import { useConsole, useConsoleState } from '../../context';
import { formatDateTime } from '../../format';
import { MessageBubble } from '../chat/MessageBubble';
import { RatingMark } from '../chat/RatingMark';
import { SystemLine } from '../chat/SystemLine';
import { ChatTicketTools } from '../tickets/ChatTicketTools';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; conversation: Conversation; messages: Message[] }
  | { kind: 'error'; message: string };

function readError(err: unknown): string {
  if (err instanceof ApiError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) {
    return 'Only the agents who were in this chat, and supervisors, can read it.';
  }
  return err instanceof Error ? err.message : 'The conversation could not be read.';
}

/** An earlier conversation of the visitor, read-only, without leaving the current chat. */
export function TranscriptModal({
  conversationId,
  onDone,
}: {
  conversationId: string;
  onDone: () => void;
}) {
  const { api } = useConsole();
  const { me } = useConsoleState();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    api.readConversation(conversationId).then(
      (r) => !cancelled && setLoaded({ kind: 'ready', ...r }),
      (err: unknown) => !cancelled && setLoaded({ kind: 'error', message: readError(err) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, conversationId]);

  const c = loaded.kind === 'ready' ? loaded.conversation : null;
  const title = c ? `Conversation of ${formatDateTime(c.createdAt)}` : 'Earlier conversation';

  return (
    <Modal opened onClose={onDone} title={title} size="lg" radius="lg" centered>
      {loaded.kind === 'loading' && (
        <Center py="xl">
          <Loader size="sm" aria-label="Loading the conversation" />
        </Center>
      )}
      {loaded.kind === 'error' && (
        <Alert color="gray" variant="light" icon={<IconLock size={16} />} role="status">
          {loaded.message}
        </Alert>
      )}
      {loaded.kind === 'ready' && c && (
        <Stack gap="sm">
          <Group gap="md" wrap="wrap">
            <Text size="sm" c="dimmed">
              {[c.assignee ? `With ${c.assignee.name}` : 'No agent', c.siteName, c.department?.name]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            {c.rating && <RatingMark value={c.rating.value} comment={c.rating.comment} withText />}
          </Group>
          <ChatTicketTools conversation={c} />
          <ScrollArea.Autosize mah="60vh" type="auto" offsetScrollbars>
            <div
              role="log"
              aria-label="Messages (read-only)"
              style={{ display: 'flex', flexDirection: 'column', gap: 2, paddingBottom: 8 }}
            >
              {loaded.messages.length === 0 && (
                <Text size="sm" c="dimmed" ta="center" py="md">
                  No messages.
                </Text>
              )}
              {loaded.messages.map((m, i) =>
                m.author.type === 'system' ? (
                  <SystemLine key={m.id} message={m} />
                ) : (
                  <MessageBubble
                    key={m.id}
                    message={m}
                    meId={me.id}
                    showAuthor={
                      loaded.messages[i - 1]?.author.id !== m.author.id ||
                      loaded.messages[i - 1]?.author.type !== m.author.type
                    }
                  />
                ),
              )}
            </div>
          </ScrollArea.Autosize>
        </Stack>
      )}
    </Modal>
  );
}
