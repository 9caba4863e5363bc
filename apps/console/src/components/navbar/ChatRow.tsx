import { Badge, Group, Text, UnstyledButton } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconPencil } from '@tabler/icons-react';
import { memo } from 'react';
import type { OfferState } from '../../client/conversations/groups';
import { visitorLabel } from '../../client/conversations/selectors';
import { chatLabel } from '../../client/tags/labels';
import {
  describeElapsed,
  formatClock,
  formatDateTime,
  formatElapsed,
  previewLine,
  type ChatPreview,
} from '../../format';
import { OfferCountdown } from '../chat/OfferCountdown';
import { RatingMark } from '../chat/RatingMark';
import { TagBadges } from '../tags/TagBadge';
import classes from './ChatRow.module.css';

export type ChatRowKind = 'mine' | 'waiting' | 'all' | 'closed';

interface ChatRowProps {
  conversation: Conversation;
  kind: ChatRowKind;
  selected: boolean;
  preview: ChatPreview | null;
  unread: number;
  isNew: boolean;
  hasDraft: boolean;
  /** The agent is in this chat as an invited colleague, not its owner. */
  invited: boolean;
  offer: OfferState;
  offerSeenAt: number | undefined;
  offerTimeout: number | null;
  now: number;
  onSelect: (id: string) => void;
}

function corner(props: ChatRowProps): { text: string; color: string; strong: boolean } {
  const { conversation: c, kind, preview, now } = props;
  switch (kind) {
    case 'waiting':
      return { text: formatElapsed(c.queuedAt, now), color: 'orange.8', strong: true };
    case 'all':
      return { text: c.assignee?.name ?? '', color: 'dimmed', strong: false };
    case 'closed':
      return {
        text: c.closedAt ? formatDateTime(c.closedAt, now) : '',
        color: 'dimmed',
        strong: false,
      };
    default:
      return {
        text: preview ? formatClock(preview.createdAt) : '',
        color: 'dimmed',
        strong: false,
      };
  }
}

/** One chat in a list: who, the latest line, how long they waited, and what needs attention. */
export const ChatRow = memo(function ChatRow(props: ChatRowProps) {
  const { conversation: c, kind, selected, preview, unread, isNew, hasDraft, offer } = props;
  const label = chatLabel(c);
  const line = previewLine(preview);
  const offeredToMe = offer.kind === 'offered-to-me';
  const attention = isNew || unread > 0 || offeredToMe;
  const time = corner(props);

  const spoken = spokenName(props);
  const previewId = `chat-preview-${kind}-${c.id}`;

  return (
    <UnstyledButton
      className={classes.row}
      data-selected={selected || undefined}
      data-attention={attention || undefined}
      data-offered={offeredToMe || undefined}
      aria-current={selected ? 'true' : undefined}
      aria-label={spoken}
      aria-describedby={previewId}
      onClick={() => props.onSelect(c.id)}
    >
      <Group justify="space-between" gap={8} wrap="nowrap">
        <Text className={classes.name} size="sm" truncate dir="auto">
          {label}
        </Text>
        <Text
          size="xs"
          c={time.color}
          fw={time.strong ? 600 : 400}
          className={classes.time}
          truncate
          maw={120}
        >
          {time.text}
        </Text>
      </Group>
      <Group justify="space-between" gap={6} wrap="nowrap" mt={2}>
        <Text size="xs" className={classes.preview} truncate dir="auto" id={previewId}>
          {hasDraft && (
            <span className={classes.draft}>
              <IconPencil size={11} aria-hidden /> Draft ·{' '}
            </span>
          )}
          {line}
        </Text>
        <RowBadges {...props} />
      </Group>
      {c.tags.length > 0 && (
        <Group gap={4} wrap="nowrap" mt={4} aria-hidden className={classes.tags}>
          <TagBadges tags={c.tags} />
        </Group>
      )}
    </UnstyledButton>
  );
});

/**
 * The name says who and what needs attention; the latest line is its description, so words a
 * visitor typed ("accept", "send") never become part of a button's name.
 */
function spokenName(props: ChatRowProps): string {
  const { conversation: c, kind, unread, isNew, hasDraft, invited } = props;
  return [
    // A renamed chat is called by its title, then by its visitor.
    c.title ? `${c.title}, ${visitorLabel(c)}` : visitorLabel(c),
    kind === 'waiting' ? `waiting ${describeElapsed(c.queuedAt, props.now)}` : null,
    props.offer.kind === 'offered-to-me' ? 'offered to you' : null,
    kind === 'all' && c.assignee ? `with ${c.assignee.name}` : null,
    isNew ? 'new' : null,
    invited ? 'invited' : null,
    kind === 'closed' && c.rating ? `rated ${c.rating.value}` : null,
    unread > 0 ? `${unread} unread` : null,
    hasDraft ? 'draft' : null,
    c.tags.length > 0 ? `tagged ${c.tags.map((t) => t.name).join(', ')}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** What needs attention: an offer with its countdown, new, invited, the rating, unread. */
function RowBadges(props: ChatRowProps) {
  const { conversation: c, kind, unread, isNew, invited } = props;
  const offeredToMe = props.offer.kind === 'offered-to-me';
  return (
    <>
      {offeredToMe && (
        <Badge size="xs" color="orange" variant="filled" className={classes.badge}>
          For you <OfferCountdown seenAt={props.offerSeenAt} timeoutSeconds={props.offerTimeout} />
        </Badge>
      )}
      {isNew && !offeredToMe && (
        <Badge size="xs" color="orange" variant="light" className={classes.badge}>
          New
        </Badge>
      )}
      {invited && (
        <Badge size="xs" color="grape" variant="light" className={classes.badge}>
          Invited
        </Badge>
      )}
      {kind === 'closed' && c.rating && (
        <span className={classes.badge} aria-hidden>
          <RatingMark value={c.rating.value} />
        </span>
      )}
      {unread > 0 && (
        <Badge
          size="sm"
          color="indigo"
          variant="filled"
          circle={unread < 10}
          className={classes.badge}
        >
          {unread > 99 ? '99+' : unread}
        </Badge>
      )}
    </>
  );
}
