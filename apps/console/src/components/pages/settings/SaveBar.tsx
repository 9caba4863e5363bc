import { Button, Group } from '@mantine/core';
import { ApiErrorAlert } from '../ApiErrorAlert';
import { SavedMark } from './SavedMark';

interface SaveBarProps {
  /** What the server refused, shown above the buttons until dismissed. */
  error: unknown;
  onDismiss: () => void;
  busy: boolean;
  changed: boolean;
  /** The last save went through (shows "Saved" until the next edit). */
  done: boolean;
  /** Readers who may not edit see the error only. */
  canEdit?: boolean;
  label?: string;
  /** Smaller buttons, for a form inside a site's card. */
  compact?: boolean;
  /** Puts the edits back; Discard shows while there are some. */
  onDiscard?: () => void;
}

/** The foot of a settings form: the server's refusal, Save, Discard and "Saved". */
export function SaveBar(props: SaveBarProps) {
  const { busy, changed, done } = props;
  const size = props.compact ? 'compact-md' : undefined;
  return (
    <>
      {props.error ? <ApiErrorAlert error={props.error} onClose={props.onDismiss} /> : null}
      {props.canEdit !== false && (
        <Group gap="sm">
          <Button type="submit" size={size} loading={busy} disabled={!changed}>
            {props.label ?? 'Save changes'}
          </Button>
          {props.onDiscard && changed && (
            <Button size={size} variant="default" disabled={busy} onClick={props.onDiscard}>
              Discard
            </Button>
          )}
          {done && !changed && <SavedMark />}
        </Group>
      )}
    </>
  );
}
