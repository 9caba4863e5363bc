import { Button, Group, Text, Textarea } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconSend2 } from '@tabler/icons-react';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { useConsole } from '../../context';
import { MAX_MESSAGE_CHARS } from '../../limits';
import { useTypingEmitter } from '../../hooks/useTypingEmitter';
import classes from './Composer.module.css';

interface ComposerProps {
  conversation: Conversation;
  /** Only the agent who owns an active chat may reply in it. */
  enabled: boolean;
}

function disabledReason(c: Conversation): string {
  if (c.status === 'closed') return 'This chat is closed.';
  if (c.status === 'queued' || c.status === 'offered') return 'Accept this chat to reply.';
  return c.assignee
    ? `${c.assignee.name} is handling this chat.`
    : 'You cannot reply in this chat.';
}

/** The reply box. Enter sends; Shift+Enter and Ctrl+Enter start a new line. */
export function Composer({ conversation, enabled }: ComposerProps) {
  const { client, drafts } = useConsole();
  const id = conversation.id;
  const [text, setText] = useState(() => drafts.get(id));
  const typing = useTypingEmitter(id);
  const input = useRef<HTMLTextAreaElement>(null);
  const caretAfterRender = useRef<number | null>(null);

  useEffect(() => {
    if (enabled) input.current?.focus();
  }, [enabled]);

  // A newline inserted by hand (Ctrl+Enter) must leave the caret after it, not at the end.
  useLayoutEffect(() => {
    const caret = caretAfterRender.current;
    if (caret === null || !input.current) return;
    input.current.setSelectionRange(caret, caret);
    caretAfterRender.current = null;
  }, [text]);

  function change(value: string) {
    setText(value);
    drafts.set(id, value);
    if (value.trim()) typing.onInput();
    else typing.stop();
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!enabled || !text.trim()) return;
    client.send(id, text);
    typing.stop();
    change('');
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    if (event.ctrlKey || event.metaKey) {
      // Browsers insert nothing for Ctrl+Enter in a textarea, so add the newline ourselves.
      event.preventDefault();
      const { selectionStart, selectionEnd } = event.currentTarget;
      caretAfterRender.current = selectionStart + 1;
      change(`${text.slice(0, selectionStart)}\n${text.slice(selectionEnd)}`);
      return;
    }
    if (event.shiftKey || event.altKey) return;
    event.preventDefault();
    submit();
  }

  const empty = !text.trim();
  return (
    <form onSubmit={submit} className={classes.form} data-disabled={!enabled || undefined}>
      <Textarea
        ref={input}
        aria-label="Message"
        placeholder={enabled ? 'Write a reply…' : disabledReason(conversation)}
        value={text}
        onChange={(e) => change(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        disabled={!enabled}
        autosize
        minRows={2}
        maxRows={10}
        maxLength={MAX_MESSAGE_CHARS}
        variant="unstyled"
        classNames={{ input: classes.input }}
      />
      <Group justify="space-between" gap="sm" className={classes.bar}>
        <Text size="xs" c="dimmed">
          {enabled ? 'Enter to send · Shift+Enter for a new line' : ''}
        </Text>
        <Button
          type="submit"
          disabled={!enabled || empty}
          rightSection={<IconSend2 size={16} aria-hidden />}
        >
          Send
        </Button>
      </Group>
    </form>
  );
}
