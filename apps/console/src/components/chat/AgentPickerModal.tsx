import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ActionResult } from '../../client/AgentClient';
import { useConsole } from '../../context';
import { AgentChoice } from './AgentChoice';

interface AgentPickerModalProps {
  title: string;
  description: string;
  actionLabel: string;
  exclude: readonly string[];
  onPick: (agentId: string) => Promise<ActionResult>;
  onDone: () => void;
}

/** Pick one colleague and act (transfer, assign). Errors stay in the dialog. */
export default function AgentPickerModal(props: AgentPickerModalProps) {
  const { client } = useConsole();
  const [agentId, setAgentId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => void client.refreshTeam(), [client]);

  async function submit() {
    if (!agentId) {
      setError('Pick a colleague first.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await props.onPick(agentId);
    setBusy(false);
    if (result.ok) props.onDone();
    else setError(result.message);
  }

  return (
    <Modal opened onClose={props.onDone} title={props.title} centered radius="lg" size="md">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {props.description}
        </Text>
        <AgentChoice
          label="Colleague"
          value={agentId}
          onChange={setAgentId}
          exclude={props.exclude}
        />
        {error && (
          <Text size="sm" c="red.7" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onDone}>
            Cancel
          </Button>
          <Button onClick={submit} loading={busy} disabled={!agentId}>
            {props.actionLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
