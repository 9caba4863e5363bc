import { Badge, Button, Menu } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import {
  IconArrowsExchange,
  IconBan,
  IconCheck,
  IconDoorExit,
  IconDots,
  IconExternalLink,
  IconHandGrab,
  IconMail,
  IconTicket,
  IconUserPlus,
  IconUserShare,
  IconX,
} from '@tabler/icons-react';
import { lazy, Suspense, type ReactNode } from 'react';
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
import { CloseChatModal } from './CloseChatModal';

export type Dialog =
  'close' | 'invite' | 'transfer' | 'assign' | 'sendPage' | 'ban' | 'ticket' | 'transcript' | null;

/** Runs one action of the header, showing it busy under `name` and its error if it fails. */
export type Run = (
  name: string,
  action: () => Promise<{ ok: boolean; message?: string }>,
) => Promise<void>;

interface ActionsProps {
  c: Conversation;
  busy: string | null;
  run: Run;
  open: (dialog: Dialog) => void;
}

// Dialogs opened now and then load on first use.
const InviteModal = lazy(() => import('./InviteModal'));
const AgentPickerModal = lazy(() => import('./AgentPickerModal'));
const SendPageModal = lazy(() => import('./SendPageModal'));
const ChatTicketModal = lazy(() => import('../tickets/ChatTicketModal'));
const EmailTranscriptModal = lazy(() => import('../tickets/EmailTranscriptModal'));
const BanVisitorModal = lazy(() =>
  import('../visitors/BanVisitorModal').then((m) => ({ default: m.BanVisitorModal })),
);

/** The first line's actions: take a waiting chat (or turn an offer down), take over, close. */
export function PrimaryActions({ c, busy, run, open }: ActionsProps) {
  const { client } = useConsole();
  const { me } = useConsoleState();

  function requestClose() {
    // Nobody to interrupt when the visitor has gone: close at once.
    if (closeNeedsConfirm(c)) open('close');
    else void run('close', () => client.close(c.id));
  }

  return (
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
      {canReject(c, me) && (
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
}

/** "More": what an agent does after (or beside) the chat, a ticket or a transcript by email. */
function MoreActions({ open }: { open: (dialog: Dialog) => void }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="compact-sm"
          variant="subtle"
          color="gray"
          aria-label="More actions"
          leftSection={<IconDots size={15} aria-hidden />}
        >
          More
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconTicket size={15} aria-hidden />}
          onClick={() => open('ticket')}
        >
          Create ticket
        </Menu.Item>
        <Menu.Item
          leftSection={<IconMail size={15} aria-hidden />}
          onClick={() => open('transcript')}
        >
          Email transcript
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * Less frequent actions sit on the second line, quieter, so the first line never gets cramped.
 * `banned` is known once the side panel has read the visitor's live details.
 */
export function SecondaryActions({
  c,
  busy,
  run,
  open,
  banned,
}: ActionsProps & { banned: boolean }) {
  const { client } = useConsole();
  const { me } = useConsoleState();
  const quiet = (dialog: Dialog, icon: ReactNode, label: string) => (
    <Button size="compact-sm" variant="subtle" onClick={() => open(dialog)} leftSection={icon}>
      {label}
    </Button>
  );
  return (
    <>
      {canAssign(c, me) && quiet('assign', <IconUserShare size={15} aria-hidden />, 'Assign')}
      {canInvite(c, me) && quiet('invite', <IconUserPlus size={15} aria-hidden />, 'Invite agent')}
      {canTransfer(c, me) &&
        quiet('transfer', <IconArrowsExchange size={15} aria-hidden />, 'Transfer')}
      {inChat(c, me) &&
        quiet('sendPage', <IconExternalLink size={15} aria-hidden />, 'Send to page')}
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
          onClick={() => open('ban')}
          leftSection={<IconBan size={15} aria-hidden />}
        >
          Ban visitor
        </Button>
      )}
      <MoreActions open={open} />
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
}

/** The dialog the header's actions opened, if any. */
export function ChatDialogs({
  c,
  dialog,
  onDone,
}: {
  c: Conversation;
  dialog: Dialog;
  onDone: () => void;
}) {
  const { client } = useConsole();
  return (
    <>
      <CloseChatModal
        opened={dialog === 'close'}
        conversationId={c.id}
        onClosed={onDone}
        onCancel={onDone}
      />
      <Suspense fallback={null}>
        {dialog === 'invite' && <InviteModal conversation={c} onDone={onDone} />}
        {dialog === 'sendPage' && <SendPageModal conversation={c} onDone={onDone} />}
        {dialog === 'ticket' && <ChatTicketModal conversation={c} onDone={onDone} />}
        {dialog === 'transcript' && <EmailTranscriptModal conversationId={c.id} onDone={onDone} />}
        {dialog === 'ban' && (
          <BanVisitorModal visitor={{ id: c.visitor.id, label: visitorLabel(c) }} onDone={onDone} />
        )}
        {dialog === 'transfer' && (
          <AgentPickerModal
            title="Transfer this chat"
            description="The colleague you pick becomes the chat's owner; it leaves your list."
            actionLabel="Transfer"
            exclude={c.assignee ? [c.assignee.id] : []}
            onPick={(agentId) => client.transfer(c.id, agentId)}
            onDone={onDone}
          />
        )}
        {dialog === 'assign' && (
          <AgentPickerModal
            title="Assign this chat"
            description="The chat leaves the queue and goes straight to the agent you pick."
            actionLabel="Assign"
            exclude={[]}
            onPick={(agentId) => client.assign(c.id, agentId)}
            onDone={onDone}
          />
        )}
      </Suspense>
    </>
  );
}
