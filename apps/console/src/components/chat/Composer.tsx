import { Alert, Text, Textarea } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { useId, useRef, useState, type RefObject } from 'react';
import { pastedFiles } from '../../client/composer/uploads';
import { composerHint, composerPlaceholder } from '../../client/composer/wording';
import type { UploadQueueApi } from '../../hooks/useUploadQueue';
import { MAX_MESSAGE_CHARS } from '../../limits';
import { CannedPicker } from './CannedPicker';
import classes from './Composer.module.css';
import { ComposerBar } from './ComposerBar';
import { FileChips } from './FileChips';
import { OptionsModal } from './OptionsModal';
import { SlashSuggestions } from './SlashSuggestions';
import { useComposer } from './useComposer';

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
  const c = useComposer(conversation, uploads);
  const { mode, enabled, isPrivate, draft, slash } = c;
  const [picker, setPicker] = useState<'canned' | 'options' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const listId = useId();
  return (
    <form
      onSubmit={c.submit}
      className={classes.form}
      data-disabled={!enabled || undefined}
      data-private={isPrivate || undefined}
    >
      {slash.suggesting && (
        <SlashSuggestions
          id={listId}
          items={slash.items}
          active={slash.active}
          onPick={c.pick}
          onHover={slash.setIndex}
          fill={c.fill}
        />
      )}
      <FileChips queue={uploads.queue} onRemove={uploads.remove} onRetry={uploads.retry} />
      <RefusedFiles uploads={uploads} />
      <MessageInput c={c} uploads={uploads} listId={listId} fileInput={fileInput} />
      <ComposerBar
        enabled={enabled}
        canReply={mode.public}
        canNote={mode.private}
        isPrivate={isPrivate}
        dir={c.dir}
        hint={composerHint(mode, isPrivate, c.blocked)}
        canSubmit={c.canSubmit}
        onAttach={() => fileInput.current?.click()}
        onEmoji={draft.insert}
        onCanned={() => setPicker('canned')}
        onOptions={() => setPicker('options')}
        onToggleDir={c.toggleDir}
        onTogglePrivate={c.togglePrivate}
      />
      <CannedPicker
        opened={picker === 'canned'}
        onClose={() => {
          setPicker(null);
          draft.focus();
        }}
        fill={c.fill}
        canSend={enabled}
        onInsert={(t) => (draft.text.trim() ? draft.insert(t) : draft.change(t))}
        onSend={c.send}
      />
      <OptionsModal
        opened={picker === 'options'}
        onClose={() => setPicker(null)}
        initialQuestion={draft.text.trim()}
        onSend={c.sendOptions}
      />
    </form>
  );
}

interface MessageInputProps {
  c: ReturnType<typeof useComposer>;
  uploads: UploadQueueApi;
  listId: string;
  fileInput: RefObject<HTMLInputElement | null>;
}

/** The text box, and the hidden file input behind the paperclip. */
function MessageInput({ c, uploads, listId, fileInput }: MessageInputProps) {
  const { enabled, draft, slash } = c;
  return (
    <>
      <Textarea
        ref={draft.input}
        aria-label="Message"
        placeholder={composerPlaceholder(c.mode, c.isPrivate)}
        value={draft.text}
        onChange={(e) => draft.change(e.currentTarget.value)}
        onKeyDown={c.onKeyDown}
        onPaste={(e) => {
          // A screenshot pasted from the clipboard becomes an attachment; pasted text stays text.
          const files = pastedFiles(e.clipboardData, new Date());
          if (!files) return;
          if (!e.clipboardData.getData('text/plain')) e.preventDefault();
          uploads.add(files);
        }}
        disabled={!enabled}
        autosize
        minRows={2}
        maxRows={10}
        maxLength={MAX_MESSAGE_CHARS}
        variant="unstyled"
        dir={c.dir}
        classNames={{ input: classes.input }}
        aria-controls={slash.suggesting ? listId : undefined}
        aria-autocomplete={slash.suggesting ? 'list' : undefined}
        aria-activedescendant={slash.suggesting ? `${listId}-${slash.active}` : undefined}
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
    </>
  );
}

/** Why files were not attached (too many, too large), until dismissed. */
function RefusedFiles({ uploads }: { uploads: UploadQueueApi }) {
  if (uploads.refused.length === 0) return null;
  return (
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
  );
}
