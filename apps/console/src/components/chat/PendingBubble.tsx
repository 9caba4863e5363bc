import { Group } from '@mantine/core';
import { IconClock, IconPaperclip } from '@tabler/icons-react';
import { formatBytes } from '../../client/composer/uploads';
import type { PendingMessage } from '../../client/core/state';
import { SendFailed } from './SendFailed';
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
        <SendFailed
          reason={`Not sent: ${pending.error?.message ?? 'unknown error'}`}
          onRetry={() => client.retry(pending.clientId)}
          onDiscard={() => client.discard(pending.clientId)}
        />
      )}
    </div>
  );
}
