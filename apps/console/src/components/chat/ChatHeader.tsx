import { Avatar, Badge, Button, Group, Text, Title, Tooltip } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import {
  IconArrowsExchange,
  IconBan,
  IconCheck,
  IconDoorExit,
  IconExternalLink,
  IconHandGrab,
  IconUserPlus,
  IconUserShare,
  IconX,
} from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { myPendingInvitation } from '../../client/conversations/invitations';
import {
  canAccept,
  canAssign,
  canClose,
  canInvite,
  canLeave,
  canReject,
  canTakeOver,
  canTransfer,
  closeNeedsConfirm,
  inChat,
} from '../../client/conversations/permissions';
import { visitorLabel } from '../../client/conversations/selectors';
import { useConsole, useConsoleState } from '../../context';
import { conversationStatusMeta } from '../../statusMeta';
import { VerifiedLock } from '../visitors/VerifiedLock';
import { ActionError } from './ActionError';
import classes from './ChatHeader.module.css';
import { CloseChatModal } from './CloseChatModal';
import { OfferCountdown } from './OfferCountdown';
import { RatingMark } from './RatingMark';

type Dialog = 'close' | 'invite' | 'transfer' | 'assign' | 'sendPage' | 'ban' | null;

// Dialogs opened now and then load on first use.
const InviteModal = lazy(() => import('./InviteModal'));
const AgentPickerModal = lazy(() => import('./AgentPickerModal'));
const SendPageModal = lazy(() => import('./SendPageModal'));
const BanVisitorModal = lazy(() =>
  import('../visitors/BanVisitorModal').then((m) => ({ default: m.BanVisitorModal })),
);

