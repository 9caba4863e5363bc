import { WidgetLanguage, type SystemEvent } from '@parley/protocol';
import { renderTranscript, type TranscriptMessage } from '../../domain/transcript.js';
import type { ConversationSnapshot } from '../../storage/conversations.js';
import { listMessages } from '../../storage/messages.js';
import type { MessageRow, VisitorRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';

/** Most messages a transcript holds. */
const MAX_LINES = 5000;

type Payload = {
  attachments?: Array<{ id?: string; name: string }>;
  card?: { url: string };
  system?: SystemEvent;
};

/** The language a transcript is written in: the one asked for, else the visitor's, else English. */
export function transcriptLanguage(
  visitor: Pick<VisitorRow, 'language'>,
  asked?: WidgetLanguage,
): WidgetLanguage {
  return (
    asked ?? WidgetLanguage.safeParse(visitor.language?.slice(0, 2).toLowerCase()).data ?? 'en'
  );
}

function lineOf(m: MessageRow, fileUrl?: (id: string) => string): TranscriptMessage {
  const payload = m.payload ? (JSON.parse(m.payload) as Payload) : {};
  const attachments = (payload.attachments ?? []).map((a) => ({
    name: a.name,
    ...(fileUrl && a.id ? { url: fileUrl(a.id) } : {}),
  }));
  return {
    authorType: m.author_type,
    authorName: m.author_name,
    body: payload.card ? `${m.body}\n${payload.card.url}` : m.body,
    createdAt: m.created_at,
    visibility: m.visibility,
    ...(payload.system ? { system: payload.system } : {}),
    ...(attachments.length ? { attachments } : {}),
  };
}

/**
 * The public part of a chat as a mail (subject, text, HTML). Only public messages are read at
 * all: private notes never reach the renderer. `fileUrl` turns each file into a link.
 */
export async function publicTranscript(
  deps: Pick<Deps, 'store'>,
  c: Pick<ConversationSnapshot, 'id' | 'site_name'>,
  visitor: Pick<VisitorRow, 'name' | 'code' | 'language' | 'time_zone' | 'geo_time_zone'>,
  o: { language?: WidgetLanguage | undefined; fileUrl?: (id: string) => string },
): Promise<{ subject: string; text: string; html: string; firstVisitorLine: string | null }> {
  const rows = await listMessages(deps.store, c.id, {
    afterSeq: 0,
    limit: MAX_LINES,
    visibilities: ['public'],
  });
  const mail = renderTranscript({
    siteName: c.site_name,
    visitorLabel: visitor.name ?? visitor.code,
    timeZone: visitor.time_zone ?? visitor.geo_time_zone,
    language: transcriptLanguage(visitor, o.language),
    messages: rows.map((m) => lineOf(m, o.fileUrl)),
  });
  const first = rows.find((m) => m.author_type === 'visitor' && m.body.trim() !== '');
  return { ...mail, firstVisitorLine: first ? first.body.trim() : null };
}
