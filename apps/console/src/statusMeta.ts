import type { AgentStatus, ConversationStatus } from '@parley/protocol';

/** Labels and dot colours for the agent's own availability. */
export const agentStatusMeta: Record<AgentStatus, { label: string; color: string; hint: string }> =
  {
    online: { label: 'Online', color: 'var(--mantine-color-green-6)', hint: 'Takes new chats' },
    away: {
      label: 'Away',
      color: 'var(--mantine-color-yellow-6)',
      hint: 'Keeps current chats only',
    },
    invisible: {
      label: 'Invisible',
      color: 'var(--mantine-color-gray-5)',
      hint: 'Looks offline to visitors',
    },
    offline: { label: 'Offline', color: 'var(--mantine-color-red-6)', hint: 'Not available' },
  };

/** Display order, most available first. Kept here (not the protocol's zod enum) to keep zod out of the bundle. */
export const agentStatusOrder: readonly AgentStatus[] = ['online', 'away', 'invisible', 'offline'];

export const conversationStatusMeta: Record<ConversationStatus, { label: string; color: string }> =
  {
    queued: { label: 'Waiting', color: 'orange' },
    offered: { label: 'Waiting', color: 'orange' },
    active: { label: 'Active', color: 'green' },
    closed: { label: 'Closed', color: 'gray' },
  };
