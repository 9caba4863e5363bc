import type { QueueInfo } from '@parley/protocol';
import { queuePosition, queueStatus, strings } from '../strings';

interface Props {
  queue: QueueInfo | null;
  /** Nobody can take the chat now: the place in line only, an estimate would mislead. */
  positionOnly: boolean;
}

/** The visitor's place in line and the estimated wait, updated live; read out politely. */
export function QueueBar({ queue, positionOnly }: Props) {
  return (
    <div class="queue" role="status">
      <span class="queue-dot" aria-hidden="true" />
      {!queue
        ? strings.waitingForAgent
        : positionOnly
          ? queuePosition(queue.position)
          : queueStatus(queue.position, queue.etaSeconds)}
    </div>
  );
}
