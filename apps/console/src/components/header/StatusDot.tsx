import type { AgentStatus } from '@parley/protocol';
import { agentStatusMeta } from '../../statusMeta';

/** The colour of an availability, drawn as a dot; the label next to it carries the meaning. */
export function StatusDot({ status, size = 10 }: { status: AgentStatus; size?: number }) {
  const { color } = agentStatusMeta[status];
  const hollow = status === 'invisible';
  return (
    <span
      aria-hidden
      style={{
        display: 'inline-block',
        flex: 'none',
        width: size,
        height: size,
        borderRadius: '50%',
        background: hollow ? 'transparent' : color,
        border: `2px solid ${color}`,
        boxSizing: 'border-box',
      }}
    />
  );
}
