import type { Ticket, TicketMessage, TicketUpdateInput } from '@parley/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useConsole } from '../../context';
import { useTicketChanges } from './useTicketOptions';

/** One ticket and its thread, read again whenever it changes; changes save at once. */
export function useTicket(id: string) {
  const { api } = useConsole();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [messages, setMessages] = useState<TicketMessage[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const res = await api.readTicket(id);
      setTicket(res.ticket);
      setMessages(res.messages);
    } catch (err) {
      setError(err);
    }
  }, [api, id]);
  useEffect(() => void load(), [load]);
  const reload = useCallback(() => void load(), [load]);
  const isThis = useCallback((changed: string) => changed === id, [id]);
  useTicketChanges(isThis, reload);

  const change = useCallback(
    async (patch: TicketUpdateInput) => {
      setBusy(true);
      setError(null);
      try {
        setTicket(await api.updateTicket(id, patch));
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    },
    [api, id],
  );
  const clearError = useCallback(() => setError(null), []);
  return { ticket, messages, error, busy, reload, change, clearError };
}
