import { Avatar, Badge, Divider, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconUser } from '@tabler/icons-react';
import { visitorLabel } from '../../client/selectors';
import { formatDateTime } from '../../format';
import { conversationStatusMeta } from '../../statusMeta';
import { InfoRow } from './InfoRow';

/** What the agent knows about the person in the open chat. */
export function VisitorPanel({ conversation: c }: { conversation: Conversation }) {
  const status = conversationStatusMeta[c.status];
  const label = visitorLabel(c);

  return (
    <ScrollArea h="100%" component="aside" aria-label="Visitor details">
      <Stack gap="md" p="md">
        <Stack gap={6} align="center" pt="xs">
          {/* A generated code has no initials worth showing; a person icon reads better. */}
          <Avatar size={48} radius="xl" color="indigo" name={c.visitor.name ?? undefined}>
            {c.visitor.name ? undefined : <IconUser size={24} aria-hidden />}
          </Avatar>
          <Title order={2} fz="md" ta="center" dir="auto" style={{ overflowWrap: 'anywhere' }}>
            {label}
          </Title>
          <Badge color={status.color} variant="light" size="sm">
            {status.label}
          </Badge>
        </Stack>
        <Divider />
        <dl style={{ margin: 0 }}>
          <Stack gap="sm">
            <InfoRow label="Code" value={c.visitor.code} />
            <InfoRow label="Name" value={c.visitor.name} />
            <InfoRow label="Email" value={c.visitor.email} />
            <InfoRow label="Site" value={c.siteName} />
            <InfoRow label="Started" value={formatDateTime(c.createdAt)} />
            {c.acceptedAt && <InfoRow label="Accepted" value={formatDateTime(c.acceptedAt)} />}
            {c.assignee && <InfoRow label="Agent" value={c.assignee.name} />}
            {c.closedAt && <InfoRow label="Closed" value={formatDateTime(c.closedAt)} />}
          </Stack>
        </dl>
        <Text size="xs" c="dimmed">
          Pages visited, location and past chats will show here.
        </Text>
      </Stack>
    </ScrollArea>
  );
}
