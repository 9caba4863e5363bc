import { Modal } from '@mantine/core';
import type { Contact } from '@parley/protocol';
import { useState } from 'react';
import { useConsole } from '../../context';
import { ApiErrorAlert } from '../pages/ApiErrorAlert';
import { ContactForm, draftBody, emptyDraft, type ContactDraft } from './ContactForm';

interface CreateContactModalProps {
  opened: boolean;
  onClose: () => void;
  /** The visitor the contact is for: it is linked to them and prefilled with what they gave. */
  visitor: { id: string; name: string | null; email: string | null };
  onCreated: (contact: Contact) => void;
}

/** "Create contact" from a chat: the agent checks what the visitor gave and saves it. */
export function CreateContactModal({
  opened,
  onClose,
  visitor,
  onCreated,
}: CreateContactModalProps) {
  const { api } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const initial: ContactDraft = {
    ...emptyDraft,
    name: visitor.name ?? '',
    emails: visitor.email ? [visitor.email] : [],
  };
  const save = async (d: ContactDraft) => {
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.createContact({ visitorId: visitor.id, ...draftBody(d) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Create contact" size="lg">
      {error !== null && <ApiErrorAlert error={error} onClose={() => setError(null)} />}
      <ContactForm
        initial={initial}
        submitLabel="Save contact"
        busy={busy}
        error={error}
        onSubmit={(d) => void save(d)}
        onCancel={onClose}
      />
    </Modal>
  );
}
