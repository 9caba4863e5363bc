import { ActionIcon, Alert, Button, Group, Text, Textarea, Tooltip } from '@mantine/core';
import type { CannedResponse, Conversation } from '@parley/protocol';
import {
  IconEye,
  IconListDetails,
  IconMessageBolt,
  IconPaperclip,
  IconSend2,
  IconTextDirectionLtr,
  IconTextDirectionRtl,
} from '@tabler/icons-react';
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { cannedContext, fillCanned, matchShortcuts, slashQuery } from '../../client/canned/canned';
import { composerMode } from '../../client/conversations/permissions';
import { insertAt } from '../../client/composer/textEdit';
import { queueBlocksSend, readyAttachments, screenshotName } from '../../client/composer/uploads';
import { useCanned, useConsole, useConsoleState } from '../../context';
import { useTypingEmitter } from '../../hooks/useTypingEmitter';
import type { UploadQueueApi } from '../../hooks/useUploadQueue';
import { MAX_MESSAGE_CHARS } from '../../limits';
import { CannedPicker } from './CannedPicker';
import classes from './Composer.module.css';
import { EmojiPicker } from './EmojiPicker';
import { FileChips } from './FileChips';
import { OptionsModal } from './OptionsModal';
import { SlashSuggestions } from './SlashSuggestions';

interface ComposerProps {
  conversation: Conversation;
  uploads: UploadQueueApi;
}

/**
 * The reply box. Enter sends; Shift+Enter and Ctrl+Enter start a new line. "Private" turns the
 * message into a note only agents see (a supervisor watching someone else's chat can only
 * whisper). Files come from the paperclip, a drop on the chat, or a pasted screenshot.
 */
