import type { CannedResponse, Conversation } from '@parley/protocol';
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { cannedContext, fillCanned } from '../../client/canned/canned';
import { queueBlocksSend, readyAttachments } from '../../client/composer/uploads';
import { composerMode } from '../../client/conversations/permissions';
import { useCanned, useConsole, useConsoleState } from '../../context';
import { useTypingEmitter } from '../../hooks/useTypingEmitter';
import type { UploadQueueApi } from '../../hooks/useUploadQueue';
import type { TextDirection } from './ComposerBar';
import { useDraft } from './useDraft';
import { useSlashSuggestions } from './useSlashSuggestions';

/**
 * The reply box's state: what this agent may write here (reply, private note, nothing), the
 * draft, the `/shortcut` suggestions, and sending.
 */
export function useComposer(conversation: Conversation, uploads: UploadQueueApi) {
  const { client } = useConsole();
  const { me } = useConsoleState();
  const canned = useCanned();
  const id = conversation.id;
  const mode = composerMode(conversation, me);
  const enabled = mode.public || mode.private;
  const [privateChosen, setPrivateChosen] = useState(false);
  const isPrivate = mode.private && (privateChosen || !mode.public);
  const [dir, setDir] = useState<TextDirection>('ltr');
  const typing = useTypingEmitter(id);
  const draft = useDraft(id, (value) => {
    slash.setIndex(0);
    // The visitor sees typing only for what they will receive.
    if (value.trim() && !isPrivate) typing.onInput();
    else typing.stop();
  });
  const slash = useSlashSuggestions(draft.text, enabled, canned.responses);
  const { text, input } = draft;

  useEffect(() => {
    if (enabled) input.current?.focus();
  }, [enabled, input]);

  const blocked = queueBlocksSend(uploads.queue);
  const files = readyAttachments(uploads.queue);
  const canSubmit = enabled && !blocked && (text.trim().length > 0 || files.length > 0);
  const send = (body: string) => client.send(id, body, isPrivate ? 'private' : 'public');
  const fill = (body: string) => fillCanned(body, cannedContext(conversation, me.name));
  const pick = (r: CannedResponse) => draft.replace(fill(r.body));

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSubmit) return;
    client.send(id, text, isPrivate ? 'private' : 'public', { attachments: files });
    uploads.clear();
    typing.stop();
    draft.change('');
    draft.focus();
  }

  return {
    mode,
    enabled,
    isPrivate,
    dir,
    draft,
    slash,
    blocked,
    canSubmit,
    submit,
    send,
    fill,
    pick,
    onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => {
      if (!slash.onKeyDown(event, pick)) enterKey(event, draft.newline, submit);
    },
    toggleDir() {
      setDir((d) => (d === 'ltr' ? 'rtl' : 'ltr'));
      draft.focus();
    },
    togglePrivate() {
      if (!mode.public) return; // whisper-only: nothing to switch to
      setPrivateChosen((v) => !v);
      typing.stop();
      draft.focus();
    },
    /** An options question went out: the draft goes if it was the question. */
    sendOptions(question: string, choices: string[]) {
      client.send(id, question, 'public', { choices });
      if (text.trim() === question) draft.change('');
    },
  };
}

/** Enter sends; Shift+Enter (the browser) and Ctrl+Enter (by hand) start a new line. */
function enterKey(
  event: KeyboardEvent<HTMLTextAreaElement>,
  newline: (start: number, end: number) => void,
  submit: () => void,
) {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
  if (event.ctrlKey || event.metaKey) {
    // Browsers insert nothing for Ctrl+Enter in a textarea, so add the newline ourselves.
    event.preventDefault();
    newline(event.currentTarget.selectionStart, event.currentTarget.selectionEnd);
    return;
  }
  if (event.shiftKey || event.altKey) return;
  event.preventDefault();
  submit();
}
