import { Table, Text, TextInput, Title } from '@mantine/core';
import type { Contact } from '@parley/protocol';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useConsole } from '../../context';
import { routeHref } from '../../route';
import { ApiErrorAlert } from '../pages/ApiErrorAlert';
import pageClasses from '../pages/Page.module.css';

/** Every contact of the agent's sites, by name, with a search over names, emails and phones. */
export function ContactList() {
  const { api } = useConsole();
  const [q, setQ] = useState('');
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .listContacts({ q })
        .then((list) => live && setContacts(list))
        .catch((err: unknown) => live && setError(err));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, q]);

  return (
    <section className={pageClasses.page} aria-labelledby="contacts-title">
      <div className={pageClasses.inner}>
        <Title order={1} fz="h3" id="contacts-title" mb="md">
          Contacts
        </Title>
        <TextInput
          aria-label="Search contacts"
          placeholder="Name, company, email or phone"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          maw={420}
          mb="md"
        />
        {error !== null && <ApiErrorAlert error={error} onClose={() => setError(null)} />}
        {contacts && contacts.length === 0 && (
          <Text c="dimmed" size="sm">
            {q ? 'No contact matches.' : 'No contacts yet: create one from a chat’s visitor panel.'}
          </Text>
        )}
        {contacts && contacts.length > 0 && (
          <div className={pageClasses.table}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Company</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Phone</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contacts.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <a href={routeHref({ page: 'contacts', contactId: c.id })} dir="auto">
                        {c.name}
                      </a>
                    </Table.Td>
                    <Table.Td dir="auto">{c.company ?? ''}</Table.Td>
                    <Table.Td>{c.emails[0] ?? ''}</Table.Td>
                    <Table.Td>{c.phones[0] ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </div>
    </section>
  );
}
