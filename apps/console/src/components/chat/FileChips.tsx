import { ActionIcon, Progress, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconFile, IconPhoto, IconRefresh, IconX } from '@tabler/icons-react';
import { formatBytes, type UploadQueue } from '../../client/composer/uploads';
import classes from './Composer.module.css';

interface FileChipsProps {
  queue: UploadQueue;
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
}

/** Files waiting to go with the message: name, size, progress, and a way to drop or retry each. */
export function FileChips({ queue, onRemove, onRetry }: FileChipsProps) {
  if (queue.length === 0) return null;
  return (
    <ul className={classes.chips} aria-label="Files to send">
      {queue.map((f) => {
        const image = /\.(png|jpe?g|gif|webp|bmp)$/i.test(f.name);
        return (
          <li key={f.key} className={classes.chip} data-status={f.status}>
            <span className={classes.chipIcon} aria-hidden>
              {f.status === 'error' ? (
                <IconAlertCircle size={16} />
              ) : image ? (
                <IconPhoto size={16} />
              ) : (
                <IconFile size={16} />
              )}
            </span>
            <span className={classes.chipText}>
              <span className={classes.chipName} title={f.name}>
                {f.name}
              </span>
              <span className={classes.chipMeta}>
                {f.status === 'error'
                  ? f.error
                  : f.status === 'uploading'
                    ? `${formatBytes(f.size)} · uploading ${Math.round(f.progress * 100)}%`
                    : formatBytes(f.size)}
              </span>
              {f.status === 'uploading' && (
                <Progress
                  value={Math.max(3, f.progress * 100)}
                  size={3}
                  className={classes.chipProgress}
                  aria-label={`Uploading ${f.name}`}
                />
              )}
            </span>
            {f.status === 'error' && (
              <Tooltip label="Try again">
                <ActionIcon
                  size="sm"
                  variant="subtle"
                  color="red"
                  aria-label={`Retry ${f.name}`}
                  onClick={() => onRetry(f.key)}
                >
                  <IconRefresh size={14} />
                </ActionIcon>
              </Tooltip>
            )}
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              aria-label={`Remove ${f.name}`}
              onClick={() => onRemove(f.key)}
            >
              <IconX size={14} />
            </ActionIcon>
          </li>
        );
      })}
    </ul>
  );
}
