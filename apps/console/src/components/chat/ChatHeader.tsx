import { Avatar, Badge, Button, Group, Text, Title, Tooltip } from '@mantine/core';
import type { Conversation, Invitation } from '@parley/protocol';
import { useState } from 'react';
import { myPendingInvitation } from '../../client/conversations/invitations';
import { canReject } from '../../client/conversations/permissions';
import { visitorLabel } from '../../client/conversations/selectors';
import { chatLabel } from '../../client/tags/labels';
import { useConsole, useConsoleState } from '../../context';
import { conversationStatusMeta } from '../../statusMeta';
import { ChatTags, RenameChat } from '../tags/ChatLabels';
import { ChatTicketLinks } from '../tickets/ChatTicketLinks';
import { VerifiedLock } from '../visitors/VerifiedLock';
import { ActionError } from './ActionError';
import {
  ChatDialogs,
  PrimaryActions,
  SecondaryActions,
  type Dialog,
  type Run,
} from './ChatActions';
import classes from './ChatHeader.module.css';
import { OfferCountdown } from './OfferCountdown';
import { RatingMark } from './RatingMark';

export function ChatHeader({ conversation: c }: { conversation: Conversation }) {
  const state = useConsoleState();
  const { me } = state;
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  // Closing a chat ends its invitations (the server does not report that one by one).
  const invitation = c.status === 'active' ? myPendingInvitation(state, c.id) : null;
  // Known once the side panel has read the visitor's live details.
  const banned = state.visitorDetails[c.visitor.id]?.banned === true;

  const run: Run = async (name, action) => {
    setBusy(name);
    setError(null);
    const result = await action();
    setBusy(null);
    if (!result.ok) setError(result.message ?? 'That did not work.');
  };
  const actions = { c, busy, run, open: setDialog };

  // A title takes the visitor's place in the heading: they move to this line.
  const meta = [
    c.title ? visitorLabel(c) : null,
    c.visitor.name ? c.visitor.code : null,
    c.siteName,
    c.department?.name,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <header className={classes.header}>
      <div className={classes.top}>
        <ChatTitle c={c} meId={me.id} onError={setError} />
        <Group gap="xs" wrap="nowrap" style={{ flex: 'none' }}>
          <PrimaryActions {...actions} />
        </Group>
      </div>
      <div className={classes.second}>
        <Text size="xs" c="dimmed" truncate className={classes.meta}>
          {meta}
        </Text>
        <Group gap={2} wrap="nowrap" className={classes.actions}>
          <SecondaryActions {...actions} banned={banned} />
        </Group>
      </div>

      <ChatTags key={c.id} c={c} onError={setError} />
      <ChatTicketLinks conversationId={c.id} />

      {canReject(c, me) && <OfferBanner conversationId={c.id} />}

      {(c.participants.length > 0 || invitation) && (
        <ChatPeople c={c} invitation={invitation} busy={busy} run={run} />
      )}

      {error && <ActionError message={error} onDismiss={() => setError(null)} />}

      <ChatDialogs c={c} dialog={dialog} onDone={() => setDialog(null)} />
    </header>
  );
}

/** Who the visitor is and where the chat stands: status, owner, invited, rating, presence. */
function ChatTitle(props: { c: Conversation; meId: string; onError: (m: string) => void }) {
  const { c, meId } = props;
  const [renaming, setRenaming] = useState(false);
  const status = conversationStatusMeta[c.status];
  // Naming the owner helps only when it is someone else.
  const owner = c.assignee && c.assignee.id !== meId ? ` · ${c.assignee.name}` : '';
  return (
    // Wraps on a narrow screen: the badges go under a long title rather than over the buttons.
    <Group gap="xs" wrap="wrap" className={classes.title}>
      {!renaming && (
        <Title
          order={2}
          fz="lg"
          lh={1.25}
          lineClamp={1}
          dir="auto"
          style={{ minWidth: 72, flex: '0 1 auto' }}
        >
          {chatLabel(c)}
          {!c.title && c.visitor.name && c.visitor.verified?.includes('name') && (
            <VerifiedLock size={15} />
          )}
        </Title>
      )}
      <RenameChat
        key={c.id}
        c={c}
        editing={renaming}
        onEditing={setRenaming}
        onError={props.onError}
      />
      <Badge color={status.color} variant="light" size="sm" style={{ flex: 'none' }}>
        {status.label}
        {owner}
      </Badge>
      {c.invited && (
        <Tooltip label="The visitor accepted a proactive invitation">
          <Badge color="grape" variant="light" size="sm" style={{ flex: 'none' }}>
            Invited
          </Badge>
        </Tooltip>
      )}
      {c.status === 'closed' && c.rating && (
        <RatingMark value={c.rating.value} comment={c.rating.comment} />
      )}
      {c.status !== 'closed' && (
        <Tooltip
          label={c.visitorOnline ? 'The visitor has the chat open' : 'The visitor left the page'}
        >
          <Badge
            size="sm"
            variant="dot"
            color={c.visitorOnline ? 'green' : 'gray'}
            style={{ flex: 'none' }}
          >
            {c.visitorOnline ? 'Visitor here' : 'Visitor away'}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** An offer to this agent, with the time left to answer it. */
function OfferBanner({ conversationId }: { conversationId: string }) {
  const state = useConsoleState();
  return (
    <div className={classes.offer} role="status">
      <Text size="sm" fw={600} c="orange.9">
        Offered to you
      </Text>
      <Text size="sm" c="orange.9">
        Accept or reject within{' '}
        <strong>
          <OfferCountdown
            seenAt={state.offerSeenAt[conversationId]}
            timeoutSeconds={state.settings?.offerTimeoutSeconds ?? null}
          />
        </strong>
        ; replying also accepts it.
      </Text>
    </div>
  );
}

interface ChatPeopleProps {
  c: Conversation;
  invitation: Invitation | null;
  busy: string | null;
  run: Run;
}

/** Colleagues in the chat besides its owner, and the invitation this agent is waiting on. */
function ChatPeople({ c, invitation, busy, run }: ChatPeopleProps) {
  const { client } = useConsole();
  const { me } = useConsoleState();
  return (
    <Group gap="sm" mt={8} wrap="wrap" className={classes.people}>
      {c.participants.length > 0 && (
        <Group gap={6} wrap="nowrap" aria-label="Agents in this chat" role="group">
          <Text size="xs" c="dimmed" fw={600}>
            Also in chat
          </Text>
          {c.participants.map((p) => (
            <Badge
              key={p.id}
              variant="light"
              color="grape"
              size="md"
              tt="none"
              leftSection={
                <Avatar size={16} radius="xl" color="grape" name={p.name} src={p.avatarUrl} />
              }
            >
              {p.id === me.id ? `${p.name} (you)` : p.name}
            </Badge>
          ))}
        </Group>
      )}
      {invitation && (
        <Group gap={6} wrap="nowrap" role="status">
          <Text size="xs" c="grape.8">
            Waiting for {invitation.invitee.name} to join
            {invitation.inviterLeaves ? ' (you leave once they do)' : ''}…
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            loading={busy === 'cancel'}
            onClick={() => void run('cancel', () => client.cancelInvitation(invitation.id))}
          >
            Cancel invitation
          </Button>
        </Group>
      )}
    </Group>
  );
}
