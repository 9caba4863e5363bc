import { Group, NumberInput, Radio, Select, Stack, TextInput } from '@mantine/core';
import type { Agent, AgentRole, SiteSummary } from '@parley/protocol';
import { useState } from 'react';
import { ApiError } from '../../../api/http';
import { useConsole } from '../../../context';
import { roleMeta, roleOrder } from '../../../labels';
import { SitesChoice } from './AgentSites';
import { FormModal, useSubmit } from './FormModal';

const roleOptions = roleOrder.map((r) => ({ value: r, label: roleMeta[r].label }));
const isRole = (v: string | null): v is AgentRole => roleOrder.some((r) => r === v);

interface NewAgent {
  email: string;
  name: string;
  password: string;
  role: AgentRole;
  siteIds: string[];
}

export function AddAgentModal({
  sites,
  onDone,
  onAdded,
}: {
  /** Every site; a new agent starts with all of them. */
  sites: readonly SiteSummary[];
  onDone: () => void;
  onAdded: (a: Agent) => void;
}) {
  const { api } = useConsole();
  const [form, setForm] = useState<NewAgent>({
    email: '',
    name: '',
    password: '',
    role: 'agent',
    siteIds: sites.map((s) => s.id),
  });
  const state = useSubmit();
  const add = async () => {
    try {
      onAdded(await api.createAgent(form));
      onDone();
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'EMAIL_TAKEN')) throw err;
      state.setField('email', 'An agent with this email already exists.');
    }
  };

  return (
    <FormModal
      title="Add an agent"
      state={state}
      onSubmit={add}
      onClose={onDone}
      submitLabel="Add agent"
    >
      <NewAgentFields form={form} onChange={setForm} errors={state.fields} />
      <SitesChoice
        role={form.role}
        sites={sites}
        value={form.siteIds}
        onChange={(siteIds) => setForm({ ...form, siteIds })}
        error={state.fields.siteIds}
      />
    </FormModal>
  );
}

interface EditProps {
  agent: Agent;
  sites: readonly SiteSummary[];
  maxChats: number | null;
  orgDefault: number | null;
  onDone: () => void;
  onSaved: (a: Agent) => void;
}

export function EditAgentModal(props: EditProps) {
  const { agent, sites, maxChats, orgDefault, onDone, onSaved } = props;
  const { api, client } = useConsole();
  const [role, setRole] = useState<AgentRole>(agent.role);
  const [siteIds, setSiteIds] = useState<string[]>(agent.siteIds ?? []);
  // The API does not say whether a limit is the agent's own; equal to the default reads as default.
  const [own, setOwn] = useState(maxChats !== null && maxChats !== orgDefault);
  const [limit, setLimit] = useState<number | ''>(maxChats ?? orgDefault ?? 5);
  const state = useSubmit();
  const { fields } = state;
  const save = async () => {
    if (own && limit === '') return state.setField('maxChats', 'Enter a number');
    const updated = await api.updateAgent(agent.id, {
      ...(role !== agent.role ? { role } : {}),
      ...(role !== 'admin' ? { siteIds } : {}),
      maxChats: own ? Number(limit) : null,
    });
    onSaved(updated);
    void client.refreshTeam();
    onDone();
  };

  return (
    <FormModal
      title={`Edit ${agent.name}`}
      state={state}
      onSubmit={save}
      onClose={onDone}
      submitLabel="Save"
    >
      <Select
        label="Role"
        data={roleOptions}
        value={role}
        onChange={(v) => isRole(v) && setRole(v)}
        allowDeselect={false}
        description={roleMeta[role].hint}
        error={fields.role}
      />
      <SitesChoice
        role={role}
        sites={sites}
        value={siteIds}
        onChange={setSiteIds}
        error={fields.siteIds}
      />
      <MaxChatsChoice
        own={own}
        onOwn={setOwn}
        limit={limit}
        onLimit={setLimit}
        orgDefault={orgDefault}
        error={fields.maxChats}
      />
    </FormModal>
  );
}

function NewAgentFields(props: {
  form: NewAgent;
  onChange: (form: NewAgent) => void;
  errors: Record<string, string>;
}) {
  const { form, onChange, errors } = props;
  return (
    <>
      <TextInput
        label="Email"
        type="email"
        required
        value={form.email}
        onChange={(e) => onChange({ ...form, email: e.currentTarget.value })}
        error={errors.email}
        data-autofocus
      />
      <TextInput
        label="Name"
        required
        value={form.name}
        onChange={(e) => onChange({ ...form, name: e.currentTarget.value })}
        error={errors.name}
      />
      <TextInput
        type="password"
        autoComplete="new-password"
        label="Password"
        description="At least 10 characters. Share it with them safely."
        required
        value={form.password}
        onChange={(e) => onChange({ ...form, password: e.currentTarget.value })}
        error={errors.password}
      />
      <Select
        label="Role"
        data={roleOptions}
        value={form.role}
        onChange={(v) => isRole(v) && onChange({ ...form, role: v })}
        allowDeselect={false}
        description={roleMeta[form.role].hint}
        error={errors.role}
      />
    </>
  );
}

interface MaxChatsProps {
  own: boolean;
  onOwn: (own: boolean) => void;
  limit: number | '';
  onLimit: (limit: number | '') => void;
  orgDefault: number | null;
  error?: string;
}

/** The organisation's limit, or one of the agent's own. */
function MaxChatsChoice(p: MaxChatsProps) {
  return (
    <Radio.Group
      label="Max chats"
      value={p.own ? 'own' : 'default'}
      onChange={(v) => p.onOwn(v === 'own')}
      error={p.error}
    >
      <Stack gap={8} mt={6}>
        <Radio
          value="default"
          label={`Organisation default${p.orgDefault !== null ? ` (${p.orgDefault})` : ''}`}
        />
        <Group gap="sm" wrap="nowrap">
          <Radio value="own" label="Own limit" />
          <NumberInput
            aria-label="Own max chats"
            min={1}
            max={50}
            w={100}
            size="xs"
            allowDecimal={false}
            allowNegative={false}
            value={p.limit}
            disabled={!p.own}
            onChange={(v) => p.onLimit(typeof v === 'number' ? v : v === '' ? '' : Number(v))}
          />
        </Group>
      </Stack>
    </Radio.Group>
  );
}
