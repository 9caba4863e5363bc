import type { EarlierResponse } from '@parley/protocol';
import { apiRequest } from './http';

/**
 * GET /api/v1/conversations/:id/earlier: the visitor's earlier conversations above chat `id`
 * (limit 0: the count only), older pages with `before` = the previous page's nextCursor.
 */
export function earlierApi(
  conversationId: string,
  page: { limit: number; before?: string | undefined },
): Promise<EarlierResponse> {
  const params = new URLSearchParams({ limit: String(page.limit) });
  if (page.before) params.set('before', page.before);
  return apiRequest<EarlierResponse>(
    `/conversations/${encodeURIComponent(conversationId)}/earlier?${params.toString()}`,
  );
}
