import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { widgetLanguages, type WidgetLanguage } from '@parley/protocol';
import { useState, type FormEvent } from 'react';
import { useConsole } from '../../context';
import { languageName } from '../../visitorFormat';
import { ApiErrorAlert } from '../pages/ApiErrorAlert';

const languageChoices = [
  { value: '', label: "The visitor's language" },
  ...widgetLanguages.map((l) => ({ value: l, label: languageName(l) ?? l })),
];

/** "Email transcript": the chat's public messages, files as links, to any address. */
export default function EmailTranscriptModal({
  conversationId,
  onDone,
}: {
  conversationId: string;
  onDone: () => void;
}) {
  const { api } = useConsole();
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setSentTo(
        await api.emailTranscript(conversationId, {
          email,
          ...(language ? { language: language as WidgetLanguage } : {}),
        }),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onDone} title="Email the transcript" centered radius="lg">
      {sentTo ? (
        <Stack gap="sm">
          <Text size="sm" role="status">
            The transcript was sent to {sentTo}.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onDone}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label="Send to"
              type="email"
              inputMode="email"
              placeholder="name@example.com"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              data-autofocus
            />
            <Select
              label="Language"
              data={languageChoices}
              value={language}
              onChange={(v) => setLanguage(v ?? '')}
              allowDeselect={false}
            />
            <Text size="sm" c="dimmed">
              Only what the visitor saw is sent; private notes never are.
            </Text>
            {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
            <Group justify="flex-end" gap="sm" mt="xs">
              <Button variant="default" onClick={onDone}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} disabled={!email.trim()}>
                Send transcript
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
