import { Avatar, Badge, Group, ScrollArea, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconUser } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { visitorLabel } from '../../client/conversations/selectors';
import { useConsole } from '../../context';
import { useVisitorDetails } from '../../hooks/useVisitorDetails';
import { conversationStatusMeta } from '../../statusMeta';
import { RatingMark } from '../chat/RatingMark';
import { VisitorContact } from '../contacts/VisitorContact';
import { DataRights } from '../privacy/DataRights';
import { VerifiedLock } from '../visitors/VerifiedLock';
import { VisitorTabs } from '../visitors/VisitorTabs';

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

        <VisitorContact key={visitorId} visitor={c.visitor} siteId={c.siteId} />
        <DataRights
          kind="visitors"
          id={visitorId}
          confirmText={c.visitor.code}
          onErased={() => client.select(null)}
        />

        <VisitorTabs
          identity={{
            code: c.visitor.code,
            name: c.visitor.name,
            email: c.visitor.email,
            verified: c.visitor.verified ?? [],
            siteName: c.siteName,
          }}
          live={details ?? null}
          details={details}
          error={error}
          conversation={c}
          grow
        />
      </Stack>
    </ScrollArea>
  );
}
