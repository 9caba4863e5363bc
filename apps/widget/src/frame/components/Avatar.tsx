import { initials } from '../format';

interface Props {
  name: string;
  /** Only pictures served by Parley itself are shown (the frame's CSP allows no others). */
  url?: string | null;
  size?: 'sm' | 'md' | 'lg';
}

function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url, location.href);
    return u.origin === location.origin ? u.href : null;
  } catch {
    return null;
  }
}

export function Avatar({ name, url, size = 'md' }: Props) {
  const src = safeUrl(url);
  return (
    <span class={`avatar avatar-${size}`} aria-hidden="true">
      {src ? <img src={src} alt="" /> : initials(name)}
    </span>
  );
}
