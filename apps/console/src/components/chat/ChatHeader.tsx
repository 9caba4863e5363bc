import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { visitorLabel } from '../../client/selectors';
import { isWaiting } from '../../client/store';
import { useConsole, useConsoleState } from '../../context';
import { conversationStatusMeta } from '../../statusMeta';
import { ActionError } from './ActionError';
import classes from './ChatHeader.module.css';
import { CloseChatModal } from './CloseChatModal';

interface ChatHeaderProps {
  conversation: Conversation;
  ownedByMe: boolean;
}

export function ChatHeader({ conversation: c, ownedByMe }: ChatHeaderProps) {
  const { client } = useConsole();
  const { me } = useConsoleState();
  const [accepting, setAccepting] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = conversationStatusMeta[c.status];
  // Naming the owner helps only when it is someone else.
  const owner = c.assignee && c.assignee.id !== me.id ? ` · ${c.assignee.name}` : '';

  async function accept() {
    setAccepting(true);
    setError(null);
    const result = await client.accept(c.id);
    // On ALREADY_TAKEN the chat is dropped and this header unmounts; the client shows why.
    setAccepting(false);
    if (!result.ok) setError(result.message);
  }

  return (
    <header className={classes.header}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Stack gap={2} miw={0}>
          <Group gap="xs" wrap="nowrap">
            <Title order={2} fz="lg" lh={1.25} lineClamp={1} dir="auto">
              {visitorLabel(c)}
            </Title>
            <Badge color={status.color} variant="light" size="sm">
              {status.label}
              {owner}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed" truncate>
            {c.visitor.name ? `${c.visitor.code} · ` : ''}
            {c.siteName}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {isWaiting(c) && (
            <Button
              onClick={accept}
              loading={accepting}
              leftSection={<IconCheck size={16} aria-hidden />}
            >
              Accept
            </Button>
          )}
          {ownedByMe && (
            <Button
              variant="default"
              onClick={() => setConfirmClose(true)}
              leftSection={<IconX size={16} aria-hidden />}
            >
              Close chat
            </Button>
          )}
        </Group>
      </Group>
      {error && <ActionError message={error} onDismiss={() => setError(null)} />}
      <CloseChatModal
        opened={confirmClose}
        conversationId={c.id}
        onClosed={() => setConfirmClose(false)}
        onCancel={() => setConfirmClose(false)}
      />
    </header>
  );
}