export function Composer({ conversation, uploads }: ComposerProps) {
  const { client, drafts } = useConsole();
  const { me } = useConsoleState();
  const canned = useCanned();
  const id = conversation.id;
  const mode = composerMode(conversation, me);
  const enabled = mode.public || mode.private;
  const [privateChosen, setPrivateChosen] = useState(false);
  const isPrivate = mode.private && (privateChosen || !mode.public);
  const [text, setText] = useState(() => drafts.get(id));
  const [dir, setDir] = useState<'ltr' | 'rtl'>('ltr');
  const [pickerOpen, setPickerOpen] = useState(false);
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [suggestIndex, setSuggestIndex] = useState(0);
  const [suggestDismissed, setSuggestDismissed] = useState<string | null>(null);
  const typing = useTypingEmitter(id);
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const caretAfterRender = useRef<number | null>(null);
  const listId = useId();

  const fill = (body: string) => fillCanned(body, cannedContext(conversation, me.name));
  const query = enabled ? slashQuery(text) : null;
  const suggestions = useMemo(
    () =>
      query === null || query === suggestDismissed ? [] : matchShortcuts(canned.responses, query),
    [query, suggestDismissed, canned.responses],
  );
  const suggesting = suggestions.length > 0;
  const active = Math.min(suggestIndex, Math.max(0, suggestions.length - 1));

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
    setSuggestIndex(0);
    // The visitor sees typing only for what they will receive.
    if (value.trim() && !isPrivate) typing.onInput();
    else typing.stop();
  }

  /** Puts text at the caret (or over the selection) and keeps the caret after it. */
  function insert(snippet: string) {
    const el = input.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = insertAt(text, start, end, snippet);
    caretAfterRender.current = next.caret;
    change(next.text);
    el?.focus();
  }

  const blocked = queueBlocksSend(uploads.queue);
  const files = readyAttachments(uploads.queue);
  const canSubmit = enabled && !blocked && (text.trim().length > 0 || files.length > 0);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSubmit) return;
    client.send(id, text, isPrivate ? 'private' : 'public', { attachments: files });
    uploads.clear();
    typing.stop();
    change('');
    input.current?.focus();
  }

  function pickSuggestion(r: CannedResponse) {
    caretAfterRender.current = null;
    change(fill(r.body));
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggesting) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setSuggestIndex((active + step + suggestions.length) % suggestions.length);
        return;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        const pick = suggestions[active];
        if (pick && !event.nativeEvent.isComposing) {
          event.preventDefault();
          pickSuggestion(pick);
          return;
        }
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setSuggestDismissed(query);
        return;
      }
    }
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

  /** A screenshot pasted from the clipboard becomes an attachment; pasted text stays text. */
  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const images = [...event.clipboardData.items]
      .filter((i) => i.kind === 'file' && i.type.startsWith('image/'))
      .map((i) => i.getAsFile())
      .filter((f): f is File => f !== null);
    const others = [...event.clipboardData.files].filter((f) => !f.type.startsWith('image/'));
    if (images.length === 0 && others.length === 0) return;
    if (!event.clipboardData.getData('text/plain')) event.preventDefault();
    const now = new Date();
    uploads.add([
      ...images.map((f) => ({
        file: f,
        // Clipboard images are all called "image.png": name them by the time instead.
        name: f.name && f.name !== 'image.png' ? f.name : screenshotName(now, f.type),
      })),
      ...others,
    ]);
  }

  const placeholder = !enabled
    ? mode.hint
    : isPrivate
      ? 'Private note: only agents see it…'
      : mode.hint
        ? `Write a reply… (${mode.hint.toLowerCase()})`
        : 'Write a reply… (type / for saved replies)';
  const hint = !enabled
    ? ''
    : blocked === 'uploading'
      ? 'Waiting for the upload to finish…'
      : blocked === 'failed'
        ? 'Remove or retry the file that failed'
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
      {suggesting && (
        <SlashSuggestions
          id={listId}
          items={suggestions}
          active={active}
          onPick={pickSuggestion}
          onHover={setSuggestIndex}
          fill={fill}
        />
      )}
      <FileChips queue={uploads.queue} onRemove={uploads.remove} onRetry={uploads.retry} />
      {uploads.refused.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          mx={10}
          mt={8}
          py={6}
          withCloseButton
          onClose={uploads.dismissRefused}
          closeButtonLabel="Dismiss"
          role="alert"
        >
          {uploads.refused.map((r) => (
            <Text key={r} size="xs">
              Not attached: {r}
            </Text>
          ))}
        </Alert>
      )}
      <Textarea
        ref={input}
        aria-label="Message"
        placeholder={placeholder}
        value={text}
        onChange={(e) => change(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        disabled={!enabled}
        autosize
        minRows={2}
        maxRows={10}
        maxLength={MAX_MESSAGE_CHARS}
        variant="unstyled"
        dir={dir}
        classNames={{ input: classes.input }}
        aria-controls={suggesting ? listId : undefined}
        aria-autocomplete={suggesting ? 'list' : undefined}
        aria-activedescendant={suggesting ? `${listId}-${active}` : undefined}
      />
      <input
        ref={fileInput}
        type="file"
        multiple
        aria-label="Attach file"
        tabIndex={-1}
        className={classes.fileInput}
        disabled={!enabled}
        onChange={(e) => {
          const list = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = ''; // the same file may be picked again
          if (list.length) uploads.add(list);
        }}
      />
      <Group justify="space-between" gap="sm" className={classes.bar} wrap="nowrap">
        <Group gap={2} wrap="nowrap" miw={0}>
          <Tooltip label="Attach file (or drop, or paste a screenshot)">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Attach file"
              disabled={!enabled}
              onClick={() => fileInput.current?.click()}
            >
              <IconPaperclip size={18} />
            </ActionIcon>
          </Tooltip>
          <EmojiPicker onPick={insert} disabled={!enabled} />
          <Tooltip label="Canned responses (or type / and a shortcut)">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Canned responses"
              disabled={!enabled}
              onClick={() => setPickerOpen(true)}
            >
              <IconMessageBolt size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip
            label={
              isPrivate || !mode.public
                ? 'Options go to the visitor: not in a private note'
                : 'Ask a question with choices to click'
            }
          >
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Send options"
              disabled={!enabled || isPrivate || !mode.public}
              onClick={() => setOptionsOpen(true)}
            >
              <IconListDetails size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip
            label={
              dir === 'ltr'
                ? 'Left to right: switch to right to left'
                : 'Right to left: switch to left to right'
            }
          >
            <ActionIcon
              variant={dir === 'rtl' ? 'light' : 'subtle'}
              color={dir === 'rtl' ? 'indigo' : 'gray'}
              aria-label="Text direction"
              aria-pressed={dir === 'rtl'}
              aria-description={dir === 'rtl' ? 'Right to left' : 'Left to right'}
              disabled={!enabled}
              onClick={() => {
                setDir((d) => (d === 'ltr' ? 'rtl' : 'ltr'));
                input.current?.focus();
              }}
            >
              {dir === 'rtl' ? (
                <IconTextDirectionRtl size={18} />
              ) : (
                <IconTextDirectionLtr size={18} />
              )}
            </ActionIcon>
          </Tooltip>
          <span className={classes.divider} aria-hidden />
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
          <Text size="xs" c={isPrivate ? 'yellow.9' : 'dimmed'} truncate ml={6}>
            {hint}
          </Text>
        </Group>
        <Button
          type="submit"
          disabled={!canSubmit}
          color={isPrivate ? 'yellow' : undefined}
          c={isPrivate ? 'dark.8' : undefined}
          rightSection={<IconSend2 size={16} aria-hidden />}
        >
          Send
        </Button>
      </Group>
      <CannedPicker
        opened={pickerOpen}
        onClose={() => {
          setPickerOpen(false);
          input.current?.focus();
        }}
        fill={fill}
        canSend={enabled}
        onInsert={(t) => (text.trim() ? insert(t) : change(t))}
        onSend={(t) => client.send(id, t, isPrivate ? 'private' : 'public')}
      />
      <OptionsModal
        opened={optionsOpen}
        onClose={() => setOptionsOpen(false)}
        initialQuestion={text.trim()}
        onSend={(question, choices) => {
          client.send(id, question, 'public', { choices });
          if (text.trim() === question) change('');
        }}
      />
    </form>
  );
}
