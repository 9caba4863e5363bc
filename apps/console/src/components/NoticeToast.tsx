import { Notification, Portal } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useConsole, useConsoleState } from '../context';

const VISIBLE_MS = 8_000;

/** Short-lived news from the client ("Another agent already took this chat"). */
export function NoticeToast() {
  const { client } = useConsole();
  const { notice } = useConsoleState();

  useEffect(() => {
    if (!notice || notice.sticky) return;
    const timer = setTimeout(() => client.dismissNotice(notice.id), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [client, notice]);

  if (!notice) return null;
  const error = notice.tone === 'error';
  return (
    <Portal>
      <Notification
        role="alert"
        color={error ? 'red' : 'indigo'}
        icon={error ? <IconAlertTriangle size={18} /> : <IconInfoCircle size={18} />}
        onClose={() => client.dismissNotice(notice.id)}
        closeButtonProps={{ 'aria-label': 'Dismiss' }}
        withBorder
        // Bottom left sits over the end of the chat lists, clear of the chat's own buttons.
        style={{
          position: 'fixed',
          bottom: 12,
          left: 12,
          zIndex: 400,
          width: 'min(340px, calc(100vw - 24px))',
        }}
      >
        {notice.message}
      </Notification>
    </Portal>
  );
}
