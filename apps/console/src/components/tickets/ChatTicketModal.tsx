import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { useState, type FormEvent } from 'react';
import { useConsole } from '../../context';
import { routeHref } from '../../route';
import { ApiErrorAlert } from '../pages/ApiErrorAlert';

/**
 * "Create ticket" on a chat, open or closed: the ticket quotes the chat's public part (never
 * its notes), is assigned to me in the chat's department, and opens once made.
 */
export default function ChatTicketModal({
  conversation: c,
  onDone,
}: {
  conversation: Pick<Conversation, 'id' | 'title' | 'visitor'>;
  onDone: () => void;
}) {
  const { api } = useConsole();
  const [subject, setSubject] = useState(c.title ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const ticket = await api.ticketFromChat(c.id, subject.trim() || undefined);
      onDone();
      window.location.hash = routeHref({ page: 'tickets', ticketId: ticket.id });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onDone} title="Create a ticket from this chat" centered radius="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Subject"
            placeholder="The visitor's first message"
            description="Left empty: the chat's title, else the visitor's first message"
            value={subject}
            maxLength={300}
            onChange={(e) => setSubject(e.currentTarget.value)}
            data-autofocus
          />
          <Text size="sm" c="dimmed">
            {c.visitor.email
              ? `Replies go to ${c.visitor.email}. `
              : 'The visitor left no email address: add one on the ticket to reply. '}
            The chat’s messages are quoted; private notes are left out.
          </Text>
          {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Create ticket
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
