import { Tooltip, VisuallyHidden } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

const HINT = "Verified: the site's signed identity vouches for it";

/** The lock next to a name, email or attribute a signed identity vouches for. */
export function VerifiedLock({ size = 13 }: { size?: number }) {
  return (
    <Tooltip label={HINT}>
      <span
        style={{
          display: 'inline-flex',
          verticalAlign: '-2px',
          marginInlineStart: 4,
          color: 'var(--mantine-color-teal-7)',
        }}
      >
        <IconLock size={size} stroke={2.2} aria-hidden />
        <VisuallyHidden>(verified)</VisuallyHidden>
      </span>
    </Tooltip>
  );
}
