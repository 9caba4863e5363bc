import { Alert } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconDoorExit, IconLink, IconUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { closedNotice } from '../../client/conversations/permissions';
import { visitorLabel } from '../../client/conversations/selectors';
import { useConsole, useConsoleState } from '../../context';
import { formatClock } from '../../format';
import { useUploadQueue } from '../../hooks/useUploadQueue';
import { ActionError } from './ActionError';
import { ChatHeader } from './ChatHeader';
import classes from './ChatView.module.css';
import { Composer } from './Composer';
import { FindBar } from './FindBar';
import { MessageList } from './MessageList';
import { RatingMark } from './RatingMark';
import { sendPageError } from './sendPageError';
import { TypingIndicator } from './TypingIndicator';
import { useChatDrop } from './useChatDrop';

/**
 * One open chat: who it is with, what was said, and the reply box. Files may be dropped on it
 * to attach them; a link dragged from the browser is sent to the visitor as a page card.
 */
export function ChatView({ conversation }: { conversation: Conversation }) {
  const { client } = useConsole();
  const { visitorTyping, visitorPreview, messages } = useConsoleState();
  const ended = closedNotice(conversation);
  const uploads = useUploadQueue(conversation.id);
  const [sendingPage, setSendingPage] = useState(false);
  const [pageError, setPageError] = useState<string | null>(null);

  async function sendDroppedPage(url: string) {
    setSendingPage(true);
    setPageError(null);
    const result = await client.sendPage(conversation.id, url);
    setSendingPage(false);
    if (!result.ok) setPageError(sendPageError(result.code, result.message));
  }
  const drop = useChatDrop(conversation, uploads, (url) => void sendDroppedPage(url));
  const [finding, setFinding] = useState(false);
  useEffect(() => {
    // Ctrl+F (Cmd+F) searches the open chat rather than the page around it.
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        setFinding(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => setFinding(false), [conversation.id]);

  return (
    <section
      className={classes.view}
      aria-label={`Chat with ${visitorLabel(conversation)}`}
      {...drop.handlers}
    >
      <ChatHeader conversation={conversation} />
      {finding && (
        <FindBar messages={messages[conversation.id] ?? []} onClose={() => setFinding(false)} />
      )}
      <MessageList conversation={conversation} />
      <div className={classes.footer}>
        {ended ? (
          <EndedNotice conversation={conversation} ended={ended} />
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
      {drop.dragging === 'files' && (
        <div className={classes.drop} aria-hidden>
          <IconUpload size={28} />
          <span>Drop files to attach them (up to 5)</span>
        </div>
      )}
      {drop.dragging === 'link' && (
        <div className={classes.drop} aria-hidden>
          <IconLink size={28} />
          <span>Drop the link to send the visitor to that page</span>
          <small className={classes.dropHint}>It appears in the chat as a card</small>
        </div>
      )}
    </section>
  );
}

/** Who ended the chat and when, and the visitor's rating if they left one. */
function EndedNotice({ conversation, ended }: { conversation: Conversation; ended: string }) {
  return (
    <Alert
      role="status"
      color={conversation.closedBy === 'visitor' ? 'orange' : 'gray'}
      variant="light"
      icon={<IconDoorExit size={18} aria-hidden />}
      my="sm"
      py={8}
    >
      <strong>{ended}</strong>
      {conversation.closedAt ? ` at ${formatClock(conversation.closedAt)}` : ''}. It stays under
      Closed in your list.
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
  );
}
