import { Button, Group, Text, Textarea, Tooltip } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconEye, IconSend2 } from '@tabler/icons-react';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { composerMode } from '../../client/permissions';
import { useConsole, useConsoleState } from '../../context';
import { useTypingEmitter } from '../../hooks/useTypingEmitter';
import { MAX_MESSAGE_CHARS } from '../../limits';
import classes from './Composer.module.css';

/**
 * The reply box. Enter sends; Shift+Enter and Ctrl+Enter start a new line. "Private" turns the
 * message into a note only agents see (a supervisor watching someone else's chat can only
 * whisper).
 */
export function Composer({ conversation }: { conversation: Conversation }) {
  const { client, drafts } = useConsole();
  const { me } = useConsoleState();
  const id = conversation.id;
  const mode = composerMode(conversation, me);
  const enabled = mode.public || mode.private;
  const [privateChosen, setPrivateChosen] = useState(false);
  const isPrivate = mode.private && (privateChosen || !mode.public);
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
    // The visitor sees typing only for what they will receive.
    if (value.trim() && !isPrivate) typing.onInput();
    else typing.stop();
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!enabled || !text.trim()) return;
    client.send(id, text, isPrivate ? 'private' : 'public');
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

  const placeholder = !enabled
    ? mode.hint
    : isPrivate
      ? 'Private note: only agents see it…'
      : mode.hint
        ? `Write a reply… (${mode.hint.toLowerCase()})`
        : 'Write a reply…';
  const hint = !enabled
    ? ''
    : isPrivate
      ? mode.public
        ? 'Private: the visitor will not see this'
        : mode.hint
      : 'Enter to send · Shift+Enter for a new line';

  return (
    <form
      onSubmit={submit}
      className={classes.form}
      data-disabled={!enabled || undefined}
      data-private={isPrivate || undefined}
    >
      <Textarea
        ref={input}
        aria-label="Message"
        placeholder={placeholder}
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
      <Group justify="space-between" gap="sm" className={classes.bar} wrap="nowrap">
        <Group gap="sm" wrap="nowrap" miw={0}>
          {mode.private && (
            <Tooltip
              label={
                mode.public
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
                aria-disabled={!mode.public || undefined}
                leftSection={<IconEye size={14} aria-hidden />}
                onClick={() => {
                  if (!mode.public) return; // whisper-only: nothing to switch to
                  setPrivateChosen((v) => !v);
                  typing.stop();
                  input.current?.focus();
                }}
              >
                Private
              </Button>
            </Tooltip>
          )}
          <Text size="xs" c={isPrivate ? 'yellow.9' : 'dimmed'} truncate>
            {hint}
          </Text>
        </Group>
        <Button
          type="submit"
          disabled={!enabled || !text.trim()}
          color={isPrivate ? 'yellow' : undefined}
          c={isPrivate ? 'dark.8' : undefined}
          rightSection={<IconSend2 size={16} aria-hidden />}
        >
          Send
        </Button>
      </Group>
    </form>
  );
}
