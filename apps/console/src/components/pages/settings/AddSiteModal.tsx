import { TextInput } from '@mantine/core';
import type { SiteSummary } from '@parley/protocol';
import { useState } from 'react';
import { useConsole } from '../../../context';
import { FormModal, useSubmit } from './FormModal';
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
  const state = useSubmit();
  const errors = state.fields;
  const add = async () => {
    onAdded(await api.createSite({ name: name.trim(), allowedOrigins: originsBody([origin]) }));
    onDone();
  };
  return (
    <FormModal
      title="Add site"
      state={state}
      onSubmit={add}
      onClose={onDone}
      submitLabel="Add site"
      disabled={!name.trim()}
      errorOnlyWithoutFields
    >
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
    </FormModal>
  );
}