export function ChatHeader({ conversation: c }: { conversation: Conversation }) {
  const { client } = useConsole();
  const state = useConsoleState();
  const { me } = state;
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const status = conversationStatusMeta[c.status];
  // Naming the owner helps only when it is someone else.
  const owner = c.assignee && c.assignee.id !== me.id ? ` · ${c.assignee.name}` : '';
  const offeredToMe = canReject(c, me);
  // Closing a chat ends its invitations (the server does not report that one by one).
  const invitation = c.status === 'active' ? myPendingInvitation(state, c.id) : null;
  // Known once the side panel has read the visitor's live details.
  const banned = state.visitorDetails[c.visitor.id]?.banned === true;

  async function run(name: string, action: () => Promise<{ ok: boolean; message?: string }>) {
    setBusy(name);
    setError(null);
    const result = await action();
    setBusy(null);
    if (!result.ok) setError(result.message ?? 'That did not work.');
  }

  function requestClose() {
    // Nobody to interrupt when the visitor has gone: close at once.
    if (closeNeedsConfirm(c)) setDialog('close');
    else void run('close', () => client.close(c.id));
  }

  const meta = [c.visitor.name ? c.visitor.code : null, c.siteName, c.department?.name]
    .filter(Boolean)
    .join(' · ');

  const primary = (
    <>
      {canAccept(c) && (
        <Button
          onClick={() => void run('accept', () => client.accept(c.id))}
          loading={busy === 'accept'}
          leftSection={<IconCheck size={16} aria-hidden />}
        >
          Accept
        </Button>
      )}
      {offeredToMe && (
        <Button
          variant="default"
          onClick={() => void run('reject', () => client.reject(c.id))}
          loading={busy === 'reject'}
          leftSection={<IconX size={16} aria-hidden />}
        >
          Reject
        </Button>
      )}
      {canTakeOver(c, me) && (
        <Button
          variant="light"
          onClick={() => void run('takeover', () => client.takeOver(c.id))}
          loading={busy === 'takeover'}
          leftSection={<IconHandGrab size={16} aria-hidden />}
        >
          Take over
        </Button>
      )}
      {canClose(c, me) && (
        <Button
          variant="default"
          onClick={requestClose}
          loading={busy === 'close'}
          leftSection={<IconX size={16} aria-hidden />}
        >
          Close chat
        </Button>
      )}
    </>
  );
  // Less frequent actions sit on the second line, quieter, so the first line never gets cramped.
  const secondary = (
    <>
      {canAssign(c, me) && (
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => setDialog('assign')}
          leftSection={<IconUserShare size={15} aria-hidden />}
        >
          Assign
        </Button>
      )}
      {canInvite(c, me) && (
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => setDialog('invite')}
          leftSection={<IconUserPlus size={15} aria-hidden />}
        >
          Invite agent
        </Button>
      )}
      {canTransfer(c, me) && (
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => setDialog('transfer')}
          leftSection={<IconArrowsExchange size={15} aria-hidden />}
        >
          Transfer
        </Button>
      )}
      {inChat(c, me) && (
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => setDialog('sendPage')}
          leftSection={<IconExternalLink size={15} aria-hidden />}
        >
          Send to page
        </Button>
      )}
      {banned ? (
        <Badge
          color="red"
          variant="light"
          size="sm"
          leftSection={<IconBan size={12} aria-hidden />}
        >
          Banned
        </Badge>
      ) : (
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          onClick={() => setDialog('ban')}
          leftSection={<IconBan size={15} aria-hidden />}
        >
          Ban visitor
        </Button>
      )}
      {canLeave(c, me) && (
        <Button
          size="compact-sm"
          variant="subtle"
          color="gray"
          onClick={() => void run('leave', () => client.leave(c.id))}
          loading={busy === 'leave'}
          leftSection={<IconDoorExit size={15} aria-hidden />}
        >
          Leave chat
        </Button>
      )}
    </>
  );

  return (
    <header className={classes.header}>
      <div className={classes.top}>
        <Group gap="xs" wrap="nowrap" className={classes.title}>
          <Title order={2} fz="lg" lh={1.25} lineClamp={1} dir="auto">
            {visitorLabel(c)}
            {c.visitor.name && c.visitor.verified?.includes('name') && <VerifiedLock size={15} />}
          </Title>
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
              label={
                c.visitorOnline ? 'The visitor has the chat open' : 'The visitor left the page'
              }
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
        <Group gap="xs" wrap="nowrap" style={{ flex: 'none' }}>
          {primary}
        </Group>
      </div>
      <div className={classes.second}>
        <Text size="xs" c="dimmed" truncate className={classes.meta}>
          {meta}
        </Text>
        <Group gap={2} wrap="nowrap" style={{ flex: 'none' }}>
          {secondary}
        </Group>
      </div>

      {offeredToMe && (
        <div className={classes.offer} role="status">
          <Text size="sm" fw={600} c="orange.9">
            Offered to you
          </Text>
          <Text size="sm" c="orange.9">
            Accept or reject within{' '}
            <strong>
              <OfferCountdown
                seenAt={state.offerSeenAt[c.id]}
                timeoutSeconds={state.settings?.offerTimeoutSeconds ?? null}
              />
            </strong>
            ; replying also accepts it.
          </Text>
        </div>
      )}

      {(c.participants.length > 0 || invitation) && (
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
      )}

      {error && <ActionError message={error} onDismiss={() => setError(null)} />}

      <CloseChatModal
        opened={dialog === 'close'}
        conversationId={c.id}
        onClosed={() => setDialog(null)}
        onCancel={() => setDialog(null)}
      />
      <Suspense fallback={null}>
        {dialog === 'invite' && <InviteModal conversation={c} onDone={() => setDialog(null)} />}
        {dialog === 'sendPage' && <SendPageModal conversation={c} onDone={() => setDialog(null)} />}
        {dialog === 'ban' && (
          <BanVisitorModal
            visitor={{ id: c.visitor.id, label: visitorLabel(c) }}
            onDone={() => setDialog(null)}
          />
        )}
        {dialog === 'transfer' && (
          <AgentPickerModal
            title="Transfer this chat"
            description="The colleague you pick becomes the chat's owner; it leaves your list."
            actionLabel="Transfer"
            exclude={c.assignee ? [c.assignee.id] : []}
            onPick={(agentId) => client.transfer(c.id, agentId)}
            onDone={() => setDialog(null)}
          />
        )}
        {dialog === 'assign' && (
          <AgentPickerModal
            title="Assign this chat"
            description="The chat leaves the queue and goes straight to the agent you pick."
            actionLabel="Assign"
            exclude={[]}
            onPick={(agentId) => client.assign(c.id, agentId)}
            onDone={() => setDialog(null)}
          />
        )}
      </Suspense>
    </header>
  );
}
