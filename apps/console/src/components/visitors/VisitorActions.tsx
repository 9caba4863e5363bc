import { ActionIcon, Badge, Button, Tooltip, VisuallyHidden } from '@mantine/core';
import type { LiveVisitor } from '@parley/protocol';
import { IconBan, IconMessagePlus, IconSend } from '@tabler/icons-react';
import { useId } from 'react';
import { inviteAvailability } from '../../client/visitors/visitors';
import { useConsoleState } from '../../context';

interface InviteButtonProps {
  visitor: LiveVisitor;
  onInvite: (v: LiveVisitor) => void;
  /** Compact for table rows, full size in the drawer. */
  compact?: boolean;
}

/**
 * "Invite to chat", or why not: a pending invitation shows as "Invited"; otherwise the button
 * stays focusable but inert, with the reason on hover and for screen readers.
 */
export function InviteButton({ visitor, onInvite, compact = false }: InviteButtonProps) {
  const { me } = useConsoleState();
  const hintId = useId();
  const availability = inviteAvailability(visitor, me);

  if (availability.kind === 'invited') {
    return (
      <Tooltip
        label={
          availability.mine
            ? 'Your invitation is waiting for their answer'
            : 'A colleague’s invitation is waiting for their answer'
        }
      >
        <Badge
          color="grape"
          variant="light"
          size={compact ? 'md' : 'lg'}
          leftSection={<IconSend size={12} aria-hidden />}
          tt="none"
          role="status"
        >
          Invited
        </Badge>
      </Tooltip>
    );
  }

  const blocked = availability.kind === 'blocked' ? availability.reason : null;
  const button = (
    <Button
      size={compact ? 'compact-sm' : 'sm'}
      variant={compact ? 'light' : 'filled'}
      leftSection={<IconMessagePlus size={compact ? 14 : 16} aria-hidden />}
      aria-label="Invite to chat"
      // Inert rather than disabled, so the reason can still be hovered and read out.
      data-disabled={blocked ? true : undefined}
      aria-disabled={blocked ? true : undefined}
      aria-describedby={blocked ? hintId : undefined}
      onClick={(e) => {
        e.stopPropagation();
        if (!blocked) onInvite(visitor);
      }}
    >
      {compact ? 'Invite' : 'Invite to chat'}
    </Button>
  );
  if (!blocked) return button;
  return (
    <>
      <Tooltip label={blocked} multiline maw={260}>
        {button}
      </Tooltip>
      <VisuallyHidden id={hintId}>{blocked}</VisuallyHidden>
    </>
  );
}

export function BanButton({ onBan, compact = false }: { onBan: () => void; compact?: boolean }) {
  if (compact) {
    return (
      <Tooltip label="Ban visitor">
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label="Ban visitor"
          onClick={(e) => {
            e.stopPropagation();
            onBan();
          }}
        >
          <IconBan size={17} aria-hidden />
        </ActionIcon>
      </Tooltip>
    );
  }
  return (
    <Button
      variant="default"
      color="red"
      leftSection={<IconBan size={16} aria-hidden />}
      onClick={onBan}
    >
      Ban visitor
    </Button>
  );
}
