import { Button, Group, SegmentedControl, Textarea } from '@mantine/core';
import { IconNote, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useConsole } from '../../context';
import { ApiErrorAlert } from '../pages/ApiErrorAlert';
import { CustomerAddress } from './CustomerAddress';

type Mode = 'reply' | 'note';

const MODES = [
  { value: 'reply', label: 'Reply' },
  { value: 'note', label: 'Internal note' },
];

const boxLabel = (note: boolean, customer: string) =>
  note ? 'Internal note (agents only, never emailed)' : customer ? `Reply to ${customer}` : 'Reply';

/**
 * "Reply" emails the customer; "Internal note" stays with the team. The text stays in the
 * box until the server has it, so a failed send loses nothing.
 */
export function TicketComposer({
  ticketId,
  customer,
  onSent,
  onSetCustomer,
  busySaving = false,
}: {
  ticketId: string;
  /** The customer's address; '' when a chat's visitor left none. */
  customer: string;
  onSent: () => void;
  onSetCustomer?: (email: string) => void;
  busySaving?: boolean;
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
  const noAddress = !note && !customer;
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
        data={MODES}
      />
      {noAddress && onSetCustomer && <CustomerAddress busy={busySaving} onSave={onSetCustomer} />}
      <Textarea
        label={boxLabel(note, customer)}
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
          disabled={!text.trim() || noAddress}
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
