import { Button, Group, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import type { Contact } from '@parley/protocol';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useConsole } from '../../context';
import { ApiErrorAlert } from '../pages/ApiErrorAlert';

interface ContactPickerProps {
  siteId: string;
  /** Left out of the results (the contact being merged into). */
  exceptId?: string;
  actionLabel: string;
  onPick: (contact: Contact) => Promise<void>;
}

/** Searches the contacts of one site and acts on the one picked. */
export function ContactPicker({ siteId, exceptId, actionLabel, onPick }: ContactPickerProps) {
  const { api } = useConsole();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Contact[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .listContacts({ q, siteId })
        .then((list) => live && setFound(list.filter((c) => c.id !== exceptId)))
        .catch((err: unknown) => live && setError(err));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, q, siteId, exceptId]);
  const pick = async (c: Contact) => {
    setBusy(c.id);
    setError(null);
    try {
      await onPick(c);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap="sm">
      {error !== null && <ApiErrorAlert error={error} onClose={() => setError(null)} />}
      <TextInput
        label="Find a contact"
        placeholder="Name, company, email or phone"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-autofocus
      />
      {found.length === 0 && (
        <Text size="sm" c="dimmed">
          No contact matches.
        </Text>
      )}
      {found.map((c) => (
        <Group key={c.id} justify="space-between" wrap="nowrap" gap="sm">
          <UnstyledButton onClick={() => void pick(c)} style={{ minWidth: 0 }}>
            <Text size="sm" fw={500} truncate dir="auto">
              {c.name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {[c.company, ...c.emails].filter(Boolean).join(' · ') || 'No details'}
            </Text>
          </UnstyledButton>
          <Button size="xs" variant="light" loading={busy === c.id} onClick={() => void pick(c)}>
            {actionLabel}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

interface LinkContactModalProps {
  opened: boolean;
  onClose: () => void;
  visitorId: string;
  siteId: string;
  onLinked: (contact: Contact) => void;
}

/** "Link to contact": the agent says which existing customer this visitor is. */
export function LinkContactModal({
  opened,
  onClose,
  visitorId,
  siteId,
  onLinked,
}: LinkContactModalProps) {
  const { api } = useConsole();
  return (
    <Modal opened={opened} onClose={onClose} title="Link to contact">
      <ContactPicker
        siteId={siteId}
        actionLabel="Link"
        onPick={async (c) => onLinked(await api.linkVisitor(c.id, visitorId))}
      />
    </Modal>
  );
}
