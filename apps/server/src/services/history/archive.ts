import type { ArchiveQuery, ArchiveResponse, ArchivedChat } from '@parley/protocol';
import type { z } from 'zod';
import { listArchived, type ArchivedRow } from '../../storage/archive.js';
import type { AgentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { readerAccess } from './search.js';

type Query = z.output<typeof ArchiveQuery>;

function present(r: ArchivedRow): ArchivedChat {
  return {
    id: r.id,
    siteName: r.site_name,
    visitor: {
      id: r.visitor_id,
      code: r.visitor_code,
      name: r.visitor_name,
      email: r.visitor_email,
    },
    assignee:
      r.assignee_id && r.assignee_name ? { id: r.assignee_id, name: r.assignee_name } : null,
    department:
      r.department_id && r.department_name
        ? { id: r.department_id, name: r.department_name }
        : null,
    createdAt: new Date(r.created_at).toISOString(),
    closedAt: new Date(r.closed_at).toISOString(),
    durationSeconds: Math.max(0, Math.round((r.closed_at - r.created_at) / 1000)),
    rating: r.rating ? { value: r.rating, comment: r.rating_comment } : null,
    firstMessage: r.first_message,
  };
}

/** The Archive: every closed chat the reader may open, most recently closed first. */
export async function listArchive(
  deps: Deps,
  reader: AgentRow,
  q: Query,
): Promise<ArchiveResponse> {
  const { limit, offset, ...filters } = q;
  const { chats: access } = await readerAccess(deps, reader);
  const rows = await listArchived(deps.db, filters, access, {
    limit: limit + 1,
    offset,
  });
  return { chats: rows.slice(0, limit).map(present), hasMore: rows.length > limit };
}
