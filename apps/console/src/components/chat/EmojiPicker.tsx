import { ActionIcon, Popover, SimpleGrid, Tooltip, UnstyledButton } from '@mantine/core';
import { IconMoodSmile } from '@tabler/icons-react';
import { useState } from 'react';
import classes from './Composer.module.css';

const EMOJI = [
  '🙂',
  '😀',
  '😄',
  '😉',
  '😊',
  '😍',
  '🤔',
  '😮',
  '🙁',
  '😢',
  '😅',
  '🙏',
  '👍',
  '👎',
  '👌',
  '👋',
  '🎉',
  '❤️',
  '✅',
  '❌',
  '⭐',
  '🔥',
  '📦',
  '🚚',
  '💳',
  '📧',
  '📞',
  '⏰',
  '🛒',
  '🎁',
  '💡',
  '⚠️',
];

/** A small emoji grid; the pick goes where the caret is. */
export function EmojiPicker({
  onPick,
  disabled,
}: {
  onPick: (emoji: string) => void;
  disabled?: boolean;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="top-start"
      shadow="md"
      withArrow
      trapFocus
    >
      <Popover.Target>
        <Tooltip label="Emoji" disabled={opened}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label="Emoji"
            aria-expanded={opened}
            disabled={disabled}
            onClick={() => setOpened((o) => !o)}
          >
            <IconMoodSmile size={18} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={6}>
        <SimpleGrid cols={8} spacing={2} role="group" aria-label="Pick an emoji">
          {EMOJI.map((e) => (
            <UnstyledButton
              key={e}
              className={classes.emoji}
              aria-label={e}
              onClick={() => {
                onPick(e);
                setOpened(false);
              }}
            >
              {e}
            </UnstyledButton>
          ))}
        </SimpleGrid>
      </Popover.Dropdown>
    </Popover>
  );
}
