import { Anchor, Image, Modal, Text, UnstyledButton } from '@mantine/core';
import type { Attachment } from '@parley/protocol';
import { IconDownload, IconFile, IconFileText, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { fileUrl } from '../../api/upload';
import { formatBytes } from '../../client/composer/uploads';
import classes from './Attachments.module.css';

function FileIcon({ type }: { type: string }) {
  if (type === 'application/pdf') return <IconFileTypePdf size={20} aria-hidden />;
  if (type.startsWith('text/')) return <IconFileText size={20} aria-hidden />;
  return <IconFile size={20} aria-hidden />;
}

/** Files of a message: images as thumbnails (click for full size), others as download rows. */
export function Attachments({ files }: { files: readonly Attachment[] }) {
  const [open, setOpen] = useState<Attachment | null>(null);
  const images = files.filter((f) => f.isImage);
  const others = files.filter((f) => !f.isImage);

  return (
    <div className={classes.list}>
      {images.length > 0 && (
        <div className={classes.thumbs}>
          {images.map((f) => (
            <UnstyledButton
              key={f.id}
              className={classes.thumb}
              onClick={() => setOpen(f)}
              aria-label={`Open image ${f.name}`}
              title={`${f.name} · ${formatBytes(f.size)}`}
            >
              <img src={fileUrl(f.id, true)} alt={f.name} loading="lazy" />
            </UnstyledButton>
          ))}
        </div>
      )}
      {others.map((f) => (
        <a
          key={f.id}
          className={classes.file}
          href={fileUrl(f.id)}
          download={f.name}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`Download ${f.name}, ${formatBytes(f.size)}`}
        >
          <span className={classes.fileIcon}>
            <FileIcon type={f.contentType} />
          </span>
          <span className={classes.fileText}>
            <span className={classes.fileName}>{f.name}</span>
            <span className={classes.fileSize}>{formatBytes(f.size)}</span>
          </span>
          <IconDownload size={16} aria-hidden className={classes.fileDl} />
        </a>
      ))}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open?.name}
        size="auto"
        centered
        classNames={{ title: classes.modalTitle }}
      >
        {open && (
          <>
            <Image
              src={fileUrl(open.id, true)}
              alt={open.name}
              fit="contain"
              mah="75vh"
              maw="min(90vw, 1200px)"
            />
            <Text size="sm" mt="xs" c="dimmed">
              {formatBytes(open.size)} ·{' '}
              <Anchor href={fileUrl(open.id)} download={open.name} size="sm">
                Download
              </Anchor>
            </Text>
          </>
        )}
      </Modal>
    </div>
  );
}
