import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MAX_LENGTH } from '../state/types';
import { screenshotName, sendable, type FileLike, type UploadItem } from '../state/uploads';
import { strings } from '../strings';
import { FileChip } from './Files';
import { DirectionIcon, PaperclipIcon, SendIcon, SmileIcon } from './icons';
import { useExtras } from './lazy';

interface Props {
  onSend: (text: string) => boolean;
  onDraft: (text: string) => void;
  /** Becomes true when the host shows the chat: a good moment to put the cursor here. */
  visible: boolean;
  /** Text to start with (a draft kept while the composer was replaced by the form). */
  initial?: string;
  /** Changes when the cursor should come back here (a question above was answered). */
  focusSignal?: number;
  /** The files in the tray, to go with the next message. */
  files: readonly UploadItem[];
  /** Files were turned away: a message takes at most five. */
  tooManyFiles: boolean;
  onFiles: (files: FileLike[]) => void;
  onRemoveFile: (key: string) => void;
}

/** A pasted picture has no useful name ("image.png"): it is sent as a dated screenshot. */
export function pastedFiles(list: FileList | null | undefined, now = new Date()): FileLike[] {
  return [...(list ?? [])].map((f) =>
    f.type.startsWith('image/') ? new File([f], screenshotName(f.type, now), { type: f.type }) : f,
  );
}

const MAX_HEIGHT_PX = 120;

