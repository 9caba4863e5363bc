import { TicketInbox } from '../tickets/TicketInbox';
import { TicketView } from '../tickets/TicketView';

/** The Tickets page: the inbox, or one ticket when the URL names it (#/tickets/<id>). */
export default function TicketsPage({ ticketId }: { ticketId?: string | undefined }) {
  return ticketId ? <TicketView key={ticketId} id={ticketId} /> : <TicketInbox />;
}
