import type { ArchiveQuery, ArchiveResponse, ArchivedChat } from '@parley/protocol';
import type { z } from 'zod';
import { listArchived, type ArchivedRow } from '../../storage/archive.js';
import type { AgentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { allOf } from '../../storage/search.js';
import { withEveryTag } from '../../storage/labelSearch.js';
import { chatLabels, type PresentedLabels } from './chatLabels.js';
import { readerAccess } from './search.js';

type Query = z.output<typeof ArchiveQuery>;

function present(r: ArchivedRow, labels: PresentedLabels | undefined): ArchivedChat {
  return {
    ...(labels ?? { title: null, tags: [] }),
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
  const { limit, offset, tagId, ...filters } = q;
  const { chats: readable } = await readerAccess(deps, reader);
  // The tag filter is one more condition on the chat, like the reader's access.
  const access = allOf([readable, withEveryTag(tagId)]);
  const rows = await listArchived(deps.store, filters, access, {
    limit: limit + 1,
    offset,
  });
  const page = rows.slice(0, limit);
  const labels = await chatLabels(
    deps,
    page.map((r) => r.id),
  );
  return { chats: page.map((r) => present(r, labels.get(r.id))), hasMore: rows.length > limit };
}
