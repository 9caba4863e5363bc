import type { Conversation } from '@parley/protocol';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { dragKind, droppedUrl, type DragKind } from '../../client/composer/dropLink';
import { composerMode, inChat } from '../../client/conversations/permissions';
import { useConsoleState } from '../../context';
import type { UploadQueueApi } from '../../hooks/useUploadQueue';

/**
 * Dropping on a chat: files are attached to the reply, a link dragged from the browser is sent
 * to the visitor as a page. `dragging` says which, for the overlay; no handlers when neither is
 * allowed in this chat.
 */
export function useChatDrop(
  conversation: Conversation,
  uploads: UploadQueueApi,
  sendPage: (url: string) => void,
) {
  const { me } = useConsoleState();
  const mode = composerMode(conversation, me);
  const canAttach = mode.public || mode.private;
  const canSendPage = inChat(conversation, me);
  const [dragging, setDragging] = useState<DragKind>(null);
  const depth = useRef(0);
  // Text or links dragged within the console (a message, a list) are not pages to send.
  const internalDrag = useRef(false);
  useEffect(() => {
    const start = () => (internalDrag.current = true);
    const end = () => (internalDrag.current = false);
    document.addEventListener('dragstart', start);
    document.addEventListener('dragend', end);
    return () => {
      document.removeEventListener('dragstart', start);
      document.removeEventListener('dragend', end);
    };
  }, []);

  /** What this drag would do here, if anything. */
  const accepts = (e: DragEvent): DragKind => {
    const kind = dragKind([...e.dataTransfer.types]);
    if (kind === 'link' && internalDrag.current) return null;
    if (kind === 'files') return canAttach ? 'files' : null;
    if (kind === 'link') return canSendPage ? 'link' : null;
    return null;
  };

  const handlers = {
    onDragEnter: (e: DragEvent) => {
      const kind = accepts(e);
      if (!kind) return;
      e.preventDefault();
      depth.current += 1;
      setDragging(kind);
    },
    onDragOver: (e: DragEvent) => {
      if (!accepts(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (e: DragEvent) => {
      if (!accepts(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(null);
    },
    onDrop: (e: DragEvent) => {
      const kind = accepts(e);
      if (!kind) return;
      depth.current = 0;
      setDragging(null);
      if (kind === 'files') {
        e.preventDefault();
        const files = [...e.dataTransfer.files];
        if (files.length) uploads.add(files);
        return;
      }
      const url = droppedUrl((type) => e.dataTransfer.getData(type));
      // Plain words dropped on the reply box are left to the browser, which inserts them.
      if (!url) return;
      e.preventDefault();
      sendPage(url);
    },
  };
  return { dragging, handlers: canAttach || canSendPage ? handlers : {} };
}
