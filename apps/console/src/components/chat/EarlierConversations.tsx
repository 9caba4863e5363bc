import { Button, Center, Divider, Loader, Text } from '@mantine/core';
import type { EarlierConversation, Message } from '@parley/protocol';
import { IconChevronDown, IconChevronRight, IconHistory } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { earlierApi } from '../../api/earlier';
import {
  earlierLabel,
  noEarlier,
  withPage,
  type EarlierState,
} from '../../client/messages/earlier';
import { answersByQuestion } from '../../client/messages/options';
import { formatDateTime } from '../../format';
import classes from './EarlierConversations.module.css';
import { startsGroup } from './grouping';
import { MessageBubble } from './MessageBubble';
import { SystemLine } from './SystemLine';

const PAGE = 5;
const dated = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Above the chat's first message: the visitor's earlier conversations (same device or the
 * same verified identity), collapsed behind "Earlier conversations (N)". Only the count is
 * read until the agent expands it; then the most recent ones, older ones on request.
 */
/** The earlier conversations of a chat: the count at once, pages when asked. */
function useEarlier(conversationId: string) {
  const [state, setState] = useState<EarlierState>(noEarlier);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setState(noEarlier);
    setError(null);
    earlierApi(conversationId, { limit: 0 }).then(
      (r) => !cancelled && setState({ ...noEarlier, total: r.total }),
      // Without the count the control stays away; the chat itself is unaffected.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [conversationId]);

  const load = (before?: string) => {
    setBusy(true);
    setError(null);
    earlierApi(conversationId, { limit: PAGE, before }).then(
      (page) => {
        setState((s) => withPage(s, page));
        setBusy(false);
      },
      (err: unknown) => {
        setError(
          err instanceof Error ? err.message : 'The earlier conversations could not be read.',
        );
        setBusy(false);
      },
    );
  };
  return { state, busy, error, load };
}

/**
 * Above the chat's first message: the visitor's earlier conversations (same device or the
 * same verified identity), collapsed behind "Earlier conversations (N)". Only the count is
 * read until the agent expands it; then the most recent ones, older ones on request.
 */
export function EarlierConversations({
  conversationId,
  meId,
}: {
  conversationId: string;
  meId: string;
}) {
  const earlier = useEarlier(conversationId);
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [conversationId]);
  const { state } = earlier;

  const toggle = () => {
    if (!open && state.cursor === null) earlier.load();
    setOpen(!open);
  };

  if (state.total === 0) return null;
  return (
    <section className={classes.earlier} aria-label="Earlier conversations">
      <Button
        variant="subtle"
        color="gray"
        size="compact-sm"
        className={classes.toggle}
        leftSection={<IconHistory size={15} />}
        rightSection={open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
        aria-expanded={open}
        onClick={toggle}
      >
        Earlier conversations ({state.total})
      </Button>
      {open && <EarlierBody {...earlier} meId={meId} />}
    </section>
  );
}

/** The expanded list: older ones on request, each chat, then where this one starts. */
function EarlierBody(props: ReturnType<typeof useEarlier> & { meId: string }) {
  const { state, busy, error, load, meId } = props;
  return (
    <>
      {state.cursor && (
        <Button
          variant="default"
          size="compact-xs"
          className={classes.older}
          loading={busy}
          onClick={() => load(state.cursor ?? undefined)}
        >
          Show older conversations
        </Button>
      )}
      {busy && state.cursor === null && (
        <Center py="sm">
          <Loader size="xs" aria-label="Loading earlier conversations" />
        </Center>
      )}
      {error && (
        <Text size="xs" c="red.7" ta="center" role="alert">
          {error}
        </Text>
      )}
      {state.conversations.map((c) => (
        <EarlierChat key={c.id} chat={c} meId={meId} />
      ))}
      {state.conversations.length > 0 && (
        <Divider
          className={classes.current}
          label="This conversation"
          labelPosition="center"
          role="separator"
        />
      )}
    </>
  );
}

/** One earlier chat: a dated line, then its messages drawn as in the thread, muted. */
function EarlierChat({ chat, meId }: { chat: EarlierConversation; meId: string }) {
  const answers = useMemo(() => answersByQuestion(chat.messages), [chat.messages]);
  const byId = useMemo(() => new Map(chat.messages.map((m) => [m.id, m])), [chat.messages]);
  const label = earlierLabel(chat, dated);
  return (
    <article className={classes.chat} aria-label={`Conversation of ${label}`}>
      <Divider
        label={<time dateTime={chat.createdAt}>{label}</time>}
        labelPosition="center"
        role="separator"
        className={classes.separator}
      />
      <div className={classes.messages}>
        {chat.messages.map((m: Message, i) =>
          m.author.type === 'system' ? (
            <SystemLine key={m.id} message={m} />
          ) : (
            <MessageBubble
              key={m.id}
              message={m}
              meId={meId}
              showAuthor={startsGroup(m, chat.messages[i - 1])}
              chosen={m.kind === 'options' ? answers.get(m.id) : undefined}
              question={
                m.kind === 'answer' && m.answer ? byId.get(m.answer.messageId)?.body : undefined
              }
            />
          ),
        )}
        {chat.messages.length === 0 && (
          <Text size="xs" c="dimmed" ta="center">
            No messages.
          </Text>
        )}
        {chat.truncated && (
          <Text size="xs" c="dimmed" ta="center">
            Later messages of this chat are in its transcript (Visitor › History,{' '}
            {formatDateTime(chat.createdAt)}).
          </Text>
        )}
      </div>
    </article>
  );
}
