import { Button, Group, Paper, Portal, Stack, Text } from '@mantine/core';
import type { Invitation } from '@parley/protocol';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { invitationsForMe } from '../../client/conversations/invitations';
import { visitorLabel } from '../../client/conversations/selectors';
import { useConsole, useConsoleState } from '../../context';
import { navigate } from '../../hooks/useRoute';
import classes from './InvitationCards.module.css';

function InvitationCard({ invitation: inv }: { invitation: Invitation }) {
  const { client } = useConsole();
  const state = useConsoleState();
  const [busy, setBusy] = useState<'join' | 'decline' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const c = state.conversations[inv.conversationId];
  const titleId = `invitation-${inv.id}`;

  async function answer(accept: boolean) {
    setBusy(accept ? 'join' : 'decline');
    setError(null);
    const result = await client.answerInvitation(inv.id, accept);
    setBusy(null);
    if (!result.ok) setError(result.message);
    else if (accept) navigate({ page: 'chats' });
  }

  return (
    <Paper
      withBorder
      shadow="lg"
      radius="md"
      p="sm"
      className={classes.card}
      role="region"
      aria-labelledby={titleId}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconUserPlus size={20} color="var(--mantine-color-grape-7)" aria-hidden />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Text id={titleId} size="sm" fw={600}>
            {inv.inviter.name} invites you to a chat
          </Text>
          <Text size="xs" c="dimmed">
            {c ? `With ${visitorLabel(c)} on ${c.siteName}. ` : ''}
            {inv.inviterLeaves
              ? 'They hand the chat over to you when you join.'
              : 'You join them in the conversation.'}
          </Text>
          {error && (
            <Text size="xs" c="red.7" role="alert">
              {error}
            </Text>
          )}
          <Group gap="xs" mt={6}>
            <Button
              size="compact-sm"
              color="grape"
              loading={busy === 'join'}
              onClick={() => void answer(true)}
            >
              Join
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              loading={busy === 'decline'}
              onClick={() => void answer(false)}
            >
              Decline
            </Button>
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}

/** Invitations waiting for my answer, as cards at the top right until answered. */
export function InvitationCards() {
  const state = useConsoleState();
  const invitations = invitationsForMe(state);
  if (invitations.length === 0) return null;
  return (
    <Portal>
      <div className={classes.stack} aria-label="Invitations" role="complementary">
        {invitations.map((inv) => (
          <InvitationCard key={inv.id} invitation={inv} />
        ))}
      </div>
    </Portal>
  );
}
