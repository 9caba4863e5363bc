import { Alert } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconDoorExit, IconUpload } from '@tabler/icons-react';
import { useRef, useState, type DragEvent } from 'react';
import { closedNotice, composerMode } from '../../client/permissions';
import { visitorLabel } from '../../client/selectors';
import { useConsoleState } from '../../context';
import { formatClock } from '../../format';
import { useUploadQueue } from '../../hooks/useUploadQueue';
import { ChatHeader } from './ChatHeader';
import classes from './ChatView.module.css';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { TypingIndicator } from './TypingIndicator';

const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

/** One open chat: who it is with, what was said, and the reply box. Files may be dropped on it. */
export function ChatView({ conversation }: { conversation: Conversation }) {
  const { visitorTyping, visitorPreview, me } = useConsoleState();
  const ended = closedNotice(conversation);
  const uploads = useUploadQueue(conversation.id);
  const mode = composerMode(conversation, me);
  const canAttach = mode.public || mode.private;
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  const dropHandlers = canAttach
    ? {
        onDragEnter: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          depth.current += 1;
          setDragging(true);
        },
        onDragOver: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        },
        onDragLeave: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setDragging(false);
        },
        onDrop: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          depth.current = 0;
          setDragging(false);
          const files = [...e.dataTransfer.files];
          if (files.length) uploads.add(files);
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
          </Alert>
        ) : (
          <TypingIndicator
            active={Boolean(visitorTyping[conversation.id])}
            who={visitorLabel(conversation)}
            preview={visitorPreview[conversation.id]}
          />
        )}
        <Composer conversation={conversation} uploads={uploads} />
      </div>
      {dragging && (
        <div className={classes.drop} aria-hidden>
          <IconUpload size={28} />
          <span>Drop files to attach them (up to 5)</span>
        </div>
      )}
    </section>
  );
}
