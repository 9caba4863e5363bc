import { ActionIcon, Group, Text, TextInput } from '@mantine/core';
import type { Message } from '@parley/protocol';
import { IconChevronDown, IconChevronUp, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { findInChat, stepMatch } from '../../client/messages/find';
import classes from './FindBar.module.css';

/** Shows which message of the open chat is the current match: scrolled to and outlined. */
function markCurrent(messageId: string | undefined): () => void {
  if (!messageId) return () => undefined;
  const el = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
  if (!el) return () => undefined;
  el.scrollIntoView({ block: 'center' });
  el.setAttribute('data-found', '');
  return () => el.removeAttribute('data-found');
}

/**
 * "Find in chat" (Ctrl+F while a chat is open): the messages holding the text, case and
 * accents ignored, with the match count and next/previous (Enter, Shift+Enter).
 */
export function FindBar({
  messages,
  onClose,
}: {
  messages: readonly Message[];
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const matches = useMemo(() => findInChat(messages, text), [messages, text]);
  const [current, setCurrent] = useState(-1);
  useEffect(() => setCurrent(matches.length ? matches.length - 1 : -1), [matches.length, text]);
  useEffect(() => markCurrent(matches[current]), [matches, current]);
  const step = (d: 1 | -1) => setCurrent((c) => stepMatch(matches.length, c, d));

  return (
    <Group className={classes.bar} gap={6} wrap="nowrap" role="search" aria-label="Find in chat">
      <TextInput
        aria-label="Find in chat"
        placeholder="Find in chat"
        size="xs"
        autoFocus
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') onClose();
        }}
        style={{ flex: 1 }}
      />
      <Text size="xs" c="dimmed" role="status" miw={64} ta="center">
        {text.trim() ? (matches.length ? `${current + 1} of ${matches.length}` : 'No matches') : ''}
      </Text>
      <ActionIcon
        variant="subtle"
        aria-label="Previous match"
        disabled={!matches.length}
        onClick={() => step(-1)}
      >
        <IconChevronUp size={16} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        aria-label="Next match"
        disabled={!matches.length}
        onClick={() => step(1)}
      >
        <IconChevronDown size={16} />
      </ActionIcon>
      <ActionIcon variant="subtle" color="gray" aria-label="Close find" onClick={onClose}>
        <IconX size={16} />
      </ActionIcon>
    </Group>
  );
}
