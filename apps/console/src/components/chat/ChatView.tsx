import { Alert } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconDoorExit, IconLink, IconUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { dragKind, droppedUrl, type DragKind } from '../../client/composer/dropLink';
import { closedNotice, composerMode, inChat } from '../../client/conversations/permissions';
import { visitorLabel } from '../../client/conversations/selectors';
import { useConsole, useConsoleState } from '../../context';
import { formatClock } from '../../format';
import { useUploadQueue } from '../../hooks/useUploadQueue';
import { ActionError } from './ActionError';
import { ChatHeader } from './ChatHeader';
import classes from './ChatView.module.css';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { RatingMark } from './RatingMark';
import { sendPageError } from './sendPageError';
import { TypingIndicator } from './TypingIndicator';

/**
 * One open chat: who it is with, what was said, and the reply box. Files may be dropped on it
 * to attach them; a link dragged from the browser is sent to the visitor as a page card.
 */
export function ChatView({ conversation }: { conversation: Conversation }) {
  const { client } = useConsole();
  const { visitorTyping, visitorPreview, me } = useConsoleState();
  const ended = closedNotice(conversation);
  const uploads = useUploadQueue(conversation.id);
  const mode = composerMode(conversation, me);
  const canAttach = mode.public || mode.private;
  const canSendPage = inChat(conversation, me);
  const [dragging, setDragging] = useState<DragKind>(null);
  const [sendingPage, setSendingPage] = useState(false);
  const [pageError, setPageError] = useState<string | null>(null);
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

  async function sendDroppedPage(url: string) {
    setSendingPage(true);
    setPageError(null);
    const result = await client.sendPage(conversation.id, url);
    setSendingPage(false);
    if (!result.ok) setPageError(sendPageError(result.code, result.message));
  }

  const dropHandlers =
    canAttach || canSendPage
      ? {
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
            void sendDroppedPage(url);
          },
        }
      : {};

  return (
    <section
      className={classes.view}
      aria-label={`Chat with ${visitorLabel(conversation)}`}
      {...dropHandlers}
    >
      <ChatHeader conversation={conversation} />
      <MessageList conversation={conversation} />
      <div className={classes.footer}>
        {ended ? (
          <Alert
            role="status"
            color={conversation.closedBy === 'visitor' ? 'orange' : 'gray'}
            variant="light"
            icon={<IconDoorExit size={18} aria-hidden />}
            my="sm"
            py={8}
          >
            <strong>{ended}</strong>
            {conversation.closedAt ? ` at ${formatClock(conversation.closedAt)}` : ''}. It stays
            under Closed in your list.
            {conversation.rating && (
              <div style={{ marginTop: 4 }}>
                The visitor rated it:{' '}
                <RatingMark
                  value={conversation.rating.value}
                  comment={conversation.rating.comment}
                  withText
                />
              </div>
            )}
          </Alert>
        ) : (
          <TypingIndicator
            active={Boolean(visitorTyping[conversation.id])}
            who={visitorLabel(conversation)}
            preview={visitorPreview[conversation.id]}
          />
        )}
        {(sendingPage || pageError) && (
          <div role="status">
            {sendingPage && (
              <div className={classes.sendingPage}>Sending the page to the visitor…</div>
            )}
            {pageError && <ActionError message={pageError} onDismiss={() => setPageError(null)} />}
          </div>
        )}
        <Composer conversation={conversation} uploads={uploads} />
      </div>
      {dragging === 'files' && (
        <div className={classes.drop} aria-hidden>
          <IconUpload size={28} />
          <span>Drop files to attach them (up to 5)</span>
        </div>
      )}
      {dragging === 'link' && (
        <div className={classes.drop} aria-hidden>
          <IconLink size={28} />
          <span>Drop the link to send the visitor to that page</span>
          <small className={classes.dropHint}>It appears in the chat as a card</small>
        </div>
      )}
    </section>
  );
}
