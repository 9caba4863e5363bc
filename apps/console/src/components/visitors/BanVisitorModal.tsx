import { Button, Checkbox, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { banDurations } from '../../client/visitors/visitors';
import { useConsole } from '../../context';
import { useVisitorDetails } from '../../hooks/useVisitorDetails';

const MAX_REASON = 500; // BanInput's cap

export interface BanTarget {
  id: string;
  label: string;
  /** Undefined when the caller does not know it: the modal then reads the visitor's details. */
  ip?: string | null;
}

/**
 * Bans a visitor: they can no longer start chats (the widget tells them only that chat is not
 * available). Optionally their IP address too, for someone who clears their browser.
 */
export function BanVisitorModal({ visitor, onDone }: { visitor: BanTarget; onDone: () => void }) {
  const { client } = useConsole();
  const { details } = useVisitorDetails(visitor.ip === undefined ? visitor.id : null);
  const ip = visitor.ip ?? details?.ip ?? null;
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState('1440');
  const [includeIp, setIncludeIp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = banDurations.find((d) => d.value === duration) ?? banDurations[1];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError('Give a reason: colleagues see it in the list of bans');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await client.banVisitor({
      visitorId: visitor.id,
      reason: reason.trim(),
      durationMinutes: chosen?.minutes ?? null,
      includeIp: includeIp && ip !== null,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    const span = chosen?.minutes === null ? 'until lifted' : `for ${chosen?.label ?? ''}`;
    client.say(`${visitor.label} is banned ${span}`);
    onDone();
  }

  return (
    <Modal opened onClose={onDone} title={`Ban ${visitor.label}`} centered radius="lg" size={500}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            They will not be able to start a chat or leave a message; the widget only tells them
            that chat is not available.
          </Text>
          <BanReason
            value={reason}
            onChange={(v) => {
              setReason(v);
              setReasonError(null);
            }}
            error={reasonError}
          />
          <BanScope
            duration={duration}
            onDuration={setDuration}
            ip={ip}
            includeIp={includeIp}
            onIncludeIp={setIncludeIp}
          />
          {error && (
            <Text size="sm" c="red.7" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            {/* Not "Ban visitor": that names the button that opened this dialog. */}
            <Button type="submit" color="red" loading={busy}>
              Ban
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface ScopeProps {
  duration: string;
  onDuration: (v: string) => void;
  ip: string | null;
  includeIp: boolean;
  onIncludeIp: (v: boolean) => void;
}

/** For how long, and whether their IP address goes with them. */
function BanScope({ duration, onDuration, ip, includeIp, onIncludeIp }: ScopeProps) {
  return (
    <>
      <Radio.Group label="Duration" value={duration} onChange={onDuration}>
        <Group gap="sm" mt={6}>
          {banDurations.map((d) => (
            <Radio key={d.value} value={d.value} label={d.label} />
          ))}
        </Group>
      </Radio.Group>
      <Checkbox
        label={ip ? `Also ban IP address ${ip}` : 'Also ban IP address (not known)'}
        description="Also blocks other people behind the same address, such as an office."
        checked={includeIp && ip !== null}
        disabled={ip === null}
        onChange={(e) => onIncludeIp(e.currentTarget.checked)}
      />
    </>
  );
}

function BanReason(props: { value: string; onChange: (v: string) => void; error: string | null }) {
  return (
    <Textarea
      label="Reason"
      description="For your team; the visitor is not told."
      placeholder="Abusive language, spam…"
      autosize
      minRows={2}
      maxRows={5}
      maxLength={MAX_REASON}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
      required
      data-autofocus
    />
  );
}
