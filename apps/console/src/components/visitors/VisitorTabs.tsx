import { Tabs, Text } from '@mantine/core';
import type { Conversation, LiveVisitor, VisitorDetails } from '@parley/protocol';
import type { VisitorIdentity } from './VisitorProfile';
import { lazy, Suspense, useState } from 'react';
import classes from './Visitor.module.css';
import { HistoryList, NavigationList, VisitorFacts } from './VisitorProfile';

// Past chats are opened now and then: the reader loads on first use.
const TranscriptModal = lazy(() =>
  import('./TranscriptModal').then((m) => ({ default: m.TranscriptModal })),
);

interface VisitorTabsProps {
  /** Who the visitor is, from what the caller already holds (a chat, or a list row). */
  identity: VisitorIdentity;
  /** The live fields: the details once read, or the list row meanwhile. */
  live: LiveVisitor | null;
  details: VisitorDetails | null | undefined;
  error: string | null;
  /** In a chat's panel: that chat (pre-chat answers, called-from page). */
  conversation?: Conversation;
  /** Tabs spread over the width (the narrow chat panel). */
  grow?: boolean;
}

/**
 * Details (facts and navigation) and History (earlier chats, each readable): the same in the
 * chat's right panel and in the Visitors page's drawer.
 */
export function VisitorTabs({
  identity,
  live,
  details,
  error,
  conversation,
  grow = false,
}: VisitorTabsProps) {
  const [tab, setTab] = useState<'details' | 'history'>('details');
  const [transcript, setTranscript] = useState<string | null>(null);
  const history = details?.conversations ?? [];
  const pages = details?.navigation.length ?? 0;

  return (
    <>
      <Tabs
        value={tab}
        onChange={(t) => setTab(t === 'history' ? 'history' : 'details')}
        variant="pills"
        radius="md"
        keepMounted={false}
      >
        <Tabs.List grow={grow} mb={grow ? 'sm' : 'md'}>
          <Tabs.Tab value="details">Details</Tabs.Tab>
          <Tabs.Tab value="history">
            History{history.length > 0 ? ` (${history.length})` : ''}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details">
          <VisitorFacts
            identity={identity}
            live={live}
            attributes={details?.attributes}
            firstSeenAt={details?.firstSeenAt}
            conversation={conversation}
            loading={!details && !error}
            error={error}
          />
          <section aria-label="Navigation" style={{ marginTop: 18 }}>
            <h3 className={classes.sectionTitle}>
              Navigation
              {details ? ` · ${pages} ${pages === 1 ? 'page' : 'pages'}` : ''}
            </h3>
            {details ? (
              <NavigationList pages={details.navigation} online={live?.online ?? false} />
            ) : (
              <Text size="sm" c="dimmed">
                {error ? 'Not available.' : 'Loading…'}
              </Text>
            )}
          </section>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          {details ? (
            <HistoryList entries={history} currentId={conversation?.id} onOpen={setTranscript} />
          ) : (
            <Text size="sm" c="dimmed">
              {error ? `Past chats are not available: ${error}` : 'Loading past chats…'}
            </Text>
          )}
        </Tabs.Panel>
      </Tabs>
      <Suspense fallback={null}>
        {transcript && (
          <TranscriptModal conversationId={transcript} onDone={() => setTranscript(null)} />
        )}
      </Suspense>
    </>
  );
}
