import type { Attachment } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { formatSize, splitName } from '../format';
import { progressOf, type UploadItem } from '../state/uploads';
import { fileError, fmt, strings } from '../strings';
import { DownloadIcon, FileIcon, SmallX } from './icons';

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
      aria-label={fmt(strings.openImage, file.name)}
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
        <span class="sr">{fmt(strings.download, file.name)}, </span>
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
    ? fileError(item.errorCode ?? '', item.limitMb)
    : item.status === 'uploading'
      ? `${formatSize(item.size)} · ${pct}%`
      : formatSize(item.size);
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
          aria-label={fmt(strings.removeFile, item.name)}
          title={fmt(strings.removeFile, item.name)}
          onClick={onRemove}
        >
          <SmallX />
        </button>
      )}
    </div>
  );
}
