import { ActionIcon, Button, Group, Text, Tooltip } from '@mantine/core';
import {
  IconEye,
  IconListDetails,
  IconMessageBolt,
  IconPaperclip,
  IconSend2,
  IconTextDirectionLtr,
  IconTextDirectionRtl,
} from '@tabler/icons-react';
import classes from './Composer.module.css';
import { EmojiPicker } from './EmojiPicker';

export type TextDirection = 'ltr' | 'rtl';

interface ComposerBarProps {
  enabled: boolean;
  /** May write to the visitor (else only private notes, or nothing). */
  canReply: boolean;
  /** May write a private note. */
  canNote: boolean;
  isPrivate: boolean;
  dir: TextDirection;
  hint: string;
  canSubmit: boolean;
  onAttach: () => void;
  onEmoji: (emoji: string) => void;
  onCanned: () => void;
  onOptions: () => void;
  onToggleDir: () => void;
  onTogglePrivate: () => void;
}

/** Under the reply box: the tools, the Private switch, the hint and Send. */
export function ComposerBar(props: ComposerBarProps) {
  const { isPrivate } = props;
  return (
    <Group justify="space-between" gap="sm" className={classes.bar} wrap="nowrap">
      <Group gap={2} wrap="nowrap" miw={0}>
        <ComposerTools {...props} optionsAllowed={props.canReply && !isPrivate} />
        <span className={classes.divider} aria-hidden />
        {props.canNote && (
          <PrivateToggle
            isPrivate={isPrivate}
            canReply={props.canReply}
            onToggle={props.onTogglePrivate}
          />
        )}
        <Text size="xs" c={isPrivate ? 'yellow.9' : 'dimmed'} truncate ml={6}>
          {props.hint}
        </Text>
      </Group>
      <Button
        type="submit"
        disabled={!props.canSubmit}
        color={isPrivate ? 'yellow' : undefined}
        c={isPrivate ? 'dark.8' : undefined}
        rightSection={<IconSend2 size={16} aria-hidden />}
      >
        Send
      </Button>
    </Group>
  );
}

type ToolsProps = Pick<
  ComposerBarProps,
  'enabled' | 'dir' | 'onAttach' | 'onEmoji' | 'onCanned' | 'onOptions' | 'onToggleDir'
> & {
  /** Options go to the visitor: never in a private note. */
  optionsAllowed: boolean;
};

function ComposerTools({ enabled, dir, optionsAllowed, ...on }: ToolsProps) {
  const rtl = dir === 'rtl';
  return (
    <>
      <Tooltip label="Attach file (or drop, or paste a screenshot)">
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label="Attach file"
          disabled={!enabled}
          onClick={on.onAttach}
        >
          <IconPaperclip size={18} />
        </ActionIcon>
      </Tooltip>
      <EmojiPicker onPick={on.onEmoji} disabled={!enabled} />
      <Tooltip label="Canned responses (or type / and a shortcut)">
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label="Canned responses"
          disabled={!enabled}
          onClick={on.onCanned}
        >
          <IconMessageBolt size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip
        label={
          optionsAllowed
            ? 'Ask a question with choices to click'
            : 'Options go to the visitor: not in a private note'
        }
      >
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label="Send options"
          disabled={!enabled || !optionsAllowed}
          onClick={on.onOptions}
        >
          <IconListDetails size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip
        label={
          rtl ? 'Right to left: switch to left to right' : 'Left to right: switch to right to left'
        }
      >
        <ActionIcon
          variant={rtl ? 'light' : 'subtle'}
          color={rtl ? 'indigo' : 'gray'}
          aria-label="Text direction"
          aria-pressed={rtl}
          aria-description={rtl ? 'Right to left' : 'Left to right'}
          disabled={!enabled}
          onClick={on.onToggleDir}
        >
          {rtl ? <IconTextDirectionRtl size={18} /> : <IconTextDirectionLtr size={18} />}
        </ActionIcon>
      </Tooltip>
    </>
  );
}

/** Reply or private note; whisper-only chats (a supervisor's view) stay on the note. */
function PrivateToggle(props: { isPrivate: boolean; canReply: boolean; onToggle: () => void }) {
  const { isPrivate, canReply } = props;
  return (
    <Tooltip
      label={
        canReply
          ? 'Write a note only agents see'
          : 'Only private notes here: take the chat over to reply to the visitor'
      }
    >
      <Button
        type="button"
        size="compact-sm"
        variant={isPrivate ? 'filled' : 'default'}
        color={isPrivate ? 'yellow' : 'gray'}
        c={isPrivate ? 'dark.8' : undefined}
        aria-pressed={isPrivate}
        aria-disabled={!canReply || undefined}
        leftSection={<IconEye size={14} aria-hidden />}
        onClick={props.onToggle}
      >
        Private
      </Button>
    </Tooltip>
  );
}
