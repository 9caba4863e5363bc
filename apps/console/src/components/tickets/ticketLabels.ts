import type { TicketChannel, TicketPriority, TicketStatus } from '@parley/protocol';

/** Words and colours of a ticket's status, priority and channel, in one place. */
export const statusMeta: Record<TicketStatus, { label: string; color: string }> = {
  open: { label: 'Open', color: 'orange' },
  pending: { label: 'Pending', color: 'blue' },
  solved: { label: 'Solved', color: 'teal' },
  closed: { label: 'Closed', color: 'gray' },
};

export const priorityMeta: Record<TicketPriority, { label: string; color: string }> = {
  low: { label: 'Low', color: 'gray' },
  normal: { label: 'Normal', color: 'gray' },
  high: { label: 'High', color: 'orange' },
  urgent: { label: 'Urgent', color: 'red' },
};

export const channelLabel: Record<TicketChannel, string> = {
  web_form: 'Web form',
  email: 'Email',
  chat: 'Chat',
};

export const ticketStatusList: TicketStatus[] = ['open', 'pending', 'solved', 'closed'];
export const ticketPriorityList: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
export const ticketChannelList: TicketChannel[] = ['web_form', 'email', 'chat'];