/** Grows with the text up to a few lines, and takes the cursor when the chat wants it here. */
function useComposerFocus(
  input: { current: HTMLTextAreaElement | null },
  text: string,
  visible: boolean,
  focusSignal: number,
) {
  const focusInput = () => input.current?.focus({ preventScroll: true });
  // Grow with the text up to a few lines, then scroll inside.
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  useEffect(() => {
    // Only when this frame has focus (the visitor clicked the launcher): reopening after a
    // page load must not pull focus, or the phone keyboard, away from the page.
    if (visible && document.hasFocus()) focusInput();
  }, [visible]);

  useEffect(() => {
    if (focusSignal > 0) focusInput();
  }, [focusSignal]);

  useEffect(() => {
    const onFocus = () => {
      if (document.activeElement === document.body) focusInput();
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);
  return focusInput;
}

/** The emoji picker: open or not, and what it types at the caret. */
function useEmojiPicker(
  input: { current: HTMLTextAreaElement | null },
  update: (value: string) => void,
  focusInput: () => void,
) {
  const [picker, setPicker] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const extras = useExtras(picker);
  const closePicker = useCallback(() => {
    setPicker(false);
    button.current?.focus();
  }, []);
  /** At the caret (or over the selection), which the textarea keeps while the picker has focus. */
  const insertEmoji = (emoji: string) => {
    const el = input.current;
    if (!el) return;
    el.setRangeText(emoji, el.selectionStart, el.selectionEnd, 'end');
    update(el.value);
    setPicker(false);
    focusInput();
  };
  return { picker, setPicker, button, extras, closePicker, insertEmoji };
}

/** Pasted files join the tray; files alone (a screenshot) put nothing in the textarea. */
function pasteFiles(e: ClipboardEvent, onFiles: (files: FileLike[]) => void) {
  const pasted = pastedFiles(e.clipboardData?.files);
  if (pasted.length === 0) return;
  onFiles(pasted);
  if (!e.clipboardData?.types.includes('text/plain')) e.preventDefault();
}

/** Enter sends; Shift+Enter and Ctrl+Enter make a new line (browsers do nothing on Ctrl+Enter). */
function enterKey(e: KeyboardEvent, update: (value: string) => void, submit: () => void) {
  if (e.key !== 'Enter' || e.isComposing || e.shiftKey) return;
  e.preventDefault();
  if (e.ctrlKey || e.metaKey) {
    const el = e.currentTarget as HTMLTextAreaElement;
    el.setRangeText('\n', el.selectionStart, el.selectionEnd, 'end');
    update(el.value);
    return;
  }
  submit();
}

/** The files going with the next message, and why some were turned away. */
function FileTray({
  files,
  tooManyFiles,
  onRemoveFile,
}: Pick<Props, 'files' | 'tooManyFiles' | 'onRemoveFile'>) {
  if (files.length === 0 && !tooManyFiles) return null;
  return (
    <div class="tray" role="group" aria-label={strings.filesLabel}>
      {tooManyFiles && (
        <p class="tray-note" role="alert">
          {strings.tooManyFiles}
        </p>
      )}
      {files.length > 0 && (
        <div class="chips">
          {files.map((f) => (
            <FileChip key={f.key} item={f} onRemove={() => onRemoveFile(f.key)} />
          ))}
        </div>
      )}
    </div>
  );
}

interface ToolsProps {
  dir: 'auto' | 'ltr' | 'rtl';
  onToggleDir: () => void;
  picker: boolean;
  onTogglePicker: () => void;
  emojiButton: { current: HTMLButtonElement | null };
  onFiles: (files: FileLike[]) => void;
}

/** Typing direction, emoji and attach: the buttons beside the text. */
function ComposerTools({
  dir,
  onToggleDir,
  picker,
  onTogglePicker,
  emojiButton,
  onFiles,
}: ToolsProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div class="tools">
      <button
        type="button"
        class="tool-btn"
        aria-label={strings.textDirection}
        title={dir === 'rtl' ? strings.typeLtr : strings.typeRtl}
        aria-pressed={dir === 'rtl'}
        onClick={onToggleDir}
      >
        <DirectionIcon rtl={dir === 'rtl'} />
      </button>
      <button
        type="button"
        class="tool-btn"
        ref={emojiButton}
        data-emoji-toggle
        aria-label={strings.emoji}
        title={strings.emoji}
        aria-expanded={picker}
        onClick={onTogglePicker}
      >
        <SmileIcon />
      </button>
      <button
        type="button"
        class="tool-btn"
        aria-label={strings.attachFile}
        title={strings.attachFile}
        onClick={() => fileInput.current?.click()}
      >
        <PaperclipIcon />
      </button>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        aria-label={strings.attachFile}
        onChange={(e) => {
          const el = e.currentTarget;
          onFiles([...(el.files ?? [])]);
          // The same file can be picked again after it was removed.
          el.value = '';
        }}
      />
    </div>
  );
}

export function Composer(p: Props) {
  const { onDraft, files, onFiles } = p;
  const [text, setText] = useState(p.initial ?? '');
  /** 'auto' follows the text; the toggle fixes left-to-right or right-to-left typing. */
  const [dir, setDir] = useState<'auto' | 'ltr' | 'rtl'>('auto');
  const input = useRef<HTMLTextAreaElement>(null);
  const focusInput = useComposerFocus(input, text, p.visible, p.focusSignal ?? 0);

  const update = (value: string) => {
    setText(value);
    onDraft(value);
  };

  const submit = () => {
    if (p.onSend(text)) update('');
    focusInput();
  };

  const emoji = useEmojiPicker(input, update, focusInput);

  const toggleDir = () => {
    const el = input.current;
    const now = dir === 'auto' && el ? (getComputedStyle(el).direction as 'ltr' | 'rtl') : dir;
    setDir(now === 'rtl' ? 'ltr' : 'rtl');
    focusInput();
  };

  const onPaste = (e: ClipboardEvent) => pasteFiles(e, onFiles);
  const canSend = !!text.trim() || files.some(sendable);

  const onKeyDown = (e: KeyboardEvent) => enterKey(e, update, submit);

  return (
    <form
      class="composer"
      onKeyDown={(e) => {
        // Escape closes the picker first (wherever focus is), and only then the chat.
        if (e.key === 'Escape' && emoji.picker) {
          e.stopPropagation();
          emoji.closePicker();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <FileTray files={files} tooManyFiles={p.tooManyFiles} onRemoveFile={p.onRemoveFile} />
      {emoji.picker && emoji.extras && (
        <emoji.extras.EmojiPicker onPick={emoji.insertEmoji} onClose={emoji.closePicker} />
      )}
      <div class="composer-row">
        <textarea
          ref={input}
          class="composer-input"
          aria-label={strings.composerLabel}
          placeholder={strings.composerPlaceholder}
          rows={1}
          maxLength={MAX_LENGTH}
          value={text}
          dir={dir}
          onInput={(e) => update(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <ComposerTools
          dir={dir}
          onToggleDir={toggleDir}
          picker={emoji.picker}
          onTogglePicker={() => emoji.setPicker((open) => !open)}
          emojiButton={emoji.button}
          onFiles={onFiles}
        />
        <button
          type="submit"
          class="send-btn"
          aria-label={strings.send}
          title={strings.send}
          disabled={!canSend}
        >
          <SendIcon />
        </button>
      </div>
    </form>
  );
}
