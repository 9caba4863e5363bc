import type { Agent, Department } from '@parley/protocol';
import { useEffect, useState } from 'react';
import { useConsole } from '../../context';

export interface TicketOptions {
  agents: Agent[];
  departments: Department[];
}

/** Colleagues and departments, for the assignee and department pickers (empty until loaded). */
export function useTicketOptions(): TicketOptions {
  const { api } = useConsole();
  const [options, setOptions] = useState<TicketOptions>({ agents: [], departments: [] });
  useEffect(() => {
    let live = true;
    Promise.all([api.listAgents(), api.listDepartments()]).then(
      ([agents, departments]) => live && setOptions({ agents, departments }),
      // The pickers then offer only "me" and "unassigned"; the list itself still works.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return options;
}

/** Reloads when a ticket changes (`matches` decides which), and after a reconnection. */
export function useTicketChanges(matches: (ticketId: string) => boolean, reload: () => void) {
  const { client } = useConsole();
  useEffect(
    () => client.onTicketsChanged((id) => (id === null || matches(id) ? reload() : undefined)),
    [client, matches, reload],
  );
}
