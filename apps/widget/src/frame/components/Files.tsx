import type { Attachment } from '@parley/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatSize, splitName } from '../format';
import { progressOf, type UploadItem } from '../state/uploads';
import { strings } from '../strings';
import { DownloadIcon, EndIcon, FileIcon, SmallX } from './icons';

/** What the message list needs to show files: the chat's file cache and the lightbox. */
export interface FileActions {
  image(fileId: string): Promise<string>;
  save(file: Attachment): Promise<void>;
  open(file: Attachment, url: string): void;
}

/** A message's files: thumbnails for pictures, a row (icon, name, size) for the rest. */
export function Attachments({
  files,
  actions,
}: {
  files: readonly Attachment[];
  actions: FileActions;
}) {
  const images = files.filter((f) => f.isImage);
  const others = files.filter((f) => !f.isImage);
  return (
    <div class="files">
      {images.length > 0 && (
        <div class="thumbs">
          {images.map((f) => (
            <Thumb key={f.id} file={f} actions={actions} />
          ))}
        </div>
      )}
      {others.map((f) => (
        <FileRow key={f.id} file={f} actions={actions} />
      ))}
    </div>
  );
}

function Thumb({ file, actions }: { file: Attachment; actions: FileActions }) {
  const [url, setUrl] = useState<string | null>(null);
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    let live = true;
    actions.image(file.id).then(
      (u) => live && setUrl(u),
      () => live && setBroken(true),
    );
    return () => {
      live = false;
    };
  }, [file.id, actions]);
  return (
    <button
      type="button"
      class="thumb"
      title={file.name}
      aria-label={strings.openImage(file.name)}
      aria-disabled={!url}
      onClick={() => url && actions.open(file, url)}
    >
      {url ? (
        <img src={url} alt="" />
      ) : (
        <span class={broken ? 'thumb-empty' : 'thumb-empty loading'}>
          {broken && strings.imageUnavailable}
        </span>
      )}
    </button>
  );
}

function FileRow({ file, actions }: { file: Attachment; actions: FileActions }) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const save = () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    actions
      .save(file)
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return (
    <button type="button" class="file-row" title={file.name} onClick={save} aria-busy={busy}>
      <span class="file-icon">
        <FileIcon />
      </span>
      <span class="file-text">
        <span class="sr">{strings.download(file.name)}, </span>
        <FileName name={file.name} class="file-name" hidden />
        <span class="file-size">{failed ? strings.downloadFailed : formatSize(file.size)}</span>
      </span>
      <span class="file-dl">
        <DownloadIcon />
      </span>
    </button>
  );
}

/** A file name that, when too long, loses the middle rather than its extension. */
function FileName({ name, class: cls, hidden }: { name: string; class: string; hidden?: boolean }) {
  const [base, ext] = splitName(name);
  return (
    <span class={cls} dir="auto" title={name} aria-hidden={hidden}>
      <span class="name-base">{base}</span>
      {ext}
    </span>
  );
}

/** A blob: URL for a local picture, released when the component goes. */
function useLocalPreview(file: Blob): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!/^image\/(png|jpeg|gif|webp)$/.test(file.type)) return;
    const u = URL.createObjectURL(file);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  return url;
}

/**
 * One file on its way: in the composer's tray (with an X), or in a message being sent. Shows
 * its progress while uploading and, when refused, why.
 */
export function FileChip({ item, onRemove }: { item: UploadItem; onRemove?: () => void }) {
  const preview = useLocalPreview(item.file);
  const pct = Math.round(progressOf(item) * 100);
  const error = item.status === 'error';
  const status = error
    ? strings.fileError(item.errorCode ?? '', item.limitMb)
    : strings.fileProgress(formatSize(item.size), item.status === 'uploading' ? pct : null);
  return (
    <div class={error ? 'chip chip-error' : 'chip'}>
      <span class="chip-icon">{preview ? <img src={preview} alt="" /> : <FileIcon />}</span>
      <span class="chip-main">
        <FileName name={item.name} class="chip-name" />
        <span class="chip-meta" role={error ? 'alert' : undefined}>
          {status}
        </span>
        {item.status === 'uploading' && (
          <span
            class="bar"
            role="progressbar"
            aria-label={item.name}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
          >
            <i style={{ width: `${pct}%` }} />
          </span>
        )}
      </span>
      {onRemove && (
        <button
          type="button"
          class="chip-x"
          aria-label={strings.removeFile(item.name)}
          title={strings.removeFile(item.name)}
          onClick={onRemove}
        >
          <SmallX />
        </button>
      )}
    </div>
  );
}

/** A picture at full size over the chat. Escape, the X or a click beside it closes it. */
export function Lightbox({
  file,
  url,
  onClose,
  onSave,
}: {
  file: Attachment;
  url: string;
  onClose: () => void;
  onSave: () => void;
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
          aria-label={strings.download(file.name)}
          title={strings.download(file.name)}
          onClick={onSave}
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
