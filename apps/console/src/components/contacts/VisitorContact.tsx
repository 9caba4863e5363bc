import { Anchor, Button, Group, Text } from '@mantine/core';
import type { Contact } from '@parley/protocol';
import { IconAddressBook, IconLink, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useConsole } from '../../context';
import { routeHref } from '../../route';
import { CreateContactModal } from './CreateContactModal';
import { LinkContactModal } from './LinkContactModal';

interface VisitorContactProps {
  visitor: { id: string; name: string | null; email: string | null };
  siteId: string;
}

/** In the visitor panel: the visitor's contact by name, or "Create contact" / "Link to contact". */
export function VisitorContact({ visitor, siteId }: VisitorContactProps) {
  const { api } = useConsole();
  const [contact, setContact] = useState<Contact | null | undefined>(undefined);
  const [modal, setModal] = useState<'create' | 'link' | null>(null);
  useEffect(() => {
    let live = true;
    api
      .visitorContact(visitor.id)
      .then((c) => live && setContact(c))
      .catch(() => live && setContact(null));
    return () => {
      live = false;
    };
  }, [api, visitor.id]);
  const done = (c: Contact) => {
    setContact(c);
    setModal(null);
  };

  if (contact === undefined) return null;
  if (contact)
    return (
      <Group gap={6} wrap="nowrap">
        <IconAddressBook size={16} aria-hidden color="var(--mantine-color-indigo-6)" />
        <Text size="sm" c="dimmed">
          Contact:
        </Text>
        <Anchor
          size="sm"
          href={routeHref({ page: 'contacts', contactId: contact.id })}
          dir="auto"
          truncate
        >
          {contact.name}
        </Anchor>
      </Group>
    );
  return (
    <>
      <Group gap={6} wrap="wrap">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconUserPlus size={14} aria-hidden />}
          onClick={() => setModal('create')}
        >
          Create contact
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconLink size={14} aria-hidden />}
          onClick={() => setModal('link')}
        >
          Link to contact
        </Button>
      </Group>
      {modal === 'create' && (
        <CreateContactModal
          opened
          onClose={() => setModal(null)}
          visitor={visitor}
          onCreated={done}
        />
      )}
      {modal === 'link' && (
        <LinkContactModal
          opened
          onClose={() => setModal(null)}
          visitorId={visitor.id}
          siteId={siteId}
          onLinked={done}
        />
      )}
    </>
  );
}
