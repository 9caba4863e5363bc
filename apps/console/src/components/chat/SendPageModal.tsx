import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { useState, type FormEvent } from 'react';
import { httpUrl } from '../../client/composer/dropLink';
import { useConsole } from '../../context';
import { sendPageError } from './sendPageError';

/** An example address on the visitor's own site, to show what is expected. */
function examplePage(c: Conversation): string {
  try {
    if (c.startPage) return `${new URL(c.startPage.url).origin}/…`;
  } catch {
    // A start page without a readable URL: fall through to the generic example.
  }
  return 'https://shop.example/products/…';
}

/**
 * "Send to page": posts a page of the site as a card in the chat and takes the visitor's browser
 * there, e.g. the product being talked about.
 */
export default function SendPageModal({
  conversation,
  onDone,
}: {
  conversation: Conversation;
  onDone: () => void;
}) {
  const { client } = useConsole();
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const page = httpUrl(url);
    if (!page) {
      setError('Enter the full address of a page, starting with https://');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await client.sendPage(conversation.id, page);
    setBusy(false);
    if (result.ok) onDone();
    else setError(sendPageError(result.code, result.message));
  }

  return (
    <Modal opened onClose={onDone} title="Send the visitor to a page" centered radius="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Page address"
            description="A product page of this site; the visitor's page goes there"
            placeholder={examplePage(conversation)}
            type="url"
            inputMode="url"
            value={url}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            data-autofocus
          />
          <Text size="xs" c="dimmed">
            Tip: drag a link from your browser onto the chat to send it the same way.
          </Text>
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Send page
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
