import { Badge, Group, Loader, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type {
  Conversation,
  LiveVisitor,
  PageView,
  VisitorAttribute,
  VisitorHistoryEntry,
  VisitorState,
} from '@parley/protocol';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatClock, formatDateTime } from '../../format';
import { useSecond } from '../../hooks/useSecond';
import {
  deviceLabel,
  flagEmoji,
  formatLocalTime,
  formatTimeOnSite,
  languageName,
  localTimeOffset,
  pageLabel,
  placeLabel,
  referrerLabel,
  safeHref,
} from '../../visitorFormat';
import { RatingMark } from '../chat/RatingMark';
import { VerifiedLock } from './VerifiedLock';
import classes from './Visitor.module.css';

export const visitorStateMeta: Record<VisitorState, { label: string; color: string }> = {
  browsing: { label: 'Browsing', color: 'blue' },
  waiting: { label: 'Waiting', color: 'orange' },
  chatting: { label: 'Chatting', color: 'green' },
};

/** Who the visitor is, as far as we know without live data (from a chat or the list). */
export interface VisitorIdentity {
  code: string;
  name: string | null;
  email: string | null;
  verified: readonly string[];
  siteName: string;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  const missing = children === null || children === undefined || children === '';
  return (
    <>
      <dt className={classes.term}>{term}</dt>
      <dd className={classes.value} data-missing={missing || undefined}>
        {missing ? 'Unknown' : children}
      </dd>
    </>
  );
}

/** A page of the visitor's site: its title as a link, the full address on hover. */
export function PageLink({ page, maxWidth }: { page: PageView; maxWidth?: number }) {
  const href = safeHref(page.url);
  const label = pageLabel(page);
  const style = maxWidth
    ? {
        display: 'inline-block',
        maxWidth,
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap' as const,
        verticalAlign: 'bottom',
      }
    : undefined;
  return (
    <Tooltip label={page.url} multiline maw={420} style={{ overflowWrap: 'anywhere' }}>
      {href ? (
        <a
          href={href}
          target="_blank"
          rel="noopener noreferrer"
          className={classes.pageLink}
          dir="auto"
          style={style}
        >
          {label}
        </a>
      ) : (
        <span dir="auto" style={style}>
          {label}
        </span>
      )}
    </Tooltip>
  );
}

/** The visitor's wall clock, ticking, with how far it is from the agent's. */
export function LocalClock({ timeZone }: { timeZone: string | null }) {
  const now = useSecond();
  const time = formatLocalTime(timeZone, now);
  if (!time) return null;
  const offset = localTimeOffset(timeZone, now);
  return (
    <Tooltip label={timeZone ?? ''}>
      <span className={classes.clock}>
        {time}
        {offset ? (
          <Text span size="xs" c="dimmed">
            {' '}
            ({offset})
          </Text>
        ) : null}
      </span>
    </Tooltip>
  );
}

export function TimeOnSite({ since }: { since: string }) {
  const now = useSecond();
  return <span className={classes.clock}>{formatTimeOnSite(since, now)}</span>;
}

/** "🇩🇪 Berlin, Germany": the flag is decoration; the words say where. */
export function Place({ location }: { location: LiveVisitor['location'] }) {
  const place = placeLabel(location);
  if (!place) return null;
  const flag = flagEmoji(location.country);
  return (
    <span>
      {flag && (
        <span aria-hidden style={{ marginInlineEnd: 5 }}>
          {flag}
        </span>
      )}
      {place}
    </span>
  );
}

function Locked({ value, verified }: { value: ReactNode; verified: boolean }) {
  return (
    <span>
      {value}
      {verified && <VerifiedLock />}
    </span>
  );
}

interface VisitorFactsProps {
  identity: VisitorIdentity;
  /** Live data (details, or the list's row while details load); null when not available. */
  live: LiveVisitor | null;
  attributes?: readonly VisitorAttribute[];
  firstSeenAt?: string | undefined;
  /** The chat the panel belongs to: its pre-chat answers and the page it was started from. */
  conversation?: Conversation | undefined;
  loading: boolean;
  error: string | null;
}

/** Everything known about a visitor, most useful first: what they told us, where they are. */
export function VisitorFacts(props: VisitorFactsProps) {
  const { identity, live: v, attributes = [], conversation: c, loading, error } = props;
  const verified = new Set(v?.verified ?? identity.verified);
  const name = v?.name ?? identity.name;
  const email = v?.email ?? identity.email;
  const prechat = c?.prechat ?? [];

  return (
    <div>
      {prechat.length > 0 && <PrechatAnswers answers={prechat} />}

      <dl className={classes.facts} style={{ marginTop: prechat.length > 0 ? 12 : 0 }}>
        {c?.startPage && (
          <Fact term="Called from">
            <PageLink page={c.startPage} />
          </Fact>
        )}
        {v && (
          <Fact term="Current page">
            {v.currentPage ? <PageLink page={v.currentPage} /> : null}
            {!v.online && <span className={classes.sub}>Left the site</span>}
          </Fact>
        )}
        <Fact term="Name">
          {name ? <Locked value={name} verified={verified.has('name')} /> : null}
        </Fact>
        <Fact term="Email">
          {email ? (
            <Locked
              value={
                <a href={`mailto:${email}`} className={classes.pageLink}>
                  {email}
                </a>
              }
              verified={verified.has('email')}
            />
          ) : null}
        </Fact>
        {attributes.map((a) => (
          <Fact key={a.key} term={a.key}>
            <Locked value={<span dir="auto">{a.value}</span>} verified={a.verified} />
          </Fact>
        ))}
        {v && <LiveFacts v={v} />}
        {props.firstSeenAt && <Fact term="First seen">{formatDateTime(props.firstSeenAt)}</Fact>}
        <Fact term="Site">{identity.siteName}</Fact>
      </dl>

      {loading && !v && (
        <Group gap={8} mt="md" c="dimmed">
          <Loader size={14} aria-hidden />
          <Text size="xs">Loading location, pages and past chats…</Text>
        </Group>
      )}
      {error && !v && (
        <Group gap={6} mt="md" wrap="nowrap" align="flex-start" role="status">
          <IconAlertTriangle size={14} color="var(--mantine-color-orange-7)" aria-hidden />
          <Text size="xs" c="dimmed">
            Live details are not available: {error}
          </Text>
        </Group>
      )}
    </div>
  );
}

