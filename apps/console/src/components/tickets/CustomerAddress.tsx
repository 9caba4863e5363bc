import { Alert, Button, Group, TextInput } from '@mantine/core';
import { IconMailOff } from '@tabler/icons-react';
import { useState } from 'react';

/**
 * A ticket made from a chat whose visitor left no address: "Reply" needs one first. Internal
 * notes still work meanwhile. It sits inside the composer's form, so it is no form itself.
 */
export function CustomerAddress({
  busy,
  onSave,
}: {
  busy: boolean;
  onSave: (email: string) => void;
}) {
  const [email, setEmail] = useState('');
  const save = () => {
    if (email.trim()) onSave(email.trim());
  };
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconMailOff size={16} aria-hidden />}
      title="No email address yet"
      mb="xs"
    >
      The visitor left no address, so a reply cannot reach them. Add one to reply by email.
      <Group gap="xs" mt="xs" align="flex-end" wrap="wrap">
        <TextInput
          label="Customer's email"
          type="email"
          inputMode="email"
          placeholder="name@example.com"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            save();
          }}
          style={{ flex: '1 1 220px' }}
        />
        <Button variant="default" loading={busy} disabled={!email.trim()} onClick={save}>
          Save address
        </Button>
      </Group>
    </Alert>
  );
}
