import { Button, Group } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconMail, IconTicket } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { ChatTicketLinks } from './ChatTicketLinks';

const ChatTicketModal = lazy(() => import('./ChatTicketModal'));
const EmailTranscriptModal = lazy(() => import('./EmailTranscriptModal'));

/** On a past chat (the archive, a visitor's history): its tickets, "Create ticket", "Email transcript". */
export function ChatTicketTools({ conversation: c }: { conversation: Conversation }) {
  const [dialog, setDialog] = useState<'ticket' | 'transcript' | null>(null);
  const done = () => setDialog(null);
  return (
    <>
      <Group gap="xs" wrap="wrap" justify="space-between">
        <ChatTicketLinks conversationId={c.id} />
        <Group gap={4} wrap="wrap">
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconTicket size={15} aria-hidden />}
            onClick={() => setDialog('ticket')}
          >
            Create ticket
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconMail size={15} aria-hidden />}
            onClick={() => setDialog('transcript')}
          >
            Email transcript
          </Button>
        </Group>
      </Group>
      <Suspense fallback={null}>
        {dialog === 'ticket' && <ChatTicketModal conversation={c} onDone={done} />}
        {dialog === 'transcript' && <EmailTranscriptModal conversationId={c.id} onDone={done} />}
      </Suspense>
    </>
  );
}
