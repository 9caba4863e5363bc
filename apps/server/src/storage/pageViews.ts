import type { Store } from './store.js';

export interface PageView {
  url: string;
  title: string;
  at: number;
}

/** Stores one page view unless it is already stored (same visitor and id); true when new. */
export async function insertPageView(
  db: Store,
  view: PageView & { visitorId: string; id: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('page_views')
    .values({
      visitor_id: view.visitorId,
      id: view.id,
      url: view.url,
      title: view.title,
      at: view.at,
    })
    .onConflict((oc) => oc.columns(['visitor_id', 'id']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** The visitor's latest page views, newest first, at most `limit`. */
export function latestPageViews(db: Store, visitorId: string, limit: number): Promise<PageView[]> {
  return db
    .selectFrom('page_views')
    .select(['url', 'title', 'at'])
    .where('visitor_id', '=', visitorId)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
}

/** Deletes page views older than `cutoff`; returns how many. */
export async function deletePageViewsBefore(db: Store, cutoff: number): Promise<number> {
  const result = await db.deleteFrom('page_views').where('at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
