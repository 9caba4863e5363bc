import type { Attachment, AuthorType, MessageKind, PageCard, SystemEvent } from '@parley/protocol';
import type { ChatMessage, PendingMessage } from './messages';
import { ownedBy, type UploadItem } from './uploads';

/** What the message list draws, in order: day dividers, then bubbles grouped by author. */
export type TimelineItem =
  | { kind: 'day'; key: string; date: Date }
  | {
      kind: 'message';
      key: string;
      author: AuthorType;
      authorId: string | null;
      authorName: string | null;
      body: string;
      /** A system line's event, said in the visitor's language. */
      system?: SystemEvent | undefined;
      createdAt: Date;
      /** First and last of a run by the same author: they get the avatar, name and time. */
      first: boolean;
      last: boolean;
      pending: PendingMessage | null;
      /** The server's id (null while pending). */
      id: string | null;
      messageKind: MessageKind;
      /** An options message's buttons. */
      choices: readonly string[];
      attachments: readonly Attachment[];
      /** A pending message's files on their way up. */
      uploads: readonly UploadItem[];
      /** The visitor's message that an agent has read up to ("Seen"). */
      seen: boolean;
      /** A page the agent sent (kind 'card'). */
      card: PageCard | null;
    };

/** Messages further apart than this start a new group even when the author is the same. */
const GROUP_GAP_MS = 5 * 60_000;

function dayKey(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

const none: readonly never[] = [];

export function buildTimeline(
  messages: readonly ChatMessage[],
  pending: readonly PendingMessage[],
  uploads: readonly UploadItem[] = none,
  seenId: string | null = null,
): TimelineItem[] {
  type Row = Extract<TimelineItem, { kind: 'message' }>;
  const rows: Row[] = [
    ...messages.map((m) => ({
      kind: 'message' as const,
      key: m.clientId ? `c:${m.clientId}` : `m:${m.id}`,
      author: m.author.type,
      authorId: m.author.id,
      authorName: m.author.name,
      body: m.body,
      system: m.system,
      createdAt: new Date(m.createdAt),
      first: true,
      last: true,
      pending: null,
      id: m.id,
      messageKind: m.kind ?? 'text',
      choices: m.choices ?? none,
      attachments: m.attachments ?? none,
      uploads: none,
      seen: m.id === seenId,
      card: m.kind === 'card' ? (m.card ?? null) : null,
    })),
    // Keyed by clientId like their delivered form, so the bubble is not re-created on ack.
    ...pending.map((p) => ({
      kind: 'message' as const,
      key: `c:${p.clientId}`,
      author: 'visitor' as const,
      authorId: null,
      authorName: null,
      body: p.body,
      createdAt: new Date(p.createdAt),
      first: true,
      last: true,
      pending: p,
      id: null,
      messageKind: 'text' as const,
      choices: none,
      attachments: none,
      uploads: ownedBy(uploads, p.clientId),
      seen: false,
      card: null,
    })),
  ];

  const items: TimelineItem[] = [];
  let lastDay = '';
  let prev: Row | null = null;
  for (const row of rows) {
    const day = dayKey(row.createdAt);
    if (day !== lastDay) {
      items.push({ kind: 'day', key: `d:${day}`, date: row.createdAt });
      lastDay = day;
      prev = null;
    }
    if (
      prev &&
      row.author !== 'system' &&
      prev.author === row.author &&
      // Every visitor line is "you"; agents are told apart (a transfer starts a new group).
      (row.author === 'visitor' || prev.authorName === row.authorName) &&
      row.createdAt.getTime() - prev.createdAt.getTime() < GROUP_GAP_MS
    ) {
      prev.last = false;
      row.first = false;
    }
    items.push(row);
    prev = row;
  }
  return items;
}
