import { MultiSelect, Text } from '@mantine/core';
import type { AgentRole, SiteSummary } from '@parley/protocol';

/**
 * The sites an agent works on: they see, are offered and are notified of those sites' chats,
 * visitors and tickets only. Admins see every site, so there is nothing to choose for them.
 */
export function SitesChoice(props: {
  role: AgentRole;
  sites: readonly SiteSummary[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  if (props.role === 'admin')
    return (
      <Text size="sm" c="dimmed">
        Admins see every site.
      </Text>
    );
  return (
    <MultiSelect
      label="Sites"
      description={
        props.role === 'supervisor'
          ? 'Supervisors see every chat of these sites.'
          : 'They see and are offered the chats of these sites only.'
      }
      placeholder={props.value.length === 0 ? 'No site: they see no chats' : undefined}
      data={props.sites.map((s) => ({ value: s.id, label: s.name }))}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      clearable
      searchable
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** The table cell: which sites an agent works on. */
export function sitesLabel(
  role: AgentRole,
  siteIds: readonly string[] | undefined,
  sites: readonly SiteSummary[],
): string {
  if (role === 'admin') return 'All sites';
  const names = sites.filter((s) => siteIds?.includes(s.id)).map((s) => s.name);
  return names.length > 0 ? names.join(', ') : 'None';
}
