import { Button, Group, SegmentedControl, Textarea } from '@mantine/core';
import { IconNote, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useConsole } from '../../context';
import { ApiErrorAlert } from '../pages/ApiErrorAlert';

type Mode = 'reply' | 'note';

/**
 * "Reply" emails the customer; "Internal note" stays with the team. The text stays in the
 * box until the server has it, so a failed send loses nothing.
 */
export function TicketComposer({
  ticketId,
  customer,
  onSent,
}: {
  ticketId: string;
  customer: string;
  onSent: () => void;
}) {
  const { api } = useConsole();
  const [mode, setMode] = useState<Mode>('reply');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function send() {
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await api.replyToTicket(ticketId, text, mode === 'note');
      setText('');
      onSent();
    } catch (err) {
      setError(err);
      // A reply that could not be mailed is still in the thread, marked "Not delivered".
      onSent();
    } finally {
      setBusy(false);
    }
  }

  const note = mode === 'note';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <SegmentedControl
        value={mode}
        onChange={(v) => setMode(v as Mode)}
        aria-label="Reply or note"
        mb="xs"
        data={[
          { value: 'reply', label: 'Reply' },
          { value: 'note', label: 'Internal note' },
        ]}
      />
      <Textarea
        label={note ? 'Internal note (agents only, never emailed)' : `Reply to ${customer}`}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={4}
        maxRows={14}
        maxLength={20000}
        styles={note ? { input: { background: 'var(--mantine-color-yellow-0)' } } : undefined}
      />
      {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
      <Group justify="flex-end" mt="xs">
        <Button
          type="submit"
          loading={busy}
          disabled={!text.trim()}
          color={note ? 'yellow' : undefined}
          leftSection={
            note ? <IconNote size={16} aria-hidden /> : <IconSend size={16} aria-hidden />
          }
        >
          {note ? 'Add note' : 'Send reply'}
        </Button>
      </Group>
    </form>
  );
}
