import { ActionIcon, Group, Loader, ScrollArea, Text, Title, Tooltip } from '@mantine/core';
import type { Conversation, RoutingLogEntry } from '@parley/protocol';
import { IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { describeLogEntry, logTone } from '../../client/conversations/routingLog';
import { useConsole } from '../../context';
import { formatClock, formatDateTime } from '../../format';
import classes from './RoutingLogPanel.module.css';

const REFRESH_DEBOUNCE_MS = 500;

/** Who was offered the chat and what they did, as a timeline: "10:02 Offered to Ana". */
export function RoutingLogPanel({ conversation: c }: { conversation: Conversation }) {
  const { client } = useConsole();
  const [entries, setEntries] = useState<RoutingLogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  // Anything routing changes shows up in these fields; reload the log when they do.
  const routingKey = [
    c.status,
    c.assignee?.id,
    c.offeredTo.join(','),
    c.participants.map((p) => p.id).join(','),
  ].join('|');

  const load = useCallback(async () => {
    setLoading(true);
    const result = await client.routingLog(c.id);
    setLoading(false);
    if (result.ok) {
      setEntries(result.entries);
      setError(null);
    } else setError(result.message);
  }, [client, c.id]);

  useEffect(() => {
    const timer = setTimeout(() => void load(), REFRESH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [load, routingKey]);

  return (
    <ScrollArea h="100%" type="hover">
      <div className={classes.wrap}>
        <Group justify="space-between" mb="sm" wrap="nowrap">
          <Title order={2} fz="sm">
            Routing log
          </Title>
          <Tooltip label="Reload">
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => void load()}
              aria-label="Reload routing log"
              loading={loading}
            >
              <IconRefresh size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
        {error && (
          <Text size="sm" c="red.7" role="alert">
            {error}
          </Text>
        )}
        {!entries && !error && <Loader size="sm" aria-label="Loading routing log" />}
        {entries && entries.length === 0 && (
          <Text size="sm" c="dimmed">
            Nothing routed yet.
          </Text>
        )}
        {entries && entries.length > 0 && (
          <ol className={classes.timeline} aria-label="Routing events, oldest first">
            {entries.map((e, i) => (
              <li
                key={`${e.at}-${e.kind}-${i}`}
                className={classes.entry}
                data-tone={logTone(e.kind)}
              >
                <time dateTime={e.at} className={classes.time} title={formatDateTime(e.at)}>
                  {formatClock(e.at)}
                </time>
                <span className={classes.dot} aria-hidden />
                <span className={classes.text}>{describeLogEntry(e)}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </ScrollArea>
  );
}
