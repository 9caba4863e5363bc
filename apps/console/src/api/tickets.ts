import type {
  AgentTranscriptInput,
  ChatTicketsResponse,
  Ticket,
  TicketBadgeResponse,
  TicketListQuery,
  TicketListResponse,
  TicketReplyResponse,
  TicketResponse,
  TicketThreadResponse,
  TicketUpdateInput,
} from '@parley/protocol';
import { apiRequest } from './http';

type Change = <T>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown) => Promise<T>;

const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}`;
const chatPath = (id: string) => `/conversations/${encodeURIComponent(id)}`;

/** The ticket inbox: list with filters and counts, one ticket's thread, replies, notes, changes. */
export function ticketsApi(change: Change) {
  return {
    listTickets: (filters: Omit<TicketListQuery, 'limit'>): Promise<TicketListResponse> => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(filters))
        if (value !== undefined && value !== '') query.set(key, String(value));
      const qs = query.toString();
      return apiRequest<TicketListResponse>(`/tickets${qs ? `?${qs}` : ''}`);
    },
    ticketBadge: (): Promise<number> =>
      apiRequest<TicketBadgeResponse>('/tickets/badge').then((r) => r.count),
    readTicket: (id: string): Promise<TicketThreadResponse> =>
      apiRequest<TicketThreadResponse>(ticketPath(id)),
    updateTicket: (id: string, patch: TicketUpdateInput): Promise<Ticket> =>
      change<TicketResponse>('PATCH', ticketPath(id), patch).then((r) => r.ticket),
    replyToTicket: (id: string, body: string, internal: boolean): Promise<TicketReplyResponse> =>
      change<TicketReplyResponse>('POST', `${ticketPath(id)}/messages`, { body, internal }),
    /** The tickets made from a chat. */
    chatTickets: (conversationId: string): Promise<Ticket[]> =>
      apiRequest<ChatTicketsResponse>(`${chatPath(conversationId)}/tickets`).then((r) => r.tickets),
    /** "Create ticket" on a chat: linked to it, its public transcript quoted, assigned to me. */
    ticketFromChat: (conversationId: string, subject?: string): Promise<Ticket> =>
      change<TicketResponse>('POST', `${chatPath(conversationId)}/tickets`, {
        ...(subject ? { subject } : {}),
      }).then((r) => r.ticket),
    /** "Email transcript": the chat's public part to any address. */
    emailTranscript: (conversationId: string, input: AgentTranscriptInput): Promise<string> =>
      change<{ sentTo: string }>('POST', `${chatPath(conversationId)}/transcript`, input).then(
        (r) => r.sentTo,
      ),
    /** Where a file an email brought downloads from. */
    fileUrl: (ticketId: string, fileId: string): string =>
      `/api/v1${ticketPath(ticketId)}/files/${encodeURIComponent(fileId)}`,
    /** Where the email of one message can be downloaded exactly as received. */
    originalUrl: (ticketId: string, messageId: string): string =>
      `/api/v1${ticketPath(ticketId)}/messages/${encodeURIComponent(messageId)}/original`,
  };
}
