import { Button, Group, MultiSelect, Select, Table, Text, TextInput, Title } from '@mantine/core';
import type { Agent, ArchivedChat, SiteSummary } from '@parley/protocol';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { archiveApi, type ArchiveFilters } from '../../api/search';
import { useConsole } from '../../context';
import { formatDateTime } from '../../format';
import { RatingMark } from '../chat/RatingMark';
import { TagBadges } from '../tags/TagBadge';
import { useTags } from '../tags/useTags';
import { ApiErrorAlert } from './ApiErrorAlert';
import classes from './Page.module.css';

const TranscriptModal = lazy(() =>
  import('../visitors/TranscriptModal').then((m) => ({ default: m.TranscriptModal })),
);

const PAGE = 25;

interface FilterForm {
  from: string;
  to: string;
  agentId: string;
  siteId: string;
  rating: string;
  tagIds: string[];
}
const NO_FILTERS: FilterForm = {
  from: '',
  to: '',
  agentId: '',
  siteId: '',
  rating: '',
  tagIds: [],
};

/** Half the bar on a phone, `sm` pixels wide from a tablet on. */
const cell = (sm: number) => ({ base: 'calc(50% - 6px)', sm });

function DayField(props: { label: string; value: string; onChange: (day: string) => void }) {
  return (
    <TextInput
      type="date"
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      w={cell(160)}
    />
  );
}

interface ChoiceFieldProps {
  label: string;
  placeholder: string;
  data: Array<{ value: string; label: string }>;
  value: string;
  onChange: (value: string) => void;
  width: number;
}

function ChoiceField(props: ChoiceFieldProps) {
  return (
    <Select
      label={props.label}
      placeholder={props.placeholder}
      clearable
      data={props.data}
      value={props.value || null}
      onChange={(v) => props.onChange(v ?? '')}
      w={cell(props.width)}
    />
  );
}

const RATINGS = [
  { value: 'good', label: 'Good' },
  { value: 'bad', label: 'Bad' },
  { value: 'none', label: 'Not rated' },
];

/** Closing dates, agent, site and rating: what the Archive is narrowed by. */
function ArchiveFilterBar(props: {
  form: FilterForm;
  onChange: (update: (f: FilterForm) => FilterForm) => void;
  sites: SiteSummary[];
  agents: Agent[];
}) {
  const { form, sites, agents } = props;
  const { tags } = useTags();
  const set = (field: Exclude<keyof FilterForm, 'tagIds'>) => (value: string) =>
    props.onChange((f) => ({ ...f, [field]: value }));
  return (
    <Group gap="sm" mb="md" align="end" wrap="wrap" role="group" aria-label="Filters">
      <DayField label="From" value={form.from} onChange={set('from')} />
      <DayField label="To" value={form.to} onChange={set('to')} />
      <ChoiceField
        label="Agent"
        placeholder="Anyone"
        data={agents.map((a) => ({ value: a.id, label: a.name }))}
        value={form.agentId}
        onChange={set('agentId')}
        width={180}
      />
      {sites.length > 1 && (
        <ChoiceField
          label="Site"
          placeholder="Every site"
          data={sites.map((s) => ({ value: s.id, label: s.name }))}
          value={form.siteId}
          onChange={set('siteId')}
          width={180}
        />
      )}
      <ChoiceField
        label="Rating"
        placeholder="Any"
        data={RATINGS}
        value={form.rating}
        onChange={set('rating')}
        width={140}
      />
      {tags.length > 0 && (
        <MultiSelect
          label="Tags"
          placeholder={form.tagIds.length ? undefined : 'Any'}
          clearable
          searchable
          data={tags.map((t) => ({ value: t.id, label: t.name }))}
          value={form.tagIds}
          onChange={(tagIds) => props.onChange((f) => ({ ...f, tagIds }))}
          w={{ base: '100%', sm: 240 }}
        />
      )}
    </Group>
  );
}

/** "4 min", "1 h 05 min": how long a chat lasted. */
export function formatDuration(seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A day picked in a date field, as the start (or end) of that day in the agent's time zone. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (end) d.setDate(d.getDate() + 1);
  return new Date(d.getTime() - (end ? 1 : 0)).toISOString();
}

