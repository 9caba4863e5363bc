import type { AgentRole, Distribution } from '@parley/protocol';

/** Human names for protocol enums (kept here so the protocol's zod schemas stay out of the bundle). */

export const distributionMeta: Record<Distribution, { label: string; hint: string }> = {
  to_all: {
    label: 'To all — first to accept',
    hint: 'Every available member is offered the chat at once; whoever accepts first gets it.',
  },
  round_robin: {
    label: 'Round robin',
    hint: 'Members are offered chats in turn.',
  },
  least_busy: {
    label: 'Least busy',
    hint: 'The available member with the fewest open chats is offered it.',
  },
};
export const distributionOrder: readonly Distribution[] = ['to_all', 'round_robin', 'least_busy'];

export const roleMeta: Record<AgentRole, { label: string; hint: string }> = {
  admin: { label: 'Admin', hint: 'Everything, including settings and agents' },
  supervisor: { label: 'Supervisor', hint: 'Sees every chat and the team; reads settings' },
  agent: { label: 'Agent', hint: 'Answers chats' },
};
export const roleOrder: readonly AgentRole[] = ['agent', 'supervisor', 'admin'];

/** The tag a site owner pastes into their pages to show the chat widget. */
export function embedSnippet(origin: string, siteKey: string): string {
  return `<script async src="${origin}/widget/loader.js" data-site="${siteKey}"></script>`;
}
