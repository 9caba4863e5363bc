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
