import type { ArchiveResponse, SearchResponse } from '@parley/protocol';
import { apiRequest } from './http';

export interface SearchRequest {
  q: string;
  kind?: 'all' | 'chats' | 'messages' | 'visitors' | 'tickets';
  /** The agent is still typing: the last word is a prefix. */
  typing?: boolean;
  limit?: number;
  offset?: number;
}

/** GET /api/search: chats, messages, visitors and tickets the signed-in agent may open. */
export function searchApi(r: SearchRequest): Promise<SearchResponse> {
  const params = new URLSearchParams({ q: r.q });
  if (r.kind) params.set('kind', r.kind);
  if (r.typing) params.set('typing', 'true');
  if (r.limit) params.set('limit', String(r.limit));
  if (r.offset) params.set('offset', String(r.offset));
  return apiRequest<SearchResponse>(`/search?${params.toString()}`);
}

export interface ArchiveFilters {
  from?: string;
  to?: string;
  agentId?: string;
  siteId?: string;
  departmentId?: string;
  rating?: 'good' | 'bad' | 'none';
  /** Chats carrying every one of these tags. */
  tagId?: string[];
  limit?: number;
  offset?: number;
}

/** GET /api/archive: closed chats the signed-in agent may open, most recently closed first. */
export function archiveApi(f: ArchiveFilters): Promise<ArchiveResponse> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (Array.isArray(v)) for (const each of v as string[]) params.append(k, each);
    else if (v !== undefined && v !== '') params.set(k, String(v));
  }
  return apiRequest<ArchiveResponse>(`/archive?${params.toString()}`);
}
