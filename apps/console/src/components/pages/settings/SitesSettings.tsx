import {
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Divider,
  Group,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { Department, SiteSummary } from '@parley/protocol';
import { IconCheck, IconCopy, IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useConsole } from '../../../context';
import { embedSnippet } from '../../../labels';
import { useSubmit } from './useSubmit';
import { ApiErrorAlert } from '../ApiErrorAlert';
import { IdentitySecret } from './IdentitySecret';
import { PrechatFieldsEditor } from './PrechatFieldsEditor';
import { AddSiteModal } from './AddSiteModal';
import { SiteLookForm } from './SiteLookForm';
import { SiteWidgetForm } from './SiteWidgetForm';

interface SiteCardProps {
  site: SiteSummary;
  departments: Department[];
  canEdit: boolean;
  onSaved: (site: SiteSummary) => void;
  /** Null when this site may not be removed (not an admin, or the last site). */
  onRemove?: (() => void) | null;
}

function SiteCard({ site, departments, canEdit, onSaved, onRemove }: SiteCardProps) {
  const titleId = `site-${site.id}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="xs">
        <Group gap="sm">
          <Title order={2} fz="md" id={titleId}>
            {site.name}
          </Title>
          <Badge color={site.chatEnabled ? 'green' : 'gray'} variant="light">
            {site.chatEnabled ? 'Chat on' : 'Chat off'}
          </Badge>
        </Group>
        <Group gap="sm">
          <Text size="xs" c="dimmed">
            Key <Code>{site.key}</Code>
          </Text>
          {onRemove && <RemoveSiteButton site={site} onRemove={onRemove} />}
        </Group>
      </Group>
      <EmbedSnippet site={site} />
      <SiteRouting site={site} departments={departments} canEdit={canEdit} />
      <Divider my="lg" />
      <SiteLookForm site={site} canEdit={canEdit} onSaved={onSaved} />
      <Divider my="lg" />
      <SiteWidgetForm site={site} canEdit={canEdit} onSaved={onSaved} />
      <Divider my="lg" />
      <IdentitySecret site={site} canEdit={canEdit} onSaved={onSaved} />
      <Divider my="lg" />
      <PrechatFieldsEditor site={site} canEdit={canEdit} onSaved={onSaved} />
    </Paper>
  );
}

/** Removing a site: asked twice, since its widget stops loading on every page at once. */
function RemoveSiteButton({ site, onRemove }: { site: SiteSummary; onRemove: () => void }) {
  const [asking, setAsking] = useState(false);
  return asking ? (
    <Group gap={6}>
      <Text size="xs">Its widget stops loading at once.</Text>
      <Button size="compact-xs" color="red" onClick={onRemove}>
        Remove {site.name}
      </Button>
      <Button size="compact-xs" variant="default" onClick={() => setAsking(false)}>
        Keep
      </Button>
    </Group>
  ) : (
    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setAsking(true)}>
      Remove site
    </Button>
  );
}

/** The script tag that puts the widget on a page, copyable. */
function EmbedSnippet({ site }: { site: SiteSummary }) {
  const snippet = embedSnippet(window.location.origin, site.key);
  return (
    <>
      <Text size="sm" fw={600} mt="sm">
        Embed snippet
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        Paste it before &lt;/body&gt; on every page that should show the chat.
      </Text>
      <Group gap="xs" align="stretch" wrap="nowrap">
        <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {snippet}
        </Code>
        <CopyButton value={snippet} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'light' : 'default'}
              color={copied ? 'green' : undefined}
              leftSection={
                copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
              }
              onClick={copy}
              style={{ flex: 'none', alignSelf: 'flex-start' }}
              aria-label={copied ? 'Copied' : `Copy snippet for ${site.name}`}
            >
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </>
  );
}

/** Which departments the site's chats reach (none: every agent). */
function SiteRouting({ site, departments, canEdit }: Omit<SiteCardProps, 'onSaved'>) {
  const { api } = useConsole();
  const [chosen, setChosen] = useState<string[]>(site.departmentIds);
  const [savedIds, setSavedIds] = useState<string[]>(site.departmentIds);
  const { busy, error, clearError, run } = useSubmit();
  const [done, setDone] = useState(false);
  const changed = chosen.length !== savedIds.length || chosen.some((id) => !savedIds.includes(id));

  const save = () =>
    run(async () => {
      // Keep the order departments are listed in, which the widget's pre-chat step follows.
      const ordered = departments.map((d) => d.id).filter((id) => chosen.includes(id));
      await api.setSiteDepartments(site.id, ordered);
      setSavedIds(ordered);
      setDone(true);
    });

  return (
    <>
      <Checkbox.Group
        mt="md"
        label="Routes chats to"
        description={
          chosen.length === 0
            ? 'No department: every agent can get these chats.'
            : chosen.length > 1
              ? 'Visitors pick one of these before the chat starts.'
              : 'All chats from this site go to this department.'
        }
        value={chosen}
        onChange={(v) => {
          setChosen(v);
          setDone(false);
        }}
      >
        <Group gap="md" mt={8}>
          {departments.length === 0 && (
            <Text size="sm" c="dimmed">
              No departments yet; create them under Departments.
            </Text>
          )}
          {departments.map((d) => (
            <Checkbox key={d.id} value={d.id} label={d.name} disabled={!canEdit} />
          ))}
        </Group>
      </Checkbox.Group>
      {error ? <ApiErrorAlert error={error} onClose={clearError} /> : null}
      {canEdit && departments.length > 0 && (
        <Group gap="sm" mt="md">
          <Button size="compact-md" onClick={() => void save()} loading={busy} disabled={!changed}>
            Save routing
          </Button>
          {done && !changed && (
            <Group gap={4} c="green.8" role="status">
              <IconCheck size={16} aria-hidden />
              <Text size="sm">Saved</Text>
            </Group>
          )}
        </Group>
      )}
    </>
  );
}

/**
 * Where the widget runs: the snippet to embed, which departments each site's chats reach, its
 * language and allowed origins, signed identities and the pre-chat survey.
 */
export function SitesSettings({ canEdit }: { canEdit: boolean }) {
  const { api } = useConsole();
  const [sites, setSites] = useState<SiteSummary[] | null>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);

  const load = useCallback(async () => {
    try {
      const [s, d] = await Promise.all([api.listSites(), api.listDepartments()]);
      setSites(s);
      setDepartments(d);
    } catch (err) {
      setError(err);
    }
  }, [api]);

  useEffect(() => void load(), [load]);

  const replace = (next: SiteSummary) =>
    setSites((list) => list?.map((x) => (x.id === next.id ? next : x)) ?? null);
  const remove = async (site: SiteSummary) => {
    try {
      await api.removeSite(site.id);
      setSites((list) => list?.filter((x) => x.id !== site.id) ?? null);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Stack gap="md" maw={860}>
      {canEdit && (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            Add site
          </Button>
        </Group>
      )}
      {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
      {!sites && !error && <Text c="dimmed">Loading…</Text>}
      {sites?.map((s) => (
        <SiteCard
          key={s.id}
          site={s}
          departments={departments}
          canEdit={canEdit}
          onSaved={replace}
          onRemove={canEdit && sites.length > 1 ? () => void remove(s) : null}
        />
      ))}
      {adding && (
        <AddSiteModal
          onDone={() => setAdding(false)}
          onAdded={(site) => setSites((list) => [...(list ?? []), site])}
        />
      )}
    </Stack>
  );
}
