import {
  API_PREFIX,
  ArchiveQuery,
  SearchQuery,
  type ArchiveResponse,
  type SearchResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { listArchive } from '../../services/history/archive.js';
import { search } from '../../services/history/search.js';
import type { Deps } from '../../services/deps.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';

/**
 * Search and the Archive of closed chats: signed-in agents only (a visitor token never
 * reaches them), each within what the agent may open.
 */
export function historyRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(`${API_PREFIX}/search`, async (request): Promise<SearchResponse> => {
    const { agent } = await requireAgent(deps, request);
    return search(deps, agent, parseInput(SearchQuery, request.query));
  });

  app.get(`${API_PREFIX}/archive`, async (request): Promise<ArchiveResponse> => {
    const { agent } = await requireAgent(deps, request);
    return listArchive(deps, agent, parseInput(ArchiveQuery, request.query));
  });
}
