import { Button, Group, Text, TextInput } from '@mantine/core';
import type { ErasedCounts } from '@parley/protocol';
import { IconDownload, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { privacyApi, type DataSubject } from '../../api/privacy';
import { useConsole, useConsoleState } from '../../context';
import { FormModal, useSubmit } from '../pages/settings/FormModal';

interface Props {
  kind: DataSubject;
  id: string;
  /** What the admin types to confirm an erasure: the visitor's code or the contact's name. */
  confirmText: string;
  onErased?: (erased: ErasedCounts) => void;
}

const what: Record<DataSubject, string> = {
  visitors:
    'this visitor, their page views, every chat they had (with the agents’ side), their files, tickets and contact',
  contacts:
    'this contact, the visitors linked to it, their page views, chats (with the agents’ side), files and tickets',
};

/**
 * Data rights for admins (docs/privacy.md): "Export data" downloads one archive of everything
 * Parley holds about the person; "Erase data" removes it after the admin types its name.
 */
export function DataRights(props: Props) {
  const { me } = useConsoleState();
  const [erasing, setErasing] = useState(false);
  const { session } = useConsole();
  const api = useMemo(() => privacyApi(session.csrfToken), [session.csrfToken]);
  if (me.role !== 'admin') return null;
  return (
    <Group gap="xs">
      <Button
        component="a"
        href={api.exportUrl(props.kind, props.id)}
        download
        size="compact-sm"
        variant="default"
        leftSection={<IconDownload size={14} aria-hidden />}
      >
        Export data
      </Button>
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        leftSection={<IconTrash size={14} aria-hidden />}
        onClick={() => setErasing(true)}
      >
        Erase data
      </Button>
      {erasing && <EraseModal {...props} api={api} onDone={() => setErasing(false)} />}
    </Group>
  );
}

/** As the server compares: no case, no surrounding spaces, a code's "#" optional. */
const same = (text: string) => text.trim().toLowerCase().replace(/^#/, '');

function EraseModal(props: Props & { api: ReturnType<typeof privacyApi>; onDone: () => void }) {
  const { client } = useConsole();
  const [typed, setTyped] = useState('');
  const state = useSubmit();
  const erase = async () => {
    const { erased } = await props.api.erase(props.kind, props.id, typed);
    client.say(
      `Erased: ${erased.conversations} chat${erased.conversations === 1 ? '' : 's'}, ` +
        `${erased.messages} messages, ${erased.files} files, ${erased.tickets} tickets.`,
    );
    props.onDone();
    props.onErased?.(erased);
  };
  return (
    <FormModal
      title="Erase data?"
      state={state}
      onSubmit={erase}
      onClose={props.onDone}
      submitLabel="Erase everything"
      danger
      disabled={same(typed) !== same(props.confirmText)}
    >
      <Text size="sm">
        This removes {what[props.kind]}. Export first if you need a copy. This cannot be undone and
        is recorded in the audit log.
      </Text>
      <TextInput
        label={`Type ${props.confirmText} to confirm`}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        error={state.fields.confirm}
        autoComplete="off"
        data-autofocus
      />
    </FormModal>
  );
}
