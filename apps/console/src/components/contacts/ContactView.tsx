import { Anchor, Badge, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import type { ContactPageResponse } from '@parley/protocol';
import { IconArrowLeft, IconArrowMerge, IconPencil } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { isSupervisor } from '../../client/conversations/conversations';
import { useConsole, useConsoleState } from '../../context';
import { routeHref } from '../../route';
import { ApiErrorAlert } from '../pages/ApiErrorAlert';
import { DataRights } from '../privacy/DataRights';
import pageClasses from '../pages/Page.module.css';
import { PageLoading } from '../pages/PageLoading';
import { ContactActivity } from './ContactActivity';
import { ContactForm, draftBody, type ContactDraft } from './ContactForm';
import classes from './Contacts.module.css';
import { ContactPicker } from './LinkContactModal';

const back = (
  <Anchor href={routeHref({ page: 'contacts' })} size="sm">
    <Group gap={4} component="span">
      <IconArrowLeft size={14} aria-hidden />
      All contacts
    </Group>
  </Anchor>
);

function draftOf(c: ContactPageResponse['contact']): ContactDraft {
  return {
    name: c.name,
    emails: c.emails,
    phones: c.phones,
    company: c.company ?? '',
    notes: c.notes,
    customFields: Object.entries(c.customFields).map(([key, value]) => ({ key, value })),
  };
}

/** One contact: who they are (editable), and their chats, tickets, visitors and files. */
export function ContactView({ id }: { id: string }) {
  const { api } = useConsole();
  const [modal, setModal] = useState<'edit' | 'merge' | null>(null);
  const { page, error, setError, busy, load, save } = useContactPage(id, () => setModal(null));
  const alert = error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null;
  if (!page) return <PageLoading label="Contact" back={back} alert={alert} />;
  const c = page.contact;

  return (
    <section className={pageClasses.page} aria-labelledby="contact-title">
      <div className={pageClasses.inner}>
        {back}
        <ContactHeader
          contact={c}
          onEdit={() => setModal('edit')}
          onMerge={() => setModal('merge')}
        />
        {modal === null && alert}
        <div className={classes.layout}>
          <ContactActivity page={page} />
          <ContactDetails page={page} />
        </div>
      </div>
      <Modal
        opened={modal === 'edit'}
        onClose={() => setModal(null)}
        title="Edit contact"
        size="lg"
      >
        {alert}
        <ContactForm
          initial={draftOf(c)}
          submitLabel="Save"
          busy={busy}
          error={error}
          onSubmit={(d) => void save(d)}
          onCancel={() => setModal(null)}
        />
      </Modal>
      <MergeModal
        opened={modal === 'merge'}
        contact={c}
        onClose={() => setModal(null)}
        onMerge={async (otherId) => {
          await api.mergeContacts(c.id, otherId);
          setModal(null);
          await load();
        }}
      />
    </section>
  );
}

function Detail({ label, children }: { label: string; children: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} dir="auto">
        {label}
      </Text>
      <Text size="sm" dir="auto" className={classes.value}>
        {children}
      </Text>
    </div>
  );
}

/** One contact's page, read on open and after every change. */
function useContactPage(id: string, onSaved: () => void) {
  const { api } = useConsole();
  const [page, setPage] = useState<ContactPageResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () =>
      api
        .readContact(id)
        .then(setPage)
        .catch((err: unknown) => setError(err)),
    [api, id],
  );
  useEffect(() => void load(), [load]);
  const save = async (d: ContactDraft) => {
    setBusy(true);
    setError(null);
    try {
      await api.updateContact(id, draftBody(d));
      onSaved();
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { page, error, setError, busy, load, save };
}

function ContactDetails({ page }: { page: ContactPageResponse }) {
  const c = page.contact;
  return (
    <aside className={classes.card} aria-label="Contact details">
      <Stack gap="sm">
        <Detail label="Email">{c.emails.length ? c.emails.join('\n') : '—'}</Detail>
        <Detail label="Phone">{c.phones.length ? c.phones.join('\n') : '—'}</Detail>
        {Object.entries(c.customFields).map(([key, value]) => (
          <Detail key={key} label={key}>
            {value}
          </Detail>
        ))}
        <Detail label="Notes">{c.notes || '—'}</Detail>
        <Group gap={6}>
          <Badge variant="light" color="gray">
            {page.visitors.length} visitor{page.visitors.length === 1 ? '' : 's'}
          </Badge>
        </Group>
        <DataRights
          kind="contacts"
          id={c.id}
          confirmText={c.name}
          onErased={() => (window.location.hash = routeHref({ page: 'contacts' }))}
        />
      </Stack>
    </aside>
  );
}

function ContactHeader({
  contact: c,
  onEdit,
  onMerge,
}: {
  contact: ContactPageResponse['contact'];
  onEdit: () => void;
  onMerge: () => void;
}) {
  const { me } = useConsoleState();
  return (
    <Group justify="space-between" align="flex-start" mt="sm" mb="md" gap="sm">
      <div style={{ minWidth: 0 }}>
        <Title order={1} fz="h3" id="contact-title" dir="auto" style={{ overflowWrap: 'anywhere' }}>
          {c.name}
        </Title>
        {c.company && (
          <Text size="sm" c="dimmed" dir="auto">
            {c.company}
          </Text>
        )}
      </div>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPencil size={14} aria-hidden />}
          onClick={onEdit}
        >
          Edit
        </Button>
        {isSupervisor(me) && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconArrowMerge size={14} aria-hidden />}
            onClick={onMerge}
          >
            Merge duplicate
          </Button>
        )}
      </Group>
    </Group>
  );
}

function MergeModal({
  opened,
  contact: c,
  onClose,
  onMerge,
}: {
  opened: boolean;
  contact: ContactPageResponse['contact'];
  onClose: () => void;
  onMerge: (otherId: string) => Promise<void>;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Merge into ${c.name}`}>
      <Text size="sm" c="dimmed" mb="sm">
        The duplicate’s visitors, emails, phones, fields and notes move here, and it is deleted.
      </Text>
      <ContactPicker
        siteId={c.siteId}
        exceptId={c.id}
        actionLabel="Merge"
        onPick={(other) => onMerge(other.id)}
      />
    </Modal>
  );
}
