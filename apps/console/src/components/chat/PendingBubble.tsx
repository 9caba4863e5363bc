import { Button, Group, Text } from '@mantine/core';
import { IconAlertCircle, IconClock, IconPaperclip } from '@tabler/icons-react';
import { formatBytes } from '../../client/composer/uploads';
import type { PendingMessage } from '../../client/core/state';
import { useConsole } from '../../context';
import bubble from './MessageBubble.module.css';
import classes from './PendingBubble.module.css';

/** A reply the server has not confirmed yet: shown at once, greyed, with a way out if it failed. */
export function PendingBubble({ pending }: { pending: PendingMessage }) {
  const { client } = useConsole();
  const failed = pending.state === 'failed';

  return (
    <div className={bubble.row} data-side="agent">
      <div
        className={`${bubble.bubble} ${classes.pending}`}
        data-tone={pending.visibility === 'private' ? 'private' : 'mine'}
        data-failed={failed || undefined}
      >
        {pending.attachments?.map((a) => (
          <div key={a.id} className={classes.file}>
            <IconPaperclip size={13} aria-hidden />
            <span className={classes.fileName}>{a.name}</span>
            <span>{formatBytes(a.size)}</span>
          </div>
        ))}
        {pending.body && (
          <div className={bubble.body} dir="auto">
            {pending.body}
          </div>
        )}
        {pending.choices && (
          <ul className={bubble.choices} aria-label="Choices offered">
            {pending.choices.map((c, i) => (
              <li key={i} className={bubble.choice} dir="auto">
                {c}
              </li>
            ))}
          </ul>
        )}
        {!failed && (
          <Group gap={4} justify="flex-end" className={bubble.time}>
            <IconClock size={11} aria-hidden />
            <span>Sending…</span>
          </Group>
        )}
      </div>
      {failed && (
        <Group gap={6} mt={4} wrap="nowrap" role="alert">
          <IconAlertCircle size={14} color="var(--mantine-color-red-7)" aria-hidden />
          <Text size="xs" c="red.8">
            Not sent: {pending.error?.message ?? 'unknown error'}
          </Text>
          <Button
            size="compact-xs"
            variant="light"
            color="red"
            onClick={() => client.retry(pending.clientId)}
          >
            Retry
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            onClick={() => client.discard(pending.clientId)}
          >
            Discard
          </Button>
        </Group>
      )}
    </div>
  );
}
