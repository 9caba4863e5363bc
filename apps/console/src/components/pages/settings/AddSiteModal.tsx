import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { SiteSummary } from '@parley/protocol';
import { useState, type FormEvent } from 'react';
import { useConsole } from '../../../context';
import { ApiErrorAlert, errorDetails } from '../ApiErrorAlert';
import { originsBody } from './siteForm';

/** Settings → Sites → Add site: a name and, optionally, the site's address. */
export function AddSiteModal({
  onDone,
  onAdded,
}: {
  onDone: () => void;
  onAdded: (s: SiteSummary) => void;
}) {
  const { api } = useConsole();
  const [name, setName] = useState('');
  const [origin, setOrigin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = errorDetails(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onAdded(await api.createSite({ name: name.trim(), allowedOrigins: originsBody([origin]) }));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onDone} title="Add site">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Site name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <TextInput
            label="Site address"
            description="Where the widget will run, e.g. https://shop.example. More can be added later."
            value={origin}
            onChange={(e) => setOrigin(e.currentTarget.value)}
            error={errors['allowedOrigins.0'] ?? errors.allowedOrigins}
          />
          {error && !Object.keys(errors).length ? (
            <ApiErrorAlert error={error} onClose={() => setError(null)} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()}>
              Add site
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
