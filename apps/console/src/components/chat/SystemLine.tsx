import { Text } from '@mantine/core';
import type { Message } from '@parley/protocol';
import { formatClock } from '../../format';
import { RichText } from './RichText';

/** Events in the chat ("Ana joined the chat"): centred and quiet, not part of the dialogue. */
export function SystemLine({ message }: { message: Message }) {
  return (
    <Text size="xs" c="dimmed" ta="center" my={8} dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
      <RichText text={message.body} /> ·{' '}
      <time dateTime={message.createdAt}>{formatClock(message.createdAt)}</time>
    </Text>
  );
}
