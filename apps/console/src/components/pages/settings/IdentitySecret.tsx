import { Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { SiteSummary } from '@parley/protocol';
import { IconCheck, IconCopy, IconEye, IconEyeOff, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useConsole } from '../../../context';
import { ApiErrorAlert } from '../ApiErrorAlert';
import { identitySnippet } from './siteForm';
import { useSubmit } from './useSubmit';

const MASK = '•'.repeat(32);

/**
 * The HS256 secret a site's backend signs identities with. Hidden until asked for (it is as
 * sensitive as a password), copyable, and regenerated only after a warning.
 */
export function IdentitySecret({
  site,
  canEdit,
  onSaved,
}: {
  site: SiteSummary;
  canEdit: boolean;
  onSaved: (site: SiteSummary) => void;
}) {
  const { api } = useConsole();
  const [revealed, setRevealed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, clearError, run } = useSubmit();
  const secret = site.identitySecret;
  const id = `site-${site.id}-identity`;

  const regenerate = () =>
    run(async () => {
      onSaved(await api.regenerateIdentitySecret(site.id));
      setConfirming(false);
      // The admin regenerated it to use it: show the new one.
      setRevealed(true);
    });

  return (
    <section aria-labelledby={id}>
      <Text component="h3" size="sm" fw={700} id={id} mb={2}>
        Signed identity
      </Text>
      <Text size="xs" c="dimmed" mb={8} maw={640}>
        Your site’s backend signs the signed-in customer’s name and email with this secret; agents
        then see them with a lock, as verified. Keep it on the server, never in page code.
      </Text>
      {secret === null ? (
        <Text size="sm" c="dimmed">
          Only admins can see the identity secret.
        </Text>
      ) : (
        <Stack gap="xs">
          <SecretRow
            secret={secret}
            revealed={revealed}
            onReveal={() => setRevealed((r) => !r)}
            onRegenerate={canEdit ? () => setConfirming(true) : null}
          />
          <SigningExample />
        </Stack>
      )}
      {error && !confirming ? <ApiErrorAlert error={error} onClose={clearError} /> : null}
      <RegenerateModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        requireVerified={site.settings.requireVerifiedIdentity}
        error={error}
        busy={busy}
        onConfirm={() => void regenerate()}
      />
    </section>
  );
}

interface SecretRowProps {
  secret: string;
  revealed: boolean;
  onReveal: () => void;
  /** Null when this reader may not regenerate it. */
  onRegenerate: (() => void) | null;
}

/** The secret, masked until revealed, with Copy and Regenerate. */
function SecretRow({ secret, revealed, onReveal, onRegenerate }: SecretRowProps) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code
        aria-label={revealed ? 'Identity secret' : 'Identity secret (hidden)'}
        style={{
          flex: 1,
          maxWidth: 460,
          padding: '6px 10px',
          fontSize: 13,
          overflowWrap: 'anywhere',
          letterSpacing: revealed ? undefined : 1,
        }}
      >
        {revealed ? secret : MASK}
      </Code>
      <Button
        variant="default"
        size="compact-md"
        leftSection={
          revealed ? <IconEyeOff size={15} aria-hidden /> : <IconEye size={15} aria-hidden />
        }
        aria-pressed={revealed}
        onClick={onReveal}
      >
        {revealed ? 'Hide' : 'Reveal'}
      </Button>
      <CopyButton value={secret} timeout={2000}>
        {({ copied, copy }) => (
          <Button
            variant={copied ? 'light' : 'default'}
            color={copied ? 'green' : undefined}
            size="compact-md"
            leftSection={
              copied ? <IconCheck size={15} aria-hidden /> : <IconCopy size={15} aria-hidden />
            }
            onClick={copy}
            aria-label={copied ? 'Copied' : 'Copy identity secret'}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
      {onRegenerate && (
        <Button
          variant="subtle"
          color="red"
          size="compact-md"
          leftSection={<IconRefresh size={15} aria-hidden />}
          onClick={onRegenerate}
        >
          Regenerate…
        </Button>
      )}
    </Group>
  );
}

/** How a backend signs a customer, copyable. */
function SigningExample() {
  const snippet = identitySnippet();
  return (
    <>
      <Text size="xs" fw={600} mt={4}>
        How your backend signs a customer
      </Text>
      <Group gap="xs" align="stretch" wrap="nowrap">
        <Code block style={{ flex: 1, fontSize: 12, maxWidth: 640 }}>
          {snippet}
        </Code>
        <CopyButton value={snippet} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'light' : 'default'}
              color={copied ? 'green' : undefined}
              size="compact-sm"
              onClick={copy}
              style={{ alignSelf: 'flex-start' }}
              aria-label={copied ? 'Copied' : 'Copy signing example'}
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </>
  );
}

interface RegenerateProps {
  opened: boolean;
  onClose: () => void;
  requireVerified: boolean;
  error: unknown;
  busy: boolean;
  onConfirm: () => void;
}

/** The warning before a new secret: every identity signed with the old one stops counting. */
function RegenerateModal({
  opened,
  onClose,
  requireVerified,
  error,
  busy,
  onConfirm,
}: RegenerateProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Regenerate the identity secret?"
      centered
      radius="lg"
    >
      <Stack gap="sm">
        <Text size="sm">
          From now on, identities signed with the current secret are refused
          {requireVerified
            ? ' (this site requires signed identities, so identify() fails until your backend uses the new one)'
            : ''}
          . Update your site’s backend right after.
        </Text>
        {error ? <ApiErrorAlert error={error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={busy} onClick={onConfirm}>
            Regenerate secret
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
