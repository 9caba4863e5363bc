import type { Connection } from '../state/types';
import { strings } from '../strings';

/** Only shown when something is wrong; "connecting" fades in late so quick loads never flash it. */
export function ConnectionBanner({ connection }: { connection: Connection }) {
  if (connection === 'online' || connection === 'unavailable') return null;
  return (
    <div class={`banner banner-${connection}`} role="status">
      {connection === 'connecting' ? strings.connecting : strings.reconnecting}
    </div>
  );
}
