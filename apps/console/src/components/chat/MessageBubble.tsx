import { Text, VisuallyHidden } from '@mantine/core';
import type { Message } from '@parley/protocol';
import {
  IconCheck,
  IconChecks,
  IconExternalLink,
  IconEye,
  IconListCheck,
} from '@tabler/icons-react';
import { memo } from 'react';
import { messageLook } from '../../client/messages/messageLook';
import { formatClock, formatDateTime } from '../../format';
import { Attachments } from './Attachments';
import classes from './MessageBubble.module.css';
import { PageCardView } from './PageCardView';
import { RichText } from './RichText';

interface MessageBubbleProps {
  message: Message;
  meId: string;
  showAuthor: boolean;
  /** For an options message: the index the visitor chose, once they answered. */
  chosen?: number | undefined;
  /** For an answer: the question it answers. */
  question?: string | undefined;
  /** "Seen" goes under this message (my last one the visitor has seen). */
  seen?: boolean;
}

/** One visitor or agent message. The body is plain React text: never parsed as HTML. */
export const MessageBubble = memo(function MessageBubble({
  message,
  meId,
  showAuthor,
  chosen,
  question,
  seen,
}: MessageBubbleProps) {
  const look = messageLook(message, meId);
  const fallback = look.side === 'visitor' ? 'Visitor' : 'Agent';
  const author = message.author.name ?? fallback;
  const files = message.attachments ?? [];
  const isOptions = message.kind === 'options' && (message.choices?.length ?? 0) > 0;
  const isAnswer = message.kind === 'answer';
  const card = message.kind === 'card' ? message.card : undefined;

  return (
    <div
      className={classes.row}
      data-side={look.side}
      data-group-start={showAuthor || undefined}
      data-message-id={message.id}
    >
      {showAuthor && <BubbleAuthor name={author} isPrivate={look.isPrivate} />}
      <div
        className={classes.bubble}
        data-tone={look.tone}
        data-kind={isOptions ? 'options' : card ? 'card' : undefined}
      >
        {look.isPrivate && !showAuthor && <VisuallyHidden>Private note: </VisuallyHidden>}
        {isOptions && (
          <div className={classes.kindTag}>
            <IconListCheck size={12} aria-hidden /> Options sent
            {chosen === undefined ? ' · waiting for an answer' : ' · answered'}
          </div>
        )}
        {isAnswer && <AnswerTag question={question} />}
        {files.length > 0 && <Attachments files={files} />}
        {card && (
          <div className={classes.kindTag}>
            <IconExternalLink size={12} aria-hidden /> Page sent · the visitor was taken there
          </div>
        )}
        {card && <PageCardView card={card} />}
        {message.body && !card && (
          <div className={classes.body} dir="auto" data-answer={isAnswer || undefined}>
            <RichText text={message.body} />
          </div>
        )}
        {isOptions && <ChoiceList choices={message.choices ?? []} chosen={chosen} />}
        <div className={classes.meta}>
          {look.isPrivate && (
            <IconEye size={12} aria-label="Only agents see this" className={classes.eye} />
          )}
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
            {formatClock(message.createdAt)}
          </time>
        </div>
      </div>
      {seen && (
        <div className={classes.seen}>
          <IconChecks size={13} aria-hidden /> Seen
        </div>
      )}
    </div>
  );
});

function BubbleAuthor({ name, isPrivate }: { name: string; isPrivate: boolean }) {
  return (
    <Text component="div" size="xs" fw={600} c="gray.7" className={classes.author} dir="auto">
      {name}
      {isPrivate && (
        <span className={classes.privateTag}>
          <IconEye size={12} aria-hidden /> Private note
        </span>
      )}
    </Text>
  );
}

/** Over a visitor's answer: which question it answers. */
function AnswerTag({ question }: { question: string | undefined }) {
  return (
    <div className={classes.kindTag}>
      <IconCheck size={12} aria-hidden />
      {question ? (
        <span className={classes.answerOf} dir="auto">
          Answer to “{question}”
        </span>
      ) : (
        'Answer'
      )}
    </div>
  );
}

/** The choices an options message offered, the visitor's one ticked. */
function ChoiceList({
  choices,
  chosen,
}: {
  choices: readonly string[];
  chosen: number | undefined;
}) {
  return (
    <ul className={classes.choices} aria-label="Choices offered">
      {choices.map((c, i) => (
        <li
          key={i}
          className={classes.choice}
          data-chosen={chosen === i || undefined}
          aria-disabled
          dir="auto"
        >
          {chosen === i && <IconCheck size={13} aria-hidden />}
          {c}
          {chosen === i && <VisuallyHidden> (chosen by the visitor)</VisuallyHidden>}
        </li>
      ))}
    </ul>
  );
}
