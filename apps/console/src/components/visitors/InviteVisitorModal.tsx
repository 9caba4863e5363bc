import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { defaultInviteMessage } from '../../client/visitors/visitors';
import { useConsole, useConsoleState } from '../../context';

const MAX_LENGTH = 1000; // ProactiveInviteInput's cap

interface InviteVisitorModalProps {
  visitor: { id: string; label: string; siteName: string };
  onDone: () => void;
}

/** Why an invitation failed, in the agent's terms. */
function inviteError(code: string | undefined, message: string): string {
  switch (code) {
    case 'FORBIDDEN':
      return 'Only Online agents can invite visitors. Set your status to Online and try again.';
    case 'INVITATION_PENDING':
      return 'This visitor already has an invitation waiting for an answer.';
    case 'NOT_FOUND':
      return 'This visitor has left the site.';
    case 'CONVERSATION_CLOSED':
      return 'This visitor is already in a chat.';
    default:
      return message;
  }
}

/** A proactive invitation: the visitor's chat window opens with this message from the agent. */
export function InviteVisitorModal({ visitor, onDone }: InviteVisitorModalProps) {
  const { client } = useConsole();
  const { me } = useConsoleState();
  const [message, setMessage] = useState(() => defaultInviteMessage(me.name, visitor.siteName));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const online = me.status === 'online';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!message.trim()) {
      setFieldError('Write a few words to open with');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await client.inviteVisitor(visitor.id, message.trim());
    setBusy(false);
    if (result.ok) {
      client.say(`Invitation sent to ${visitor.label}`);
      onDone();
    } else {
      setError(inviteError(result.code, result.message));
    }
  }

  return (
    <Modal opened onClose={onDone} title={`Invite ${visitor.label} to chat`} centered radius="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            The chat window opens on their page with your message. If they reply, the chat comes
            straight to you.
          </Text>
          {!online && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />}>
              You are not Online: the server only sends invitations from Online agents.
            </Alert>
          )}
          <Textarea
            label="Message"
            autosize
            minRows={3}
            maxRows={8}
            maxLength={MAX_LENGTH}
            value={message}
            onChange={(e) => {
              setMessage(e.currentTarget.value);
              setFieldError(null);
            }}
            error={fieldError}
            data-autofocus
            dir="auto"
          />
          {error && (
            <Text size="sm" c="red.7" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
