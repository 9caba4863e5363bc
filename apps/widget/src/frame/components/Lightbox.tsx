import type { Attachment } from '@parley/protocol';
import { useEffect, useRef } from 'preact/hooks';
import { fmt, strings } from '../strings';
import type { FileActions } from './Files';
import { DownloadIcon, EndIcon } from './icons';

/** A picture at full size over the chat. Escape, the X or a click beside it closes it. */
export function Lightbox({
  file,
  url,
  files,
  onClose,
}: {
  file: Attachment;
  url: string;
  /** Where Save gets the file from. */
  files: FileActions;
  onClose: () => void;
}) {
  const close = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => back?.focus?.();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      // Handled here: Escape elsewhere minimizes the whole chat.
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      // Keep focus inside the dialog: its two buttons take turns.
      const buttons = [...(box.current?.querySelectorAll('button') ?? [])];
      const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = buttons[(i + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length];
      e.preventDefault();
      next?.focus();
    }
  };
  return (
    <div
      class="lightbox"
      role="dialog"
      aria-modal="true"
      aria-label={file.name}
      ref={box}
      onKeyDown={onKeyDown}
      onClick={(e) => e.target === e.currentTarget && onClose()}
    >
      <div class="lightbox-bar">
        <span class="lightbox-name" dir="auto">
          {file.name}
        </span>
        <button
          type="button"
          class="icon-btn"
          aria-label={fmt(strings.download, file.name)}
          title={fmt(strings.download, file.name)}
          onClick={() => void files.save(file).catch(() => undefined)}
        >
          <DownloadIcon />
        </button>
        <button
          type="button"
          class="icon-btn"
          ref={close}
          aria-label={strings.close}
          title={strings.close}
          onClick={onClose}
        >
          <EndIcon />
        </button>
      </div>
      <img class="lightbox-img" src={url} alt={file.name} onClick={onClose} />
    </div>
  );
}