/** Every closed chat the agent may open, newest first; a row opens the chat read-only. */
export default function ArchivePage({ conversationId }: { conversationId?: string | undefined }) {
  const { api } = useConsole();
  const [sites, setSites] = useState<SiteSummary[]>([]);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [form, setForm] = useState<FilterForm>(NO_FILTERS);
  const [chats, setChats] = useState<ArchivedChat[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A ticket's "From chat" link opens its chat over the archive.
  const [open, setOpen] = useState<string | null>(conversationId ?? null);

  useEffect(() => {
    // Lists for the filters; without them the archive still works, unfiltered by them.
    api.listSites().then(setSites, () => setSites([]));
    api.listAgents().then(setAgents, () => setAgents([]));
  }, [api]);

  const filters: ArchiveFilters = {
    from: dayBound(form.from, false),
    to: dayBound(form.to, true),
    agentId: form.agentId || undefined,
    siteId: form.siteId || undefined,
    rating: (form.rating || undefined) as ArchiveFilters['rating'],
    tagId: form.tagIds.length ? form.tagIds : undefined,
  };
  const key = JSON.stringify(filters);
  const load = useCallback(
    async (offset: number) => {
      setError(null);
      try {
        const page = await archiveApi({
          ...(JSON.parse(key) as ArchiveFilters),
          limit: PAGE,
          offset,
        });
        setChats((list) => (offset === 0 ? page.chats : [...(list ?? []), ...page.chats]));
        setHasMore(page.hasMore);
      } catch (err) {
        setError(err);
      }
    },
    [key],
  );
  useEffect(() => {
    setChats(null);
    void load(0);
  }, [load]);

  return (
    <section className={classes.page} aria-labelledby="archive-title">
      <div className={classes.inner}>
        <Title order={2} size="h3" id="archive-title" mb="sm">
          Archive
        </Title>
        <ArchiveFilterBar form={form} onChange={setForm} sites={sites} agents={agents} />
        {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
        {chats === null && !error && (
          <Text c="dimmed" size="sm">
            Loading…
          </Text>
        )}
        {chats && chats.length === 0 && (
          <Text c="dimmed" size="sm">
            No closed chats match these filters.
          </Text>
        )}
        {chats && chats.length > 0 && <ArchiveTable chats={chats} onOpen={setOpen} />}
        {hasMore && (
          <Button variant="default" mt="md" onClick={() => void load(chats?.length ?? 0)}>
            Show more
          </Button>
        )}
      </div>
      {open && (
        <Suspense fallback={null}>
          <TranscriptModal conversationId={open} onDone={() => setOpen(null)} />
        </Suspense>
      )}
    </section>
  );
}

function ArchiveTable({ chats, onOpen }: { chats: ArchivedChat[]; onOpen: (id: string) => void }) {
  return (
    <div className={classes.table}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Visitor</Table.Th>
            <Table.Th>First message</Table.Th>
            <Table.Th>Agent</Table.Th>
            <Table.Th>Closed</Table.Th>
            <Table.Th>Duration</Table.Th>
            <Table.Th>Rating</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {chats.map((c) => (
            <ArchiveRow key={c.id} c={c} onOpen={onOpen} />
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** One closed chat: who (its title first), what was asked, by whom, when, how long, how rated. */
function ArchiveRow({ c, onOpen }: { c: ArchivedChat; onOpen: (id: string) => void }) {
  const visitor = c.visitor.name ?? `Visitor ${c.visitor.code}`;
  const who = c.title ?? visitor;
  return (
    <Table.Tr className={classes.clickable} onClick={() => onOpen(c.id)}>
      <Table.Td>
        <Text
          size="sm"
          fw={600}
          component="button"
          className={classes.linkButton}
          aria-label={`Open chat with ${who}`}
          onClick={(e) => {
            e.stopPropagation();
            onOpen(c.id);
          }}
        >
          {who}
        </Text>
        <Text size="xs" c="dimmed">
          {[c.title ? visitor : null, c.visitor.email, c.siteName].filter(Boolean).join(' · ')}
        </Text>
        {c.tags.length > 0 && (
          <Group
            gap={4}
            mt={4}
            wrap="wrap"
            aria-label={`Tags: ${c.tags.map((t) => t.name).join(', ')}`}
          >
            <TagBadges tags={c.tags} max={4} />
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2} className={classes.message} dir="auto">
          {c.firstMessage ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{c.assignee?.name ?? 'Nobody'}</Text>
        {c.department && (
          <Text size="xs" c="dimmed">
            {c.department.name}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(c.closedAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDuration(c.durationSeconds)}
        </Text>
      </Table.Td>
      <Table.Td>
        {c.rating ? (
          <RatingMark value={c.rating.value} comment={c.rating.comment} />
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
