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
import type { AgentRow } from '../storage/schema.js';
import { requestsOf } from './handler.js';
import { rooms } from './rooms.js';

const Empty = z.object({});

/**
 * The Visitors page and the right panel: every agent may see the sites' visitors (there is
 * one team per installation); inviting needs Online, sending a page needs the right to reply.
 */
export function registerVisitorsPageEvents(
  socket: Socket,
  deps: Deps,
  current: () => AgentRow,
): void {
  const on = requestsOf<AgentClientEvents>(socket, deps.log);

  on.request('visitors:list', Empty, async () => {
    // Join first: a change between the read and the join would otherwise be missed.
    await socket.join(rooms.visitorsPage);
    return { visitors: await listLiveVisitors(deps) };
  });

  on.request('visitors:unsubscribe', Empty, async () => {
    await socket.leave(rooms.visitorsPage);
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
