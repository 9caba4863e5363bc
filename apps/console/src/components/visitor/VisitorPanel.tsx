import { Avatar, Badge, Group, ScrollArea, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconUser } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { visitorLabel } from '../../client/selectors';
import { useConsole } from '../../context';
import { useVisitorDetails } from '../../hooks/useVisitorDetails';
import { conversationStatusMeta } from '../../statusMeta';
import { RatingMark } from '../chat/RatingMark';
import { VerifiedLock } from '../visitors/VerifiedLock';
import classes from '../visitors/Visitor.module.css';
import { HistoryList, NavigationList, VisitorFacts } from '../visitors/VisitorProfile';

// Past chats are opened now and then: the reader loads on first use.
const TranscriptModal = lazy(() =>
  import('../visitors/TranscriptModal').then((m) => ({ default: m.TranscriptModal })),
);

type PanelTab = 'details' | 'history';

/**
 * What the agent knows about the person in the open chat: pre-chat answers, where they came
 * from and where they are now (live), who they are (verified or not), and their past chats.
 */
export function VisitorPanel({ conversation: c }: { conversation: Conversation }) {
  const { client } = useConsole();
  const status = conversationStatusMeta[c.status];
  const label = visitorLabel(c);
  const visitorId = c.visitor.id;
  const { details, error } = useVisitorDetails(visitorId);
  const [tab, setTab] = useState<PanelTab>('details');
  const [transcript, setTranscript] = useState<string | null>(null);
  const verifiedName = Boolean(c.visitor.name) && (c.visitor.verified ?? []).includes('name');

  // The History tab changes when this chat ends or is rated: read the visitor again then.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    client.refreshVisitor(visitorId);
  }, [client, visitorId, c.status, c.rating?.value]);

  const history = details?.conversations ?? [];

  return (
    <ScrollArea h="100%" component="aside" aria-label="Visitor details">
      <Stack gap="sm" p="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {/* A generated code has no initials worth showing; a person icon reads better. */}
          <Avatar size={42} radius="xl" color="indigo" name={c.visitor.name ?? undefined}>
            {c.visitor.name ? undefined : <IconUser size={22} aria-hidden />}
          </Avatar>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Title order={2} fz="md" dir="auto" style={{ overflowWrap: 'anywhere' }}>
              {label}
              {verifiedName && <VerifiedLock />}
            </Title>
            <Text size="xs" c="dimmed">
              {[c.visitor.name ? c.visitor.code : null, c.siteName].filter(Boolean).join(' · ')}
            </Text>
            <Group gap={6} mt={4}>
              <Badge color={status.color} variant="light" size="sm">
                {status.label}
              </Badge>
              {c.invited && (
                <Tooltip label="Started by a proactive invitation">
                  <Badge color="grape" variant="light" size="sm">
                    Invited
                  </Badge>
                </Tooltip>
              )}
              {c.rating && <RatingMark value={c.rating.value} comment={c.rating.comment} />}
            </Group>
          </div>
        </Group>

        <Tabs
          value={tab}
          onChange={(v) => setTab(v === 'history' ? 'history' : 'details')}
          variant="pills"
          radius="md"
          keepMounted={false}
        >
          <Tabs.List grow mb="sm">
            <Tabs.Tab value="details">Details</Tabs.Tab>
            <Tabs.Tab value="history">
              History{history.length > 0 ? ` (${history.length})` : ''}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="details">
            <VisitorFacts
              identity={{
                code: c.visitor.code,
                name: c.visitor.name,
                email: c.visitor.email,
                verified: c.visitor.verified ?? [],
                siteName: c.siteName,
              }}
              live={details}
              attributes={details?.attributes}
              firstSeenAt={details?.firstSeenAt}
              conversation={c}
              loading={!details && !error}
              error={error}
            />
            {details && (
              <section aria-label="Navigation" style={{ marginTop: 18 }}>
                <h3 className={classes.sectionTitle}>
                  Navigation · {details.navigation.length}{' '}
                  {details.navigation.length === 1 ? 'page' : 'pages'}
                </h3>
                <NavigationList pages={details.navigation} online={details.online} />
              </section>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="history">
            {details ? (
              <HistoryList entries={history} currentId={c.id} onOpen={setTranscript} />
            ) : (
              <Text size="sm" c="dimmed">
                {error ? `Past chats are not available: ${error}` : 'Loading past chats…'}
              </Text>
            )}
          </Tabs.Panel>
        </Tabs>
      </Stack>
      <Suspense fallback={null}>
        {transcript && (
          <TranscriptModal conversationId={transcript} onDone={() => setTranscript(null)} />
        )}
      </Suspense>
    </ScrollArea>
  );
}
