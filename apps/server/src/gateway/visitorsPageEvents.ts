import type { AgentClientEvents } from '@parley/protocol';
import { BanInput, ProactiveInviteInput, SendPageInput, VisitorRef } from '@parley/protocol';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { presentSendResult } from '../presenters/message.js';
import { banVisitor } from '../services/visitors/bans.js';
import type { Deps } from '../services/deps.js';
import { inviteVisitor } from '../services/visitors/proactiveInvitations.js';
import { sendPageCard } from '../services/messages/sendPage.js';
import { listLiveVisitors, visitorDetails } from '../services/visitors/visitors.js';
import type { AgentRecord } from '../domain/records.js';
import { requestsOf } from './handler.js';
import { rooms, visitorsPageRooms } from './rooms.js';
import { withAccess } from '../services/access.js';

const Empty = z.object({});

/**
 * The Visitors page and the right panel: the visitors of the sites the agent works on
 * (domain/access.ts); inviting needs Online, sending a page needs the right to reply.
 */
export function registerVisitorsPageEvents(
  socket: Socket,
  deps: Deps,
  current: () => AgentRecord,
): void {
  const on = requestsOf<AgentClientEvents>(socket, deps.log);

  on.request('visitors:list', Empty, async () => {
    const agent = await withAccess(deps, current());
    // Join first: a change between the read and the join would otherwise be missed. Only the
    // rooms of the agent's sites, so other sites' visitors never reach this socket.
    (socket.data as { visitorsPage?: boolean }).visitorsPage = true;
    await socket.join(visitorsPageRooms(agent.access));
    return { visitors: await listLiveVisitors(deps, agent.access) };
  });

  on.request('visitors:unsubscribe', Empty, async () => {
    (socket.data as { visitorsPage?: boolean }).visitorsPage = false;
    for (const room of [...socket.rooms])
      if (room.startsWith(rooms.visitorsPage('')) || room === rooms.visitorsPageAll)
        await socket.leave(room);
    return {};
  });

  on.request('visitor:get', VisitorRef, async ({ visitorId }) => {
    await socket.join(rooms.visitorWatch(visitorId));
    const visitor = await visitorDetails(deps, visitorId, current());
    if (!visitor) {
      await socket.leave(rooms.visitorWatch(visitorId));
      throw new AppError('NOT_FOUND', 'Visitor not found.');
    }
    return { visitor };
  });

  on.request('visitor:unwatch', VisitorRef, async ({ visitorId }) => {
    await socket.leave(rooms.visitorWatch(visitorId));
    return {};
  });

  on.request('visitor:invite', ProactiveInviteInput, async (input) => ({
    invitation: await inviteVisitor(deps, current(), input),
  }));

  on.request('visitor:ban', BanInput, async (input) => ({
    ban: await banVisitor(deps, current(), input),
  }));

  on.request('conversation:sendPage', SendPageInput, async (input) =>
    presentSendResult(await sendPageCard(deps, current(), input)),
  );
}
