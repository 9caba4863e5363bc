import { useNow } from '../../hooks/useNow';
import { formatCountdown } from '../../format';

interface OfferCountdownProps {
  seenAt: number | undefined;
  timeoutSeconds: number | null;
}

/** "0:24": seconds left to answer an offer, ticking on its own so the list does not re-render. */
export function OfferCountdown({ seenAt, timeoutSeconds }: OfferCountdownProps) {
  const now = useNow(1_000);
  if (seenAt === undefined || timeoutSeconds === null) return null;
  const left = Math.max(0, Math.ceil(timeoutSeconds - (now - seenAt) / 1000));
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatCountdown(left)}</span>;
}
