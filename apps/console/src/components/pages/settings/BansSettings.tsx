import { Button, Group, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { Ban } from '@parley/protocol';
import { IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useConsole } from '../../../context';
import { formatDateTime } from '../../../format';
import { ApiErrorAlert } from '../ApiErrorAlert';
import classes from '../Page.module.css';

function banLabel(b: Ban): string {
  if (!b.visitor) return b.ip ? `IP ${b.ip}` : 'Unknown visitor';
  return b.visitor.name?.trim() || b.visitor.code;
}

function expiry(b: Ban, now: number): string {
  if (!b.expiresAt) return 'Until lifted';
  return Date.parse(b.expiresAt) <= now ? 'Expired' : formatDateTime(b.expiresAt, now);
}

function LiftModal({
  ban,
  onCancel,
  onLifted,
}: {
  ban: Ban;
  onCancel: () => void;
  onLifted: () => void;
}) {
  const { api } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function lift() {
    setBusy(true);
    setError(null);
    try {
      await api.liftBan(ban.id);
      onLifted();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onCancel} title="Lift this ban?" centered size="sm" radius="lg">
      <Stack gap="sm">
        <Text size="sm">
          <strong>{banLabel(ban)}</strong>
          {ban.visitor && ban.ip ? ` and IP address ${ban.ip}` : ''} can chat again right away.
        </Text>
        {error ? <ApiErrorAlert error={error} /> : null}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          {/* Not "Lift ban": that names the button that opened this dialog. */}
          <Button onClick={() => void lift()} loading={busy} data-autofocus>
            Lift
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Visitors and addresses kept from chatting, with who banned them and why. */
export function BansSettings({ canLift }: { canLift: boolean }) {
  const { api } = useConsole();
  const [bans, setBans] = useState<Ban[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [lifting, setLifting] = useState<Ban | null>(null);
  const now = Date.now();

  const load = useCallback(async () => {
    setError(null);
    try {
      setBans(await api.listBans());
    } catch (err) {
      setError(err);
    }
  }, [api]);

  useEffect(() => void load(), [load]);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={620}>
          Banned visitors cannot start chats or leave messages; the widget only tells them that chat
          is not available. Agents ban from a chat or the Visitors page.
        </Text>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={() => void load()}
        >
          Refresh
        </Button>
      </Group>
      {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
      {bans === null && !error && <Text c="dimmed">Loading…</Text>}
      {bans && bans.length === 0 && (
        <Text size="sm" c="dimmed">
          Nobody is banned.
        </Text>
      )}
      {bans && bans.length > 0 && (
        <BanTable bans={bans} now={now} onLift={canLift ? setLifting : null} />
      )}
      {lifting && (
        <LiftModal
          ban={lifting}
          onCancel={() => setLifting(null)}
          onLifted={() => {
            setBans((list) => list?.filter((x) => x.id !== lifting.id) ?? null);
            setLifting(null);
          }}
        />
      )}
    </Stack>
  );
}

interface TableProps {
  bans: readonly Ban[];
  now: number;
  /** Null when the reader may not lift bans. */
  onLift: ((b: Ban) => void) | null;
}

function BanTable({ bans, now, onLift }: TableProps) {
  return (
    <div className={classes.table}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Visitor</Table.Th>
            <Table.Th>IP address</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Banned</Table.Th>
            <Table.Th>Expires</Table.Th>
            {onLift && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {bans.map((b) => (
            <BanRow key={b.id} b={b} now={now} onLift={onLift} />
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function BanRow({ b, now, onLift }: { b: Ban; now: number; onLift: TableProps['onLift'] }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600} dir="auto" style={{ whiteSpace: 'nowrap' }}>
          {b.visitor ? banLabel(b) : '—'}
        </Text>
        {b.visitor?.name && (
          <Text size="xs" c="dimmed">
            {b.visitor.code}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {b.ip ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className={classes.message} dir="auto">
          {b.reason}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {b.createdBy.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(b.createdAt, now)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {expiry(b, now)}
        </Text>
      </Table.Td>
      {onLift && (
        <Table.Td>
          <Button size="compact-sm" variant="light" onClick={() => onLift(b)}>
            Lift ban
          </Button>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
