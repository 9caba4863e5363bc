/** Small line icons (decorative: every button that uses one has its own accessible name). */
const base = {
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': 2,
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
  'aria-hidden': true,
} as const;

export const ChevronDown = () => (
  <svg {...base} width="20" height="20">
    <path d="M6 9l6 6 6-6" />
  </svg>
);

export const EndIcon = () => (
  <svg {...base} width="18" height="18">
    <path d="M18 6L6 18M6 6l12 12" />
  </svg>
);

export const SendIcon = () => (
  <svg {...base} width="18" height="18">
    <path d="M5 12h13M13 6l6 6-6 6" />
  </svg>
);

export const MoonIcon = () => (
  <svg {...base} width="18" height="18">
    <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />
  </svg>
);

export const ChatIcon = () => (
  <svg {...base} width="22" height="22">
    <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z" />
  </svg>
);

export const CheckIcon = () => (
  <svg {...base} width="18" height="18">
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </svg>
);

export const ClockIcon = () => (
  <svg {...base} width="18" height="18">
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </svg>
);

export const PaperclipIcon = () => (
  <svg {...base} width="19" height="19">
    <path d="M20.5 11.5l-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />
  </svg>
);

export const SmileIcon = () => (
  <svg {...base} width="19" height="19">
    <circle cx="12" cy="12" r="9" />
    <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0M9 9.5h.01M15 9.5h.01" />
  </svg>
);

/** A paragraph mark with an arrow pointing the way the text runs. */
export const DirectionIcon = ({ rtl }: { rtl: boolean }) => (
  <svg {...base} width="19" height="19">
    <path d="M14 4v11M10 4v11M17 4H9.5a3.5 3.5 0 0 0 0 7H10" />
    <path d={rtl ? 'M19 20H5m3-3l-3 3 3 3' : 'M5 20h14m-3-3l3 3-3 3'} />
  </svg>
);

export const FileIcon = () => (
  <svg {...base} width="20" height="20">
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5M9 13h6M9 17h4" />
  </svg>
);

export const DownloadIcon = () => (
  <svg {...base} width="16" height="16">
    <path d="M12 4v11M7 10.5l5 5 5-5M5 20h14" />
  </svg>
);

export const SmallX = () => (
  <svg {...base} width="14" height="14">
    <path d="M17 7L7 17M7 7l10 10" />
  </svg>
);

export const MoreIcon = () => (
  <svg {...base} width="20" height="20">
    <path d="M5 12h.01M12 12h.01M19 12h.01" stroke-width="3" />
  </svg>
);

export const BellIcon = ({ off }: { off: boolean }) => (
  <svg {...base} width="18" height="18">
    <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15zM10 20.5a2.2 2.2 0 0 0 4 0" />
    {off && <path d="M4 4l16 16" />}
  </svg>
);

export const MailIcon = () => (
  <svg {...base} width="18" height="18">
    <rect x="3.5" y="5.5" width="17" height="13" rx="2" />
    <path d="M4 7l8 6 8-6" />
  </svg>
);

export const UserIcon = () => (
  <svg {...base} width="18" height="18">
    <circle cx="12" cy="8.5" r="3.8" />
    <path d="M4.5 20a7.5 7.5 0 0 1 15 0" />
  </svg>
);

export const LockIcon = () => (
  <svg {...base} width="13" height="13" stroke-width="2.4">
    <rect x="5" y="10.5" width="14" height="10" rx="2" />
    <path d="M8 10.5V8a4 4 0 0 1 8 0v2.5" />
  </svg>
);

export const ThumbIcon = ({ down }: { down?: boolean }) => (
  <svg {...base} width="18" height="18" style={down ? { transform: 'scaleY(-1)' } : undefined}>
    <path d="M7 10.5v9.5H4.5v-9.5zM7 10.5l3.8-6.3a1.9 1.9 0 0 1 3.5 1.3l-.8 4h5a2 2 0 0 1 2 2.4l-1.3 6.5a2 2 0 0 1-2 1.6H7" />
  </svg>
);

export const ExternalIcon = () => (
  <svg {...base} width="14" height="14" stroke-width="2.4">
    <path d="M14 5h5v5M19 5l-8 8M17 14v4a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 5 18V8.5A1.5 1.5 0 0 1 6.5 7H10" />
  </svg>
);