function PrechatAnswers({ answers }: { answers: NonNullable<Conversation['prechat']> }) {
  return (
    <section aria-label="Pre-chat answers" className={classes.prechat}>
      <h3 className={classes.sectionTitle}>Pre-chat answers</h3>
      <dl className={classes.facts}>
        {answers.map((a, i) => (
          <Fact key={`${a.label}-${i}`} term={a.label}>
            <span dir="auto">{a.value}</span>
          </Fact>
        ))}
      </dl>
    </section>
  );
}

/** What the live connection tells: where, on what, how often, and from where they came. */
function LiveFacts({ v }: { v: LiveVisitor }) {
  return (
    <>
      <Fact term="Location">{placeLabel(v.location) ? <Place location={v.location} /> : null}</Fact>
      <Fact term="IP address">{v.ip}</Fact>
      <Fact term="Local time">
        <LocalClock timeZone={v.location.timeZone} />
      </Fact>
      <Fact term="Browser">
        {deviceLabel(v.device)}
        {v.device.type && v.device.type !== 'desktop' && (
          <span className={classes.sub}>{v.device.type}</span>
        )}
      </Fact>
      <Fact term="Language">{languageName(v.language)}</Fact>
      <Fact term="Visits">
        {v.visits === 1 ? 'First visit' : `${v.visits} visits`}
        <span className={classes.sub}>
          {v.pageViews === 1 ? '1 page' : `${v.pageViews} pages`} this visit
          {v.online && (
            <>
              {' · '}
              <TimeOnSite since={v.visitStartedAt} /> on site
            </>
          )}
        </span>
      </Fact>
      <Fact term="Came from">
        {v.referrer ? (
          <Tooltip label={v.referrer} multiline maw={420}>
            <span>{referrerLabel(v.referrer)}</span>
          </Tooltip>
        ) : (
          'Direct visit'
        )}
      </Fact>
    </>
  );
}

/** The pages the visitor opened, newest first; the top one is where they are now. */
export function NavigationList({ pages, online }: { pages: readonly PageView[]; online: boolean }) {
  if (pages.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No pages recorded yet.
      </Text>
    );
  }
  return (
    <ol className={classes.nav} aria-label="Pages visited, newest first">
      {pages.map((p, i) => (
        <li
          key={`${p.at}-${p.url}`}
          className={classes.navItem}
          data-current={(i === 0 && online) || undefined}
        >
          <time dateTime={p.at} className={classes.navTime} title={formatDateTime(p.at)}>
            {formatClock(p.at)}
          </time>
          {i === 0 && online && (
            <Badge size="xs" color="green" variant="light" ml={6}>
              Now
            </Badge>
          )}
          <div>
            <PageLink page={p} />
          </div>
        </li>
      ))}
    </ol>
  );
}

const historyStatus: Record<VisitorHistoryEntry['status'], string | null> = {
  queued: 'Waiting',
  offered: 'Waiting',
  active: 'Open',
  closed: null,
};

/** The visitor's conversations, newest first; each opens read-only. */
export function HistoryList({
  entries,
  currentId,
  onOpen,
}: {
  entries: readonly VisitorHistoryEntry[];
  /** The chat this panel belongs to: marked, not opened again. */
  currentId?: string | undefined;
  onOpen: (id: string) => void;
}) {
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No conversations yet.
      </Text>
    );
  }
  const sorted = [...entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <ul className={classes.history} aria-label="Conversations">
      {sorted.map((h) => {
        const current = h.id === currentId;
        const status = historyStatus[h.status];
        const body = (
          <>
            <Group justify="space-between" gap={6} wrap="nowrap">
              <Text size="sm" fw={600}>
                {formatDateTime(h.createdAt)}
              </Text>
              <Group gap={6} wrap="nowrap">
                {current && (
                  <Badge size="xs" variant="light" color="indigo">
                    This chat
                  </Badge>
                )}
                {status && !current && (
                  <Badge size="xs" variant="light" color="green">
                    {status}
                  </Badge>
                )}
                {h.rating && <RatingMark value={h.rating} />}
              </Group>
            </Group>
            <Text size="xs" c="dimmed">
              {h.agentName ?? 'No agent'} ·{' '}
              {h.messageCount === 1 ? '1 message' : `${h.messageCount} messages`}
            </Text>
            {h.lastMessage && (
              <span className={classes.lastLine} dir="auto">
                {h.lastMessage}
              </span>
            )}
          </>
        );
        return (
          <li key={h.id}>
            {current ? (
              <div className={classes.historyItem} data-current>
                {body}
              </div>
            ) : (
              <UnstyledButton className={classes.historyItem} onClick={() => onOpen(h.id)}>
                {body}
              </UnstyledButton>
            )}
          </li>
        );
      })}
    </ul>
  );
}
