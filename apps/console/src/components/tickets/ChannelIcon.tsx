import { ThemeIcon, Tooltip } from '@mantine/core';
import type { TicketChannel } from '@parley/protocol';
import { IconForms, IconMail, IconMessages } from '@tabler/icons-react';
import { channelLabel } from './ticketLabels';

const icons = { web_form: IconForms, email: IconMail, chat: IconMessages } as const;

/** Where a ticket came from, as an icon with its name for screen readers and on hover. */
export function ChannelIcon({ channel }: { channel: TicketChannel }) {
  const Icon = icons[channel];
  const label = channelLabel[channel];
  return (
    <Tooltip label={label} withArrow>
      <ThemeIcon variant="light" color="gray" size="md" radius="xl" role="img" aria-label={label}>
        <Icon size={16} aria-hidden />
      </ThemeIcon>
    </Tooltip>
  );
}
