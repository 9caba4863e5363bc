import { Group, Text, Tooltip } from '@mantine/core';
import type { RatingValue } from '@parley/protocol';

const meta: Record<RatingValue, { emoji: string; label: string; color: string }> = {
  good: { emoji: '👍', label: 'Rated good', color: 'teal.8' },
  bad: { emoji: '👎', label: 'Rated bad', color: 'red.8' },
};

/** The visitor's verdict on a chat: a thumb, and their comment when they left one. */
export function RatingMark({
  value,
  comment,
  withText = false,
}: {
  value: RatingValue;
  comment?: string | null;
  /** Spell the rating out next to the thumb (in roomy places such as a closed chat's footer). */
  withText?: boolean;
}) {
  const m = meta[value];
  const thumb = (
    <Text span role="img" aria-label={m.label} fz="sm" lh={1}>
      {m.emoji}
    </Text>
  );
  if (!withText) {
    return comment ? <Tooltip label={`“${comment}”`}>{thumb}</Tooltip> : thumb;
  }
  return (
    <Group
      gap={6}
      wrap="nowrap"
      align="baseline"
      component="span"
      style={{ display: 'inline-flex', minWidth: 0, verticalAlign: 'baseline' }}
    >
      {thumb}
      <Text span size="sm" fw={600} c={m.color}>
        {value === 'good' ? 'Good' : 'Bad'}
      </Text>
      {comment && (
        <Text span size="sm" c="gray.8" dir="auto" style={{ overflowWrap: 'anywhere' }}>
          “{comment}”
        </Text>
      )}
    </Group>
  );
}
