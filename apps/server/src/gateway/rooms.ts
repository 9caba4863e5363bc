/** Socket.IO room names, in one place so emitters and joiners cannot disagree. */
export const rooms = {
  /** Every socket of one agent (all their tabs). */
  agent: (agentId: string) => `agent:${agentId}`,
  /** Every socket of one signed-in session, so sign-out can disconnect them. */
  session: (sessionId: string) => `session:${sessionId}`,
  /** Every agent socket: waiting chats are everyone's business. */
  allAgents: 'agents',
  supervisors: 'supervisors',
  /** Agent sockets watching one conversation. */
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  /** Every visitor socket on one site: availability changes go here. */
  site: (siteId: string) => `site:${siteId}`,
  /** Agent sockets with the Visitors page open. */
  visitorsPage: 'visitors-page',
  /** Agent sockets showing one visitor's details (the right panel). */
  visitorWatch: (visitorId: string) => `visitor-watch:${visitorId}`,
  /** Every socket (tab) of one visitor. */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
} as const;
