import { Badge, CloseButton } from '@mantine/core';
import type { ConversationTag } from '@parley/protocol';

interface Props {
  tag: ConversationTag;
  size?: 'xs' | 'sm' | 'md';
  /** Shows an x that takes the tag off (labelled "Remove tag <name>"). */
  onRemove?: () => void;
  disabled?: boolean;
}

/** A tag as a coloured badge; with `onRemove`, its x takes it off the chat. */
export function TagBadge({ tag, size = 'sm', onRemove, disabled }: Props) {
  return (
    <Badge
      color={tag.color}
      variant="light"
      size={size}
      tt="none"
      maw={180}
      style={{ flex: 'none' }}
      rightSection={
        onRemove ? (
          <CloseButton
            size="xs"
            iconSize={12}
            variant="transparent"
            c={`${tag.color}.8`}
            aria-label={`Remove tag ${tag.name}`}
            disabled={disabled}
            onClick={onRemove}
          />
        ) : undefined
      }
    >
      {tag.name}
    </Badge>
  );
}

/** A chat's tags in a row of a list: the first few, then "+n". */
export function TagBadges({ tags, max = 3 }: { tags: readonly ConversationTag[]; max?: number }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  return (
    <>
      {shown.map((t) => (
        <TagBadge key={t.id} tag={t} size="xs" />
      ))}
      {tags.length > max && (
        <Badge size="xs" variant="default" style={{ flex: 'none' }}>
          +{tags.length - max}
        </Badge>
      )}
    </>
  );
}
